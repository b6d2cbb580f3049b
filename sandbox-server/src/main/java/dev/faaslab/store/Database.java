package dev.faaslab.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FaaS Lab's database: an embedded H2 file in the data directory (the default), or a database on a
 * PostgreSQL server; either way its schema is brought up to date by the same Flyway migrations when opened.
 * A transaction that has committed survives the process being killed right after.
 */
public final class Database implements AutoCloseable {

    /** The database is {@code faaslab.mv.db}; H2 writes its errors, if any, to {@code faaslab.trace.db}. */
    static final String FILE_NAME = "faaslab";

    /*
     * WRITE_DELAY=0: H2's default (500 ms) keeps committed changes in memory until a background thread
     * writes them; killed with SIGKILL a few hundred commits in, all 10 of 10 experimental runs lost every
     * acknowledged row. With 0, each commit writes the store before returning, and no run lost any. (It writes, it does not
     * fsync: a killed process loses nothing, a power cut may lose the last commits.) The price: each
     * commit appends a chunk (~16 KB) that H2 reuses only after RETENTION_TIME (45 s), so the file grows
     * with the commit rate; close() compacts it.
     * MAX_COMPACT_TIME=0: H2 2.4.240's own compaction on close trips an assertion in its free-space map
     * (FreeSpaceBitSet.allocate) under -ea; close() compacts by rewriting the file instead.
     * DB_CLOSE_ON_EXIT=FALSE: H2 would close the database from its own shutdown hook, racing the server's,
     * which must first let in-flight requests finish (and they may still read or write).
     * LOCK_TIMEOUT: concurrent writers to one row wait for each other instead of failing after H2's 1 s.
     * H2's own error trace stays in faaslab.trace.db (its default), not SLF4J: through SLF4J it would print
     * a stack trace beside each of our one-line messages, such as the one for a directory in use.
     */
    private static final String SETTINGS = ";WRITE_DELAY=0;MAX_COMPACT_TIME=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    private static final String TRY = "choose another with --data DIR";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * Directories open in this JVM. H2 lets a second open in the same JVM share the database instead of
     * failing on its lock, and the first close would then shut it down under the other.
     */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final DataSource dataSource;
    private final String location;
    private final Runnable closing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(Path directory, DataSource dataSource, String location, Runnable closing) {
        this.directory = directory;
        this.dataSource = dataSource;
        this.location = location;
        this.closing = closing;
    }

