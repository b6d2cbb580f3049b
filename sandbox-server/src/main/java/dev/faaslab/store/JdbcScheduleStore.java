package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.schedule.Schedule;
import dev.faaslab.events.schedule.ScheduleStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Schedules in the {@code schedules} table. */
public final class JdbcScheduleStore implements ScheduleStore {

    private static final String COLUMNS = "expression, function_name, qualifier, enabled, input, created_at, "
            + "updated_at, started_at, last_fired_at";

    private final DataSource dataSource;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcScheduleStore.class);

    public JdbcScheduleStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Map<WorkspaceId, List<Schedule>> all() {
        return Transactions.run(dataSource, "read the schedules", connection -> {
            Map<WorkspaceId, List<Schedule>> all = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT workspace_id, name, " + COLUMNS
                    + " FROM schedules ORDER BY workspace_id, name");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime fired = row.getObject("last_fired_at", OffsetDateTime.class);
                    Schedule schedule;
                    try {
                        schedule = new Schedule(row.getString("name"), row.getString("expression"),
                                row.getString("function_name"), row.getString("qualifier"), row.getBoolean("enabled"),
                                row.getString("input"), Rows.readInstant(row, "created_at"),
                                Rows.readInstant(row, "updated_at"), Rows.readInstant(row, "started_at"),
                                fired == null ? null : fired.toInstant());
                    } catch (IllegalArgumentException e) {
                        // Stored by an earlier version that accepted more (cron's W and L with lists, for one): the
                        // server starts without it rather than not at all, and says how to mend it.
                        LOG.warn("the schedule '{}' of workspace '{}' ({}) is no longer valid and will not fire: {};"
                                        + " put it again with a valid expression, or delete it",
                                row.getString("name"), row.getString("workspace_id"), row.getString("expression"),
                                e.getMessage());
                        continue;
                    }
                    all.computeIfAbsent(new WorkspaceId(row.getString("workspace_id")), k -> new ArrayList<>()).add(schedule);
                }
            }
            return all;
        });
    }

    @Override
    public void save(WorkspaceId workspace, Schedule schedule) {
        Transactions.run(dataSource, "save the schedule '" + schedule.name() + "' of workspace '" + workspace + "'",
                connection -> {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM schedules WHERE workspace_id = ? AND name = ?")) {
                        delete.setString(1, workspace.value());
                        delete.setString(2, schedule.name());
                        delete.executeUpdate();
                    }
                    Rows.ensureWorkspace(connection, workspace, schedule.updatedAt());
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO schedules (workspace_id, name, "
                            + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, workspace.value());
                        insert.setString(2, schedule.name());
                        insert.setString(3, schedule.expression());
                        insert.setString(4, schedule.function());
                        insert.setString(5, schedule.qualifier());
                        insert.setBoolean(6, schedule.enabled());
                        insert.setString(7, schedule.input());
                        Rows.bindInstant(insert, 8, schedule.createdAt());
                        Rows.bindInstant(insert, 9, schedule.updatedAt());
                        Rows.bindInstant(insert, 10, schedule.startedAt());
                        if (schedule.lastFiredAt() == null) {
                            insert.setNull(11, Types.TIMESTAMP_WITH_TIMEZONE);
                        } else {
                            Rows.bindInstant(insert, 11, schedule.lastFiredAt());
                        }
                        insert.executeUpdate();
                    }
                    return null;
                });
    }

    @Override
    public boolean delete(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "delete the schedule '" + name + "' of workspace '" + workspace + "'",
                connection -> {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM schedules WHERE workspace_id = ? AND name = ?")) {
                        delete.setString(1, workspace.value());
                        delete.setString(2, name);
                        return delete.executeUpdate() == 1;
                    }
                });
    }

    @Override
    public void fired(WorkspaceId workspace, String name, Instant scheduled) {
        Transactions.run(dataSource, "note that the schedule '" + name + "' of workspace '" + workspace + "' fired",
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE schedules SET last_fired_at = ? WHERE workspace_id = ? AND name = ?")) {
                        Rows.bindInstant(update, 1, scheduled);
                        update.setString(2, workspace.value());
                        update.setString(3, name);
                        update.executeUpdate();
                    }
                    return null;
                });
    }
}
