package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.stream.Checkpoint;
import dev.faaslab.events.stream.StreamChange;
import dev.faaslab.events.stream.StreamMapping;
import dev.faaslab.events.stream.StreamRecord;
import dev.faaslab.events.stream.StreamStore;
import dev.faaslab.events.stream.StreamViewType;
import dev.faaslab.events.stream.TableStream;
import dev.faaslab.state.table.Table;
import dev.faaslab.state.table.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Table streams, their records and their mappings, in {@code kv_streams}, {@code kv_stream_records} and {@code stream_mappings} (V7). */
public final class JdbcStreamStore implements StreamStore {

    private static final String MAPPING_COLUMNS = "workspace_id, uuid, table_name, function_name, qualifier,"
            + " batch_size, starting_position, maximum_retry_attempts, bisect_batch_on_function_error,"
            + " on_failure_queue, report_batch_item_failures, enabled, position_seq, attempts, batch_limit, created_at";

    private final DataSource dataSource;

    public JdbcStreamStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Adds the record of a write to the table's stream, when it has one on, in the write's transaction. The
     * stream's row stays locked until that commits, so records commit in the order of their numbers.
     */
    static void append(Connection connection, WorkspaceId workspace, Table table, Optional<String> before,
                       Optional<String> after, long nowMillis) throws SQLException {
        Optional<TableStream> stream = find(connection, workspace, table.name());
        if (stream.isEmpty() || !stream.get().enabled()) {
            return;
        }
        Optional<StreamChange> change = StreamChange.of(table, stream.get().viewType(), before, after);
        if (change.isEmpty()) {
            return;
        }
        try (PreparedStatement next = connection.prepareStatement("UPDATE kv_streams SET last_seq = last_seq + 1"
                + " WHERE workspace_id = ? AND table_name = ?")) {
            next.setString(1, workspace.value());
            next.setString(2, table.name());
            next.executeUpdate();
        }
        long sequence = find(connection, workspace, table.name()).orElseThrow().lastSequence();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv_stream_records (workspace_id,"
                + " table_name, seq, event_id, event_name, view_type, keys_json, new_image, old_image, size_bytes,"
                + " created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            StreamChange c = change.get();
            insert.setString(1, workspace.value());
            insert.setString(2, table.name());
            insert.setLong(3, sequence);
            insert.setString(4, UUID.randomUUID().toString());
            insert.setString(5, c.eventName().name());
            insert.setString(6, c.viewType().name());
            insert.setString(7, c.keys());
            insert.setString(8, c.newImage());
            insert.setString(9, c.oldImage());
            insert.setInt(10, c.sizeBytes());
            insert.setLong(11, nowMillis);
            insert.executeUpdate();
        }
    }

    @Override
    public Optional<TableStream> stream(WorkspaceId workspace, String table) {
        return Transactions.run(dataSource, "read the stream of '" + table + "'",
                connection -> find(connection, workspace, table));
    }

