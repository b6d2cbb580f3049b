package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.WorkspaceData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Progress and settings documents in the {@code progress} and {@code settings} tables. */
public final class JdbcWorkspaceData implements WorkspaceData {

    /** One of the two document tables; the names are constants, never input, so they go into SQL as text. */
    private enum Documents {
        PROGRESS("progress", "progress_key", "progress document"),
        SETTINGS("settings", "setting_key", "setting");

        final String table;
        final String keyColumn;
        final String noun;

        Documents(String table, String keyColumn, String noun) {
            this.table = table;
            this.keyColumn = keyColumn;
            this.noun = noun;
        }
    }

    private final DataSource dataSource;

    public JdbcWorkspaceData(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The workspace's progress documents, ordered by key. */
    @Override
    public Map<String, String> progress(WorkspaceId workspace) {
        Documents documents = Documents.PROGRESS;
        return Transactions.run(dataSource, "read the progress of workspace '" + workspace + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + documents.keyColumn
                    + ", document FROM " + documents.table + " WHERE workspace_id = ? ORDER BY " + documents.keyColumn)) {
                select.setString(1, workspace.value());
                Map<String, String> progress = new LinkedHashMap<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        progress.put(row.getString(1), row.getString(2));
                    }
                }
                return Collections.unmodifiableMap(progress);
            }
        });
    }

    @Override
    public void putProgress(WorkspaceId workspace, String key, String json, Instant now) {
        put(Documents.PROGRESS, workspace, key, json, now);
    }

    @Override
    public void deleteProgress(WorkspaceId workspace, String key) {
        Documents documents = Documents.PROGRESS;
        Transactions.run(dataSource, "delete the progress document '" + key + "' of workspace '" + workspace + "'",
                connection -> {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + documents.table
                            + " WHERE workspace_id = ? AND " + documents.keyColumn + " = ?")) {
                        delete.setString(1, workspace.value());
                        delete.setString(2, key);
                        delete.executeUpdate();
                    }
                    return null;
                });
    }

    @Override
    public void replaceProgress(WorkspaceId workspace, Map<String, String> progress, Instant now) {
        Documents documents = Documents.PROGRESS;
        // Checked before the transaction starts, so that a bad document cannot leave half an import behind.
        progress.forEach((key, json) -> {
            Rows.requireKey("the " + documents.noun + "'s key", key);
            Rows.requireJson("the " + documents.noun + " '" + key + "'", json);
        });
        Transactions.run(dataSource, "replace the progress of workspace '" + workspace + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + documents.table
                    + " WHERE workspace_id = ?")) {
                delete.setString(1, workspace.value());
                delete.executeUpdate();
            }
            if (progress.isEmpty()) {
                return null;
            }
            Rows.ensureWorkspace(connection, workspace, now);
            try (PreparedStatement insert = connection.prepareStatement(insert(documents))) {
                for (Map.Entry<String, String> document : progress.entrySet()) {
                    insert.setString(1, workspace.value());
                    insert.setString(2, document.getKey());
                    insert.setString(3, document.getValue());
                    Rows.bindInstant(insert, 4, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<String> progress(WorkspaceId workspace, String key) {
        return document(Documents.PROGRESS, workspace, key);
    }

    @Override
    public Optional<String> setting(WorkspaceId workspace, String key) {
        return document(Documents.SETTINGS, workspace, key);
    }

    private Optional<String> document(Documents documents, WorkspaceId workspace, String key) {
        String what = "read the " + documents.noun + " '" + key + "' of workspace '" + workspace + "'";
        return Transactions.run(dataSource, what, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT document FROM " + documents.table
                    + " WHERE workspace_id = ? AND " + documents.keyColumn + " = ?")) {
                select.setString(1, workspace.value());
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void putSetting(WorkspaceId workspace, String key, String json, Instant now) {
        put(Documents.SETTINGS, workspace, key, json, now);
    }

    private void put(Documents documents, WorkspaceId workspace, String key, String json, Instant now) {
        Rows.requireKey("the " + documents.noun + "'s key", key);
        Rows.requireJson("the " + documents.noun + " '" + key + "'", json);
        Transactions.run(dataSource, "save the " + documents.noun + " '" + key + "' of workspace '" + workspace + "'",
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE " + documents.table
                            + " SET document = ?, updated_at = ? WHERE workspace_id = ? AND " + documents.keyColumn
                            + " = ?")) {
                        update.setString(1, json);
                        Rows.bindInstant(update, 2, now);
                        update.setString(3, workspace.value());
                        update.setString(4, key);
                        if (update.executeUpdate() == 1) {
                            return null;
                        }
                    }
                    // New: a concurrent writer of the same key makes this insert fail; the retry updates.
                    Rows.ensureWorkspace(connection, workspace, now);
                    try (PreparedStatement insert = connection.prepareStatement(insert(documents))) {
                        insert.setString(1, workspace.value());
                        insert.setString(2, key);
                        insert.setString(3, json);
                        Rows.bindInstant(insert, 4, now);
                        insert.executeUpdate();
                    }
                    return null;
                });
    }

    private static String insert(Documents documents) {
        return "INSERT INTO " + documents.table + " (workspace_id, " + documents.keyColumn
                + ", document, updated_at) VALUES (?, ?, ?, ?)";
    }
}
