package dev.faaslab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.EventInvokeConfig;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/** How values become columns and columns values, shared by the stores so that they agree. */
final class Rows {

    /** The columns a function's specification takes, in {@link #bindSpec}'s order (without the name). */
    static final String SPEC_COLUMNS = "language, handler, code, memory_mb, timeout_ms, environment, "
            + "reserved_concurrency, provisioned_concurrency, keep_alive_ms, "
            + "maximum_retry_attempts, maximum_event_age_s, on_failure_queue, retry_delays, code_package, style, bindings";
    /** One parameter marker per column of {@link #SPEC_COLUMNS}, for an INSERT's values. */
    static final String SPEC_MARKERS = String.join(", ",
            java.util.Collections.nCopies(SPEC_COLUMNS.split(",").length, "?"));
    /** {@link #SPEC_COLUMNS} as an UPDATE's assignments, {@code language = ?, handler = ?, …}. */
    static final String SPEC_ASSIGNMENTS = SPEC_COLUMNS.replace(",", " = ?,") + " = ?";

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final ObjectReader STRICT = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Rows() {
    }

    /** Binds a whole number that may be absent: SQL's NULL for null. */
    static void bindInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    /** Binds {@link #SPEC_COLUMNS} from {@code first} on; returns the next free index. */
    static int bindSpec(PreparedStatement statement, int first, FunctionSpec spec) throws SQLException {
        int i = first;
        statement.setString(i++, spec.language().runtimeName());
        statement.setString(i++, spec.handler().toString());
        statement.setString(i++, spec.code());
        statement.setInt(i++, spec.memoryMb());
        statement.setLong(i++, spec.timeout().toMillis());
        statement.setString(i++, environmentJson(spec.environment()));
        bindInteger(statement, i++, spec.reservedConcurrency());
        statement.setInt(i++, spec.provisionedConcurrency());
        statement.setLong(i++, spec.keepAlive().toMillis());
        EventInvokeConfig eventInvoke = spec.eventInvoke();
        statement.setInt(i++, eventInvoke.maximumRetryAttempts());
        statement.setInt(i++, (int) eventInvoke.maximumEventAge().toSeconds());
        statement.setString(i++, eventInvoke.onFailure());
        statement.setString(i++, eventInvoke.retryDelays().label());
        statement.setString(i++, spec.codePackage() == null ? null : spec.codePackage().toBase64());
        statement.setString(i++, spec.style());
        statement.setString(i++, spec.bindings().isEmpty() ? null : environmentJson(spec.bindings()));
        return i;
    }

    /** Reads {@link #SPEC_COLUMNS} of the current row; the function's name is in {@code nameColumn}. */
    static FunctionSpec readSpec(ResultSet row, String nameColumn) throws SQLException {
        return new FunctionSpec(
                row.getString(nameColumn),
                Language.fromName(row.getString("language")),
                HandlerName.parse(row.getString("handler")),
                row.getString("code"),
                row.getInt("memory_mb"),
                Duration.ofMillis(row.getLong("timeout_ms")),
                environment(row.getString("environment")),
                row.getObject("reserved_concurrency", Integer.class),
                row.getInt("provisioned_concurrency"),
                Duration.ofMillis(row.getLong("keep_alive_ms")),
                new EventInvokeConfig(row.getInt("maximum_retry_attempts"),
                        Duration.ofSeconds(row.getInt("maximum_event_age_s")), row.getString("on_failure_queue"),
                        EventInvokeConfig.RetryDelays.fromLabel(row.getString("retry_delays"))),
                packageOf(row.getString("code_package")),
                row.getString("style"),
                row.getString("bindings") == null ? Map.of() : environment(row.getString("bindings")));
    }

    private static dev.faaslab.runtime.CodePackage packageOf(String base64) {
        return base64 == null ? null : dev.faaslab.runtime.CodePackage.fromBase64(base64);
    }

    /**
     * The instant as the database keeps it: H2 and PostgreSQL both store microseconds, so what a write
     * returns must be truncated too, or it would differ from what a later read returns.
     */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
    }

    static Instant readInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Rejects text that is not one JSON value, before it is stored where a later reader would trip on it. */
    static void requireJson(String what, String json) {
        if (json == null) {
            throw new IllegalArgumentException(what + " is missing: send a JSON document");
        }
        try {
            STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: "
                    + Database.firstLine(e.getOriginalMessage()), e);
        }
    }

    /** Rejects a document key the primary key's column could not hold. */
    static void requireKey(String what, String key) {
        if (key == null || key.isEmpty() || key.length() > 256) {
            throw new IllegalArgumentException(what + " must be 1 to 256 characters, not "
                    + (key == null ? "missing" : key.length() + " characters"));
        }
    }

    /** Creates the workspace's row unless it exists; a concurrent creator makes this fail with 23505 (retried). */
    static void ensureWorkspace(Connection connection, WorkspaceId workspace, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM workspaces WHERE id = ?")) {
            select.setString(1, workspace.value());
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO workspaces (id, created_at) VALUES (?, ?)")) {
            insert.setString(1, workspace.value());
            bindInstant(insert, 2, now);
            insert.executeUpdate();
        }
    }

    private static String environmentJson(Map<String, String> environment) {
        try {
            // Sorted, so that equal maps are equal text.
            return JSON.writeValueAsString(new TreeMap<>(environment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    private static Map<String, String> environment(String json) {
        try {
            return JSON.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored environment is not a JSON object of strings: "
                    + Database.firstLine(e.getOriginalMessage()), e);
        }
    }
}