    @Override
    public TableStream enable(WorkspaceId workspace, String table, StreamViewType viewType, String label) {
        return Transactions.run(dataSource, "turn on the stream of '" + table + "'", connection -> {
            Optional<TableStream> existing = find(connection, workspace, table);
            if (existing.isPresent()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE kv_streams SET view_type = ?,"
                        + " enabled = TRUE WHERE workspace_id = ? AND table_name = ?")) {
                    update.setString(1, viewType.name());
                    update.setString(2, workspace.value());
                    update.setString(3, table);
                    update.executeUpdate();
                }
            } else {
                try (PreparedStatement exists = connection.prepareStatement(
                        "SELECT 1 FROM kv_tables WHERE workspace_id = ? AND name = ?")) {
                    exists.setString(1, workspace.value());
                    exists.setString(2, table);
                    try (ResultSet row = exists.executeQuery()) {
                        if (!row.next()) {
                            throw Tables.notFound(table);
                        }
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv_streams (workspace_id,"
                        + " table_name, view_type, enabled, label, last_seq) VALUES (?, ?, ?, TRUE, ?, 0)")) {
                    insert.setString(1, workspace.value());
                    insert.setString(2, table);
                    insert.setString(3, viewType.name());
                    insert.setString(4, label);
                    insert.executeUpdate();
                }
            }
            return find(connection, workspace, table).orElseThrow();
        });
    }

    @Override
    public boolean disable(WorkspaceId workspace, String table) {
        return Transactions.run(dataSource, "turn off the stream of '" + table + "'", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE kv_streams SET enabled = FALSE"
                    + " WHERE workspace_id = ? AND table_name = ? AND enabled")) {
                update.setString(1, workspace.value());
                update.setString(2, table);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<StreamRecord> records(WorkspaceId workspace, String table, long afterSequence, int limit,
                                      long notBeforeMillis) {
        return Transactions.run(dataSource, "read the stream of '" + table + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, event_id, event_name,"
                    + " view_type, keys_json, new_image, old_image, created_at_ms FROM kv_stream_records"
                    + " WHERE workspace_id = ? AND table_name = ? AND seq > ? AND created_at_ms >= ?"
                    + " ORDER BY seq FETCH FIRST " + limit + " ROWS ONLY")) {
                select.setString(1, workspace.value());
                select.setString(2, table);
                select.setLong(3, afterSequence);
                select.setLong(4, notBeforeMillis);
                try (ResultSet row = select.executeQuery()) {
                    List<StreamRecord> records = new ArrayList<>();
                    while (row.next()) {
                        records.add(new StreamRecord(row.getLong("seq"), row.getString("event_id"),
                                row.getLong("created_at_ms"), new StreamChange(
                                        StreamChange.EventName.valueOf(row.getString("event_name")),
                                        StreamViewType.valueOf(row.getString("view_type")), row.getString("keys_json"),
                                        row.getString("new_image"), row.getString("old_image"))));
                    }
                    return List.copyOf(records);
                }
            }
        });
    }

    @Override
    public int trim(long beforeMillis) {
        return Transactions.run(dataSource, "forget expired stream records", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM kv_stream_records WHERE created_at_ms < ?")) {
                delete.setLong(1, beforeMillis);
                return delete.executeUpdate();
            }
        });
    }

    // ---- mappings ----

    @Override
    public void createMapping(WorkspaceId workspace, StreamMapping mapping, Checkpoint start) {
        Transactions.run(dataSource, "save the stream mapping " + mapping.uuid(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO stream_mappings ("
                    + MAPPING_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspace.value());
                insert.setString(2, mapping.uuid());
                insert.setString(3, mapping.table());
                insert.setString(4, mapping.function());
                insert.setString(5, mapping.qualifier());
                insert.setInt(6, mapping.batchSize());
                insert.setString(7, mapping.startingPosition().name());
                insert.setInt(8, mapping.maximumRetryAttempts());
                insert.setBoolean(9, mapping.bisectBatchOnFunctionError());
                insert.setString(10, mapping.onFailureQueue());
                insert.setBoolean(11, mapping.reportBatchItemFailures());
                insert.setBoolean(12, mapping.enabled());
                insert.setLong(13, start.sequence());
                insert.setInt(14, start.attempts());
                insert.setInt(15, start.batchLimit());
                Rows.bindInstant(insert, 16, mapping.createdAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Positioned> mapping(WorkspaceId workspace, String uuid) {
        return selectMappings("workspace_id = ? AND uuid = ?", workspace.value(), uuid).stream().findFirst();
    }

    @Override
    public List<Positioned> mappings(WorkspaceId workspace) {
        return selectMappings("workspace_id = ?", workspace.value());
    }

    @Override
    public List<Positioned> enabledMappings() {
        return selectMappings("enabled");
    }

    @Override
    public boolean deleteMapping(WorkspaceId workspace, String uuid) {
        return Transactions.run(dataSource, "delete the stream mapping " + uuid, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM stream_mappings WHERE workspace_id = ? AND uuid = ?")) {
                delete.setString(1, workspace.value());
                delete.setString(2, uuid);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void checkpoint(WorkspaceId workspace, String uuid, Checkpoint checkpoint) {
        Transactions.run(dataSource, "move the stream mapping " + uuid + " on", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE stream_mappings SET position_seq = ?,"
                    + " attempts = ?, batch_limit = ? WHERE workspace_id = ? AND uuid = ?")) {
                update.setLong(1, checkpoint.sequence());
                update.setInt(2, checkpoint.attempts());
                update.setInt(3, checkpoint.batchLimit());
                update.setString(4, workspace.value());
                update.setString(5, uuid);
                update.executeUpdate();
            }
            return null;
        });
    }

    private List<Positioned> selectMappings(String where, String... values) {
        return Transactions.run(dataSource, "read the stream mappings", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MAPPING_COLUMNS
                    + " FROM stream_mappings WHERE " + where + " ORDER BY created_at, uuid")) {
                for (int i = 0; i < values.length; i++) {
                    select.setString(i + 1, values[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    List<Positioned> found = new ArrayList<>();
                    while (row.next()) {
                        found.add(new Positioned(new WorkspaceId(row.getString("workspace_id")), new StreamMapping(
                                row.getString("uuid"), row.getString("table_name"), row.getString("function_name"),
                                row.getString("qualifier"), row.getInt("batch_size"),
                                StreamMapping.StartingPosition.valueOf(row.getString("starting_position")),
                                row.getInt("maximum_retry_attempts"), row.getBoolean("bisect_batch_on_function_error"),
                                row.getString("on_failure_queue"), row.getBoolean("report_batch_item_failures"),
                                row.getBoolean("enabled"), Rows.readInstant(row, "created_at")),
                                new Checkpoint(row.getLong("position_seq"), row.getInt("attempts"),
                                        row.getInt("batch_limit"))));
                    }
                    return List.copyOf(found);
                }
            }
        });
    }

    private static Optional<TableStream> find(Connection connection, WorkspaceId workspace, String table)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT view_type, enabled, label, last_seq"
                + " FROM kv_streams WHERE workspace_id = ? AND table_name = ?")) {
            select.setString(1, workspace.value());
            select.setString(2, table);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new TableStream(table, StreamViewType.valueOf(row.getString("view_type")),
                        row.getBoolean("enabled"), row.getString("label"), row.getLong("last_seq")))
                        : Optional.empty();
            }
        }
    }
}