    /**
     * Opens (creating it if missing) the database in {@code dataDirectory} and migrates its schema.
     *
     * @throws DataDirectoryException when the directory cannot be used, with a message for a person
     */
    public static Database open(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path key = prepare(directory);
        if (!OPEN.add(key)) {
            throw new DataDirectoryException("the data directory " + directory
                    + " is in use by another FaaS Lab server in this process: stop it or " + TRY, null);
        }
        String url = "jdbc:h2:file:" + directory.resolve(FILE_NAME) + SETTINGS;
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            // The first connection opens the file and takes its lock; its failures say the most.
            try {
                pool.getConnection().close();
            } catch (SQLException e) {
                throw unusable(directory, e);
            }
            LOG.debug("opened the database in {}", directory);
            migrate(pool, "the database in " + directory, TRY, DataDirectoryException::new);
            return new Database(directory, pool, "H2 in " + directory, () -> shutDown(directory, key, url, pool));
        } catch (RuntimeException e) {
            pool.dispose();
            OPEN.remove(key);
            throw e;
        }
    }

    /**
     * Opens the database {@code server} names on a PostgreSQL server and migrates its schema, with the same
     * migrations as H2's. What is not in the database (the buckets' object bytes) stays in {@code dataDirectory},
     * which is created if missing.
     *
     * @throws DatabaseServerException when the server or its database cannot be used, with a message for a person
     * @throws DataDirectoryException when the directory cannot be used
     */
    public static Database open(Path dataDirectory, PostgresUrl server) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        writable(directory);
        var pool = PostgresConnections.open(server);
        Connection claim = null;
        try {
            // Before migrating: a second server must not change the schema under the first.
            claim = PostgresConnections.claim(server);
            LOG.debug("opened the database {}", server);
            migrate(pool, "the database " + server, "name another with --database", DatabaseServerException::new);
            Connection held = claim;
            return new Database(directory, pool, server.toString(), () -> {
                pool.close();
                release(server, held);
            });
        } catch (RuntimeException e) {
            pool.close();
            release(server, claim);
            throw e;
        }
    }

    /** Ends the connection that holds a PostgreSQL database for this server, and with it the claim. */
    private static void release(PostgresUrl server, Connection claim) {
        if (claim == null) {
            return;
        }
        try {
            claim.close();
        } catch (SQLException e) {
            LOG.warn("releasing the database {} failed: {}", server, firstLine(e.getMessage()));
        }
    }

    /** Connections to the database, pooled: closing one returns it to the pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The data directory, absolute: the database's files when it is H2's, always the buckets' files. */
    public Path directory() {
        return directory;
    }

    /** Where the database is, for people: {@code H2 in DIR}, or a PostgreSQL URL without its password. */
    public String location() {
        return location;
    }

    /**
     * Closes the database: H2's is compacted and its file lock released; a PostgreSQL pool's connections
     * end. A connection a caller still holds stops working.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closing.run();
        }
    }

    private static void shutDown(Path directory, Path key, String url, JdbcConnectionPool pool) {
        // Not a pooled connection: the pool would roll back on it after the shutdown, and H2 would log that.
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            // Rewrites the live data into a new file, replacing the old one by an atomic rename.
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            LOG.warn("closing the database in {} failed: {}", directory, firstLine(e.getMessage()));
        } finally {
            pool.dispose();
            OPEN.remove(key);
        }
    }

    /** Creates the directory and checks that it is writable; returns its real path, which names it in {@link #OPEN}. */
    private static Path prepare(Path directory) {
        if (directory.toString().contains(";")) {
            // H2 would read what follows the semicolon as a setting.
            throw new DataDirectoryException("the data directory " + directory
                    + " has a ';' in its path, which H2 cannot open: " + TRY, null);
        }
        return writable(directory);
    }

    /** Creates the directory and checks that it is writable; returns its real path. */
    private static Path writable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new DataDirectoryException("the data directory " + directory + " is a file, not a directory: "
                    + TRY, e);
        } catch (IOException e) {
            throw new DataDirectoryException("the data directory " + directory + " cannot be created ("
                    + reason(directory, e) + "): " + TRY, e);
        }
        // Asking the file system beats Files.isWritable, which says yes to root on a read-only directory's
        // permissions but not on a read-only mount, and says nothing of quotas.
        try {
            Files.delete(Files.createTempFile(directory, ".write-check", ".tmp"));
            return directory.toRealPath();
        } catch (IOException e) {
            throw new DataDirectoryException("the data directory " + directory + " is not writable: " + TRY, e);
        }
    }

    private static String reason(Path directory, IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        for (Path parent = directory.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                return Files.isDirectory(parent) ? String.valueOf(e.getMessage()) : parent + " is a file";
            }
        }
        return String.valueOf(e.getMessage());
    }

    private static DataDirectoryException unusable(Path directory, SQLException e) {
        String message = switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> "the data directory " + directory
                    + " is in use by another FaaS Lab server (H2 lock): stop it or " + TRY;
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 -> "the database in " + directory
                    + " is damaged or was written by another version of H2 (" + firstLine(e.getMessage())
                    + "): move " + FILE_NAME + ".mv.db aside or " + TRY;
            default -> "the data directory " + directory + " cannot be used (" + firstLine(e.getMessage())
                    + "): " + TRY;
        };
        return new DataDirectoryException(message, e);
    }

    /** How an engine's exception is made from a message and its cause. */
    private interface Failure {
        RuntimeException of(String message, Throwable cause);
    }

    /** Brings the schema up to date; {@code what} names the database and {@code orElse} what else to try. */
    private static void migrate(DataSource dataSource, String what, String orElse, Failure failure) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("brought {} to schema version {}", what, result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw failure.of(what + " cannot be brought up to date (" + firstLine(e.getMessage())
                    + "): use the FaaS Lab version that wrote it, or " + orElse, e);
        }
    }

    /** H2, PostgreSQL and Flyway write several lines; the person reading ours gets one. */
    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        return message.strip().lines().findFirst().orElse("no details");
    }
}
