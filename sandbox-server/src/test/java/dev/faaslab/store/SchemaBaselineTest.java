package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

@DisplayName("The baseline migration B5")
class SchemaBaselineTest {

    /** The versioned migrations it stands for. */
    private static final List<String> BEFORE = List.of("V1__create_tables.sql", "V2__queues.sql",
            "V3__kv_tables.sql", "V4__buckets.sql", "V5__schedules.sql");
    /**
     * The versioned migrations after it, which run after it on a new data directory and after V5 on an older one:
     * every one in the migrations folder past V5, in version order, so that a new migration is covered as it lands.
     */
    private static final List<String> AFTER = later();

    private static List<String> later() {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql") && version(name) > 5)
                    .sorted(java.util.Comparator.comparingInt(SchemaBaselineTest::version)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int version(String name) {
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    @TempDir
    Path temp;

    @Test
    @DisplayName("followed by the later migrations, builds the same tables, columns, keys and indexes as every"
            + " versioned migration run one after the other")
    void buildsWhatTheVersionedMigrationsBuild() throws Exception {
        List<String> fromBaseline;
        try (Database database = Database.open(temp.resolve("baseline"))) {
            fromBaseline = schema(database.dataSource());
            assertEquals(concat(List.of("5 B5__schema.sql"), historyOf(AFTER)), history(database.dataSource()), "a new data directory runs the baseline, then what came after it");
        }
        List<String> fromVersions = schema(migratedByVersionsOnly(temp.resolve("versions"), concat(BEFORE, AFTER)));
        assertTrue(fromVersions.size() > 100, "the comparison reads the schema: " + fromVersions.size() + " facts");
        assertTrue(fromBaseline.stream().anyMatch(fact -> fact.startsWith("PENDING_EVENTS ")
                && fact.contains("NEXT_ATTEMPT_AT_MS,SEQ")), "and sees V6's index: " + fromBaseline);
        assertEquals(fromVersions, fromBaseline);
    }

    @Test
    @DisplayName("is ignored by a data directory that V1 to V5 migrated, which opens with the later migrations run")
    void leavesAnOlderDirectoryAlone() throws Exception {
        Path directory = temp.resolve("older");
        JdbcConnectionPool pool = migratedByVersionsOnly(directory, BEFORE);
        List<String> before = history(pool);
        pool.dispose();
        try (Database database = Database.open(directory)) {
            assertEquals(concat(before, historyOf(AFTER)), history(database.dataSource()));
            assertFalse(history(database.dataSource()).stream().anyMatch(row -> row.contains("B5")));
        }
    }

    @Test
    @DisplayName("builds the same schema on PostgreSQL as the versioned migrations do there, too")
    void buildsTheSameOnPostgresql() throws Exception {
        TestPostgres server = TestPostgres.get();
        server.execute("CREATE DATABASE baseline_from_b5 TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
        server.execute("CREATE DATABASE baseline_from_v TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
        List<String> fromBaseline;
        try (Database database = Database.open(temp.resolve("b5-files"), server.url("baseline_from_b5"))) {
            fromBaseline = postgresSchema(database.dataSource());
            assertEquals(concat(List.of("5 B5__schema.sql"), historyOf(AFTER)), history(database.dataSource()));
        }
        PostgresUrl versions = server.url("baseline_from_v");
        PGSimpleDataSource data = new PGSimpleDataSource();
        data.setUrl(versions.jdbcUrl());
        data.setUser(versions.user());
        Flyway.configure().dataSource(data).locations("filesystem:" + scripts(temp.resolve("v"), concat(BEFORE, AFTER)))
                .load().migrate();
        List<String> fromVersions = postgresSchema(data);
        assertTrue(fromVersions.size() > 100, "the comparison reads the schema: " + fromVersions.size() + " facts");
        assertEquals(fromVersions, fromBaseline);
    }

    /** As {@link #schema}, from PostgreSQL's catalog: constraints and indexes by their definitions. */
    private static List<String> postgresSchema(DataSource data) throws SQLException {
        List<String> facts = new ArrayList<>();
        facts.addAll(rows(data, """
                SELECT table_name, ordinal_position, column_name, data_type, character_maximum_length,
                       numeric_precision, numeric_scale, is_nullable, column_default, is_identity
                FROM information_schema.columns WHERE table_schema = 'public'
                  AND table_name <> 'flyway_schema_history'"""));
        facts.addAll(rows(data, """
                SELECT conrelid::regclass::text, contype, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'flyway_schema_history'"""));
        facts.addAll(rows(data, """
                SELECT tablename, indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'"""));
        facts.sort(null);
        return facts;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** A database migrated by copies of these V files alone, as every data directory was before B5. */
    private static JdbcConnectionPool migratedByVersionsOnly(Path directory, List<String> versioned) throws IOException {
        Path scripts = scripts(directory, versioned);
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + directory.resolve(Database.FILE_NAME)
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        Flyway.configure().dataSource(pool).locations("filesystem:" + scripts).load().migrate();
        return pool;
    }

    /** Copies of these migrations, alone in a directory beside {@code directory}. */
    private static Path scripts(Path directory, List<String> versioned) throws IOException {
        Path scripts = Files.createDirectories(directory.resolveSibling(directory.getFileName() + "-scripts"));
        for (String name : versioned) {
            try (InputStream in = SchemaBaselineTest.class.getResourceAsStream("/db/migration/" + name)) {
                Files.copy(in, scripts.resolve(name));
            }
        }
        return scripts;
    }

    private static List<String> history(DataSource data) throws SQLException {
        return rows(data, "SELECT \"version\", \"script\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL"
                + " ORDER BY \"installed_rank\"");
    }

    /**
     * What the schema is, as sorted lines of text: every column with its type, nullability, default and
     * position; every key and foreign key by its columns (H2 names constraints itself, so names differ);
     * every index by its columns.
     */
    private static List<String> schema(DataSource data) throws SQLException {
        List<String> facts = new ArrayList<>();
        facts.addAll(rows(data, """
                SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,
                       NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY
                FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'
                  AND TABLE_NAME <> 'flyway_schema_history'"""));
        facts.addAll(rows(data, """
                SELECT c.TABLE_NAME, c.CONSTRAINT_TYPE,
                       LISTAGG(k.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION),
                       MAX(u.TABLE_NAME), MAX(r.DELETE_RULE)
                FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c
                JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
                  ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME
                LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r
                  ON r.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = c.CONSTRAINT_NAME
                LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS u
                  ON u.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA AND u.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
                WHERE c.TABLE_SCHEMA = 'PUBLIC' AND c.TABLE_NAME <> 'flyway_schema_history'
                GROUP BY c.TABLE_NAME, c.CONSTRAINT_TYPE, c.CONSTRAINT_NAME"""));
        facts.addAll(rows(data, """
                SELECT i.TABLE_NAME, i.INDEX_TYPE_NAME,
                       LISTAGG(c.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY c.ORDINAL_POSITION),
                       CASE WHEN i.INDEX_NAME LIKE 'QUEUE_MESSAGES_BY_%' THEN i.INDEX_NAME ELSE '' END
                FROM INFORMATION_SCHEMA.INDEXES i
                JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c
                  ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME
                WHERE i.TABLE_SCHEMA = 'PUBLIC' AND i.TABLE_NAME <> 'flyway_schema_history'
                GROUP BY i.TABLE_NAME, i.INDEX_TYPE_NAME, i.INDEX_NAME"""));
        facts.sort(null);
        return facts;
    }

    private static List<String> rows(DataSource data, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** The history rows these migrations leave: "8 V8__x.sql" for V8__x.sql. */
    private static List<String> historyOf(List<String> migrations) {
        return migrations.stream().map(name -> name.substring(1, name.indexOf("__")) + " " + name).toList();
    }
}
