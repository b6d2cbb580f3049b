package dev.faaslab.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * Connections to a database on a PostgreSQL server, pooled by HikariCP: the driver's own pool
 * (PGPoolingDataSource) is deprecated and neither validates nor replaces a connection the server dropped.
 * Before the pool starts, one connection checks that the database can be used and says why not.
 */
final class PostgresConnections {

    /** As many as H2's pool allows: the platform's writers, pollers and the HTTP threads share them. */
    private static final int POOL_SIZE = 10;
    /** Kept open while idle: a classroom's servers may share one PostgreSQL, whose connections are processes. */
    private static final int IDLE = 2;
    /** Seconds to wait for a server that does not answer, so that a wrong host fails instead of hanging. */
    private static final String CONNECT_TIMEOUT_S = "10";
    /**
     * synchronous_commit on: a commit returns only once it is in the server's write-ahead log on disk, so
     * an acknowledged write survives a crash of the server too, whatever its configuration says.
     * lock_timeout: as H2's LOCK_TIMEOUT, a writer waits 10 s for another's row lock, then retries.
     */
    private static final String SESSION = "SET synchronous_commit TO on; SET lock_timeout TO '10s'";
    /**
     * Collations under which text sorts as H2 sorts it, by character: lists (of functions, keys, objects)
     * come in the same order from both. Under a language's collation, 'B' would follow 'a'.
     */
    private static final Set<String> CHARACTER_ORDER = Set.of("C", "POSIX", "C.UTF-8", "C.utf8");

    /**
     * The advisory lock a server holds on its database while it runs ("FaaSLab" in ASCII): as H2's file lock
     * does for a directory, it keeps a second server off, whose pollers and scheduler would run everything twice.
     */
    private static final long IN_USE_LOCK = 0x4661_6153_4c61_62L;
    private static final int CLAIM_ATTEMPTS = 10;
    private static final long CLAIM_PAUSE_MS = 100;

    private PostgresConnections() {
    }

    /**
     * Takes the database for this server, on a connection of its own that holds the lock until it is closed.
     *
     * @throws DatabaseServerException when another server has it
     */
    static Connection claim(PostgresUrl server) {
        try {
            Connection connection = DriverManager.getConnection(server.jdbcUrl(), credentials(server));
            try (Statement statement = connection.createStatement()) {
                // A server killed a moment ago holds the lock until PostgreSQL sees its connection close.
                for (int attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
                    try (ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + IN_USE_LOCK + ")")) {
                        row.next();
                        if (row.getBoolean(1)) {
                            return connection;
                        }
                    }
                    Thread.sleep(CLAIM_PAUSE_MS);
                }
            } catch (SQLException e) {
                connection.close();
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection.close();
            throw new DatabaseServerException("the database " + server + " is in use by another FaaS Lab server:"
                    + " stop it, or name another database with --database", null);
        } catch (SQLException e) {
            throw unusable(server, e);
        }
    }

    /** @throws DatabaseServerException when the database cannot be used, saying why and what to try */
    static HikariDataSource open(PostgresUrl server) {
        check(server);
        HikariConfig config = new HikariConfig();
        config.setPoolName("faaslab-postgresql");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(IDLE);
        config.setConnectionInitSql(SESSION);
        driverProperties(server).forEach((name, value) -> config.addDataSourceProperty((String) name, value));
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Checked a moment ago, so the server went away or ran out of connections meanwhile.
            throw new DatabaseServerException("cannot open connections to " + server + " ("
                    + Database.firstLine(e.getMessage()) + "): check that the server is running, then start again", e);
        }
    }

    /** Connects once: reachable, the user accepted, the database there and sorting text as H2 does. */
    private static void check(PostgresUrl server) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), credentials(server));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_encoding_to_char(encoding), datcollate"
                     + " FROM pg_database WHERE datname = current_database()")) {
            row.next();
            String encoding = row.getString(1);
            String collation = row.getString(2);
            if (!encoding.equals("UTF8") || !CHARACTER_ORDER.contains(collation)) {
                throw new DatabaseServerException("the database " + server + " is in " + encoding + " sorted by the"
                        + " locale " + collation + ", and FaaS Lab needs UTF8 sorted by character (the C locale) to list"
                        + " things in the same order as with H2: create a database with " + createdb(server)
                        + " and name it in --database", null);
            }
        } catch (SQLException e) {
            throw unusable(server, e);
        }
    }

    /** The driver's properties with the user and password, for a connection outside the pool. */
    private static Properties credentials(PostgresUrl server) {
        Properties properties = driverProperties(server);
        properties.setProperty("user", server.user());
        if (server.password() != null) {
            properties.setProperty("password", server.password());
        }
        return properties;
    }

    private static Properties driverProperties(PostgresUrl server) {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "FaaS Lab");
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_S);
        return properties;
    }

    private static DatabaseServerException unusable(PostgresUrl server, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String details = Database.firstLine(e.getMessage());
        String where = server.host() + ":" + server.port();
        String message;
        if (state.startsWith("08")) {
            message = "cannot reach the PostgreSQL server at " + where + " (" + details + "): start it, or correct the"
                    + " host and port in --database";
        } else if (state.startsWith("28")) {
            message = "the PostgreSQL server at " + where + " refused the user '" + server.user() + "' (" + details
                    + "): correct the user or password in --database, or let the server's pg_hba.conf accept it";
        } else if (state.equals("3D000")) {
            message = "the PostgreSQL server at " + where + " has no database '" + server.database() + "': create it with "
                    + createdb(server) + ", or name another in --database";
        } else {
            message = "cannot use the database " + server + " (" + details + "): check it with psql, or name another"
                    + " in --database";
        }
        return new DatabaseServerException(message, e);
    }

    /** The command that creates the database as FaaS Lab needs it (the README shows it too). */
    static String createdb(PostgresUrl server) {
        return "createdb --template=template0 --encoding=UTF8 --locale=C -h " + server.host() + " -p " + server.port()
                + " -U " + server.user() + " " + server.database();
    }
}
