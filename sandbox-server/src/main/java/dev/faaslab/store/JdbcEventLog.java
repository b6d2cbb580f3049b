package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.EventLog;
import dev.faaslab.platform.PendingEvent;
import dev.faaslab.runtime.sdk.Lineage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The server's pending asynchronous invocations, of every workspace, in the {@code pending_events} table;
 * its index {@code pending_events_by_due} finds the due ones.
 */
public final class JdbcEventLog implements EventLog {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "request_id, workspace_id, function_name, qualifier, payload, received_at,"
            + " attempts, next_attempt_at_ms, last_error, lineage";

    private final DataSource dataSource;

    public JdbcEventLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** @throws IllegalStateException when an event with this request id is already pending */
    @Override
    public void append(PendingEvent event) {
        Transactions.run(dataSource, "record the event " + event.requestId(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pending_events"
                    + " (request_id, workspace_id, function_name, qualifier, payload, received_at, attempts,"
                    + " next_attempt_at_ms, last_error, lineage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, event.requestId());
                insert.setString(2, event.workspace().value());
                insert.setString(3, event.functionName());
                insert.setString(4, event.qualifier());
                insert.setString(5, event.payload());
                Rows.bindInstant(insert, 6, event.receivedAt());
                insert.setInt(7, event.attempts());
                insert.setLong(8, event.nextAttemptAt().toEpochMilli());
                insert.setString(9, event.lastError());
                insert.setString(10, event.lineage().header());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Not a race to retry: request ids are unique, so this is a caller's mistake.
                    throw new IllegalStateException("the event " + event.requestId() + " is already pending", e);
                }
                throw e;
            }
            return null;
        });
    }

    /** Records a failed attempt; nothing happens when the event is no longer pending. */
    @Override
    public void reschedule(PendingEvent event) {
        Transactions.run(dataSource, "reschedule the event " + event.requestId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE pending_events"
                    + " SET attempts = ?, next_attempt_at_ms = ?, last_error = ? WHERE request_id = ?")) {
                update.setInt(1, event.attempts());
                update.setLong(2, event.nextAttemptAt().toEpochMilli());
                update.setString(3, event.lastError());
                update.setString(4, event.requestId());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets the event; nothing happens when it is not pending (it may have been removed already). */
    @Override
    public void remove(String requestId) {
        Transactions.run(dataSource, "remove the event " + requestId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM pending_events WHERE request_id = ?")) {
                delete.setString(1, requestId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Oldest first: by the time received, then by the order appended. */
    @Override
    public List<PendingEvent> pending() {
        return Transactions.run(dataSource, "read the pending events", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM pending_events ORDER BY received_at, seq");
                 ResultSet row = select.executeQuery()) {
                return events(row, Set.of(), Integer.MAX_VALUE);
            }
        });
    }

    /** Reads past the excepted ones, which are few (the events the platform is running). */
    @Override
    public List<PendingEvent> due(Instant now, int limit, Set<String> except) {
        return Transactions.run(dataSource, "read the due events", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM pending_events WHERE next_attempt_at_ms <= ? ORDER BY next_attempt_at_ms, seq"
                    + " FETCH FIRST ? ROWS ONLY")) {
                select.setLong(1, now.toEpochMilli());
                select.setInt(2, limit + except.size());
                try (ResultSet row = select.executeQuery()) {
                    return events(row, except, limit);
                }
            }
        });
    }

    @Override
    public Map<WorkspaceId, Backlog> backlogs() {
        return Transactions.run(dataSource, "count the pending events", connection -> {
            // OCTET_LENGTH is the payload's size in UTF-8 (H2 and PostgreSQL alike), as the platform counts it.
            try (PreparedStatement select = connection.prepareStatement("SELECT workspace_id, COUNT(*) AS events,"
                    + " SUM(OCTET_LENGTH(payload)) AS bytes FROM pending_events GROUP BY workspace_id");
                 ResultSet row = select.executeQuery()) {
                Map<WorkspaceId, Backlog> backlogs = new HashMap<>();
                while (row.next()) {
                    backlogs.put(new WorkspaceId(row.getString("workspace_id")),
                            new Backlog(row.getLong("events"), row.getLong("bytes")));
                }
                return Map.copyOf(backlogs);
            }
        });
    }

    private static List<PendingEvent> events(ResultSet row, Set<String> except, int limit) throws SQLException {
        List<PendingEvent> events = new ArrayList<>();
        while (events.size() < limit && row.next()) {
            String requestId = row.getString("request_id");
            if (!except.contains(requestId)) {
                events.add(new PendingEvent(requestId, new WorkspaceId(row.getString("workspace_id")),
                        row.getString("function_name"), row.getString("qualifier"), row.getString("payload"),
                        Rows.readInstant(row, "received_at"), row.getInt("attempts"),
                        Instant.ofEpochMilli(row.getLong("next_attempt_at_ms")), row.getString("last_error"),
                        Lineage.parse(row.getString("lineage"))));
            }
        }
        return List.copyOf(events);
    }
}
