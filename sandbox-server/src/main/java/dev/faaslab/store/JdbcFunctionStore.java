package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.FunctionStore;
import dev.faaslab.platform.VersionRecord;
import dev.faaslab.runtime.FunctionConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Functions and their published versions in the {@code functions} and {@code function_versions} tables. */
public final class JdbcFunctionStore implements FunctionStore {

    private static final String FUNCTION_COLUMNS = "workspace_id, name, " + Rows.SPEC_COLUMNS
            + ", revision, code_sha256, created_at, updated_at";
    private static final String VERSION_COLUMNS = "workspace_id, function_name, version, " + Rows.SPEC_COLUMNS
            + ", description, code_sha256, created_at";
    private static final String BY_NAME = " WHERE workspace_id = ? AND name = ?";

    private final DataSource dataSource;

    public JdbcFunctionStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<FunctionRecord> find(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "read the function '" + name + "' in workspace '" + workspace + "'",
                connection -> function(connection, workspace, name, false));
    }

    @Override
    public List<FunctionRecord> list(WorkspaceId workspace) {
        return Transactions.run(dataSource, "list the functions of workspace '" + workspace + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + FUNCTION_COLUMNS + " FROM functions WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspace.value());
                List<FunctionRecord> functions = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        functions.add(function(row));
                    }
                }
                return List.copyOf(functions);
            }
        });
    }

    @Override
    public Saved save(WorkspaceId workspace, FunctionSpec spec, Instant now) {
        Instant at = Rows.stored(now);
        String sha = spec.codeSha256();
        return Transactions.run(dataSource, "save the function '" + spec.name() + "' in workspace '" + workspace + "'",
                connection -> {
                    Rows.ensureWorkspace(connection, workspace, at);
                    // Update first: the row lock makes concurrent saves of one function queue, each adding 1.
                    try (PreparedStatement update = connection.prepareStatement("UPDATE functions SET "
                            + Rows.SPEC_ASSIGNMENTS + ", code_sha256 = ?, updated_at = ?, revision = revision + 1"
                            + BY_NAME)) {
                        int i = Rows.bindSpec(update, 1, spec);
                        update.setString(i++, sha);
                        Rows.bindInstant(update, i++, at);
                        update.setString(i++, workspace.value());
                        update.setString(i, spec.name());
                        if (update.executeUpdate() == 1) {
                            return new Saved(function(connection, workspace, spec.name(), false).orElseThrow(), false);
                        }
                    }
                    // New: a concurrent creator of the same name makes this insert fail; the retry updates.
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO functions ("
                            + FUNCTION_COLUMNS + ") VALUES (?, ?, " + Rows.SPEC_MARKERS + ", 1, ?, ?, ?)")) {
                        insert.setString(1, workspace.value());
                        insert.setString(2, spec.name());
                        int i = Rows.bindSpec(insert, 3, spec);
                        insert.setString(i++, sha);
                        Rows.bindInstant(insert, i++, at);
                        Rows.bindInstant(insert, i, at);
                        insert.executeUpdate();
                    }
                    return new Saved(new FunctionRecord(workspace, spec, 1, sha, at, at), true);
                });
    }

    @Override
    public boolean delete(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "delete the function '" + name + "' in workspace '" + workspace + "'",
                connection -> {
                    // The versions go with it: function_versions references functions ON DELETE CASCADE.
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM functions" + BY_NAME)) {
                        delete.setString(1, workspace.value());
                        delete.setString(2, name);
                        return delete.executeUpdate() > 0;
                    }
                });
    }

    @Override
    public VersionRecord publish(WorkspaceId workspace, String name, String description, Instant now,
                                 Runnable beforeNew) {
        Instant at = Rows.stored(now);
        String text = Objects.requireNonNullElse(description, "");
        return Transactions.run(dataSource, "publish the function '" + name + "' in workspace '" + workspace + "'",
                connection -> {
                    // FOR UPDATE queues concurrent publishes of this function (and saves of it) behind this
                    // one, so each sees the versions before it; the primary key backs this up.
                    FunctionRecord latest = function(connection, workspace, name, true)
                            .orElseThrow(() -> new NoSuchElementException("there is no function '" + name
                                    + "' in workspace '" + workspace + "' to publish: create it first"));
                    Optional<VersionRecord> newest = newestVersion(connection, workspace, name);
                    if (newest.isPresent() && sameCodeAndConfiguration(newest.get().spec(), latest.spec())) {
                        return newest.get();
                    }
                    beforeNew.run();
                    int number = newest.map(version -> version.version() + 1).orElse(1);
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO function_versions ("
                            + VERSION_COLUMNS + ") VALUES (?, ?, ?, " + Rows.SPEC_MARKERS + ", ?, ?, ?)")) {
                        insert.setString(1, workspace.value());
                        insert.setString(2, name);
                        insert.setInt(3, number);
                        int i = Rows.bindSpec(insert, 4, latest.spec());
                        insert.setString(i++, text);
                        insert.setString(i++, latest.codeSha256());
                        Rows.bindInstant(insert, i, at);
                        insert.executeUpdate();
                    }
                    return new VersionRecord(workspace, name, number, latest.spec(), text, latest.codeSha256(), at);
                });
    }

    @Override
    public List<VersionRecord> versions(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "list the versions of '" + name + "' in workspace '" + workspace + "'",
                connection -> {
                    try (PreparedStatement select = connection.prepareStatement("SELECT " + VERSION_COLUMNS
                            + " FROM function_versions WHERE workspace_id = ? AND function_name = ? ORDER BY version")) {
                        select.setString(1, workspace.value());
                        select.setString(2, name);
                        List<VersionRecord> versions = new ArrayList<>();
                        try (ResultSet row = select.executeQuery()) {
                            while (row.next()) {
                                versions.add(version(row));
                            }
                        }
                        return List.copyOf(versions);
                    }
                });
    }

    @Override
    public Optional<VersionRecord> version(WorkspaceId workspace, String name, int version) {
        return Transactions.run(dataSource, "read version " + version + " of '" + name + "' in workspace '"
                + workspace + "'", connection -> {
                    try (PreparedStatement select = connection.prepareStatement("SELECT " + VERSION_COLUMNS
                            + " FROM function_versions WHERE workspace_id = ? AND function_name = ? AND version = ?")) {
                        select.setString(1, workspace.value());
                        select.setString(2, name);
                        select.setInt(3, version);
                        try (ResultSet row = select.executeQuery()) {
                            return row.next() ? Optional.of(version(row)) : Optional.empty();
                        }
                    }
                });
    }

    @Override
    public Map<String, StoredVersions> storedVersions(WorkspaceId workspace) {
        return Transactions.run(dataSource, "measure the versions of workspace '" + workspace + "'", connection -> {
            // OCTET_LENGTH counts a text's bytes in UTF-8 (H2 and PostgreSQL alike), as the platform counts code.
            try (PreparedStatement select = connection.prepareStatement("SELECT function_name, COUNT(*) AS versions,"
                    + " SUM(CASE WHEN code_package IS NULL THEN OCTET_LENGTH(code) ELSE OCTET_LENGTH(code_package) * 3 / 4 END)"
                    + " AS code_bytes FROM function_versions WHERE workspace_id = ?"
                    + " GROUP BY function_name")) {
                select.setString(1, workspace.value());
                Map<String, StoredVersions> stored = new HashMap<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        stored.put(row.getString("function_name"),
                                new StoredVersions(row.getInt("versions"), row.getLong("code_bytes")));
                    }
                }
                return Map.copyOf(stored);
            }
        });
    }

    @Override
    public List<WorkspaceId> workspaces() {
        return Transactions.run(dataSource, "list the workspaces", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM workspaces ORDER BY id");
                 ResultSet row = select.executeQuery()) {
                List<WorkspaceId> workspaces = new ArrayList<>();
                while (row.next()) {
                    workspaces.add(new WorkspaceId(row.getString("id")));
                }
                return List.copyOf(workspaces);
            }
        });
    }

    /**
     * Lambda publishes nothing new when neither code nor configuration changed. "Configuration" is what
     * the runtime runs (handler, language, memory, timeout, variables); the scaling settings are the
     * function's, not a version's, so changing only them does not make a new version.
     */
    private static boolean sameCodeAndConfiguration(FunctionSpec published, FunctionSpec latest) {
        return published.toConfig(FunctionConfig.LATEST).equals(latest.toConfig(FunctionConfig.LATEST));
    }

    private static Optional<FunctionRecord> function(Connection connection, WorkspaceId workspace, String name,
                                                     boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + FUNCTION_COLUMNS + " FROM functions"
                + BY_NAME + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, workspace.value());
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(function(row)) : Optional.empty();
            }
        }
    }

    private static Optional<VersionRecord> newestVersion(Connection connection, WorkspaceId workspace, String name)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM function_versions WHERE workspace_id = ? AND function_name = ?"
                + " ORDER BY version DESC FETCH FIRST 1 ROW ONLY")) {
            select.setString(1, workspace.value());
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(version(row)) : Optional.empty();
            }
        }
    }

    private static FunctionRecord function(ResultSet row) throws SQLException {
        return new FunctionRecord(new WorkspaceId(row.getString("workspace_id")), Rows.readSpec(row, "name"),
                row.getLong("revision"), row.getString("code_sha256"), Rows.readInstant(row, "created_at"),
                Rows.readInstant(row, "updated_at"));
    }

    private static VersionRecord version(ResultSet row) throws SQLException {
        return new VersionRecord(new WorkspaceId(row.getString("workspace_id")), row.getString("function_name"),
                row.getInt("version"), Rows.readSpec(row, "function_name"), row.getString("description"),
                row.getString("code_sha256"), Rows.readInstant(row, "created_at"));
    }
}
