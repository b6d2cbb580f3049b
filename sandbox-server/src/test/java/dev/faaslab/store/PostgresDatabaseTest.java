package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.WorkspaceId;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A database on a PostgreSQL server")
class PostgresDatabaseTest {

    @TempDir
    Path temp;

    @Nested
    @DisplayName("when opened")
    class Opening {

        @Test
        @DisplayName("migrates a new, empty database with the same migrations as H2's, and says where it is")
        void migratesAnEmptyDatabase() throws Exception {
            TestPostgres server = TestPostgres.get();
            server.execute("CREATE DATABASE empty_one TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
            try (Database database = Database.open(temp.resolve("files"), server.url("empty_one"))) {
                assertEquals("postgresql://faaslab@127.0.0.1:" + server.port() + "/empty_one", database.location());
                assertEquals(temp.resolve("files"), database.directory());
                assertTrue(Files.isDirectory(temp.resolve("files")), "the buckets' files have their directory");
                try (Database h2 = Database.open(temp.resolve("h2"))) {
                    assertEquals(migrations(h2), migrations(database));
                }
                new JdbcFunctionStore(database.dataSource()).save(WorkspaceId.LOCAL, Specs.js("hello"), Instant.now());
            }
        }
    }

    /** The migrations Flyway ran, in order, as {@code version description}. */
    private static List<String> migrations(Database database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             // Quoted: Flyway names its table and columns in lower case, which H2 would otherwise fold to upper.
             ResultSet row = statement.executeQuery("SELECT \"version\", \"description\" FROM \"flyway_schema_history\""
                     + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> migrations = new ArrayList<>();
            while (row.next()) {
                migrations.add(row.getString(1) + " " + row.getString(2));
            }
            return migrations;
        }
    }

    @Nested
    @DisplayName("when it cannot be used")
    class Refusing {

        @Test
        @DisplayName("refuses a database another server has open, and opens it once that one closes")
        void inUse() {
            TestPostgres server = TestPostgres.get();
            PostgresUrl url = server.url(temp.resolve("shared"));
            try (Database first = Database.open(temp.resolve("one"), url)) {
                var e = assertThrows(DatabaseServerException.class, () -> Database.open(temp.resolve("two"), url));
                assertEquals("the database " + url + " is in use by another FaaS Lab server: stop it, or name another"
                        + " database with --database", e.getMessage());
            }
            Database.open(temp.resolve("two"), url).close();
        }

        @Test
        @DisplayName("refuses a server that is not running, saying to start it or correct the address")
        void serverDown() throws Exception {
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            PostgresUrl nowhere = new PostgresUrl("faaslab", null, "127.0.0.1", closed, "faaslab", "");
            var e = assertThrows(DatabaseServerException.class, () -> Database.open(temp.resolve("files"), nowhere));
            assertTrue(e.getMessage().startsWith("cannot reach the PostgreSQL server at 127.0.0.1:" + closed + " ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("start it, or correct the host and port in --database"), e.getMessage());
        }

        @Test
        @DisplayName("refuses a database that does not exist, saying how to create it")
        void noSuchDatabase() {
            TestPostgres server = TestPostgres.get();
            var e = assertThrows(DatabaseServerException.class,
                    () -> Database.open(temp.resolve("files"), server.url("missing")));
            assertEquals("the PostgreSQL server at 127.0.0.1:" + server.port() + " has no database 'missing': create it"
                    + " with createdb --template=template0 --encoding=UTF8 --locale=C -h 127.0.0.1 -p " + server.port()
                    + " -U faaslab missing, or name another in --database", e.getMessage());
        }

        @Test
        @DisplayName("refuses a user the server does not know")
        void unknownUser() {
            TestPostgres server = TestPostgres.get();
            PostgresUrl stranger = new PostgresUrl("mallory", "guess", "127.0.0.1", server.port(), "postgres", "");
            var e = assertThrows(DatabaseServerException.class, () -> Database.open(temp.resolve("files"), stranger));
            assertTrue(e.getMessage().startsWith("the PostgreSQL server at 127.0.0.1:" + server.port()
                    + " refused the user 'mallory' ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("correct the user or password in --database, or let the server's"
                    + " pg_hba.conf accept it"), e.getMessage());
        }

        @Test
        @DisplayName("refuses a database that is not UTF8 in the C locale, whose lists would come in another order")
        void wrongEncoding() {
            TestPostgres server = TestPostgres.get();
            server.execute("CREATE DATABASE latin TEMPLATE template0 ENCODING 'SQL_ASCII' LOCALE 'C'");
            var e = assertThrows(DatabaseServerException.class,
                    () -> Database.open(temp.resolve("files"), server.url("latin")));
            assertTrue(e.getMessage().startsWith("the database postgresql://faaslab@127.0.0.1:" + server.port()
                    + "/latin is in SQL_ASCII sorted by the locale C, and FaaS Lab needs UTF8"), e.getMessage());
            assertTrue(e.getMessage().contains("createdb --template=template0 --encoding=UTF8 --locale=C"), e.getMessage());
        }
    }
}
