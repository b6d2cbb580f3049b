package dev.faaslab.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FaaS Lab's database: an embedded H2 file in the data directory, its schema brought up to date by
 * Flyway when opened. A transaction that has committed survives the process being killed right after.
 */
public final class Database implements AutoCloseable {

    /** The database's files are {@code faaslab.mv.db} (and, while open, nothing else with these settings). */
    static final String FILE_NAME = "faaslab";

    /*
     * WRITE_DELAY=0: H2's default (500 ms) keeps committed changes in memory until a background thread
     * writes them; a SIGKILL in that window lost every acknowledged row in our experiment (10 runs of 10).
     * With 0, each commit writes the store before returning, and none was lost. (It writes, it does not
     * fsync: a killed process loses nothing, a power cut may lose the last commits.)
     * LOCK_TIMEOUT: concurrent writers to one row wait for each other instead of failing after H2's 1 s.
     * TRACE_LEVEL_FILE=4: H2 reports through SLF4J like the rest of the server, not to a .trace.db file.
     */
    private static final String SETTINGS = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;TRACE_LEVEL_FILE=4";
    private static final String TRY = "choose another with --data DIR";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Path directory;
    private final JdbcConnectionPool pool;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(Path directory, JdbcConnectionPool pool) {
        this.directory = directory;
        this.pool = pool;
    }

    /**
     * Opens (creating it if missing) the database in {@code dataDirectory} and migrates its schema.
     *
     * @throws DataDirectoryException when the directory cannot be used, with a message for a person
     */
    public static Database open(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        prepare(directory);
        String url = "jdbc:h2:file:" + directory.resolve(FILE_NAME) + SETTINGS;
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            // The first connection opens the file and takes its lock; its failures say the most.
            try (Connection ignored = pool.getConnection()) {
                LOG.debug("opened the database in {}", directory);
            } catch (SQLException e) {
                throw unusable(directory, e);
            }
            migrate(directory, pool);
            return new Database(directory, pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /** Connections to the database; each is a pooled H2 connection, returned to the pool on close. */
    public DataSource dataSource() {
        return pool;
    }

    /** The data directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** Closes the database and releases its file lock, even if a caller still holds a connection. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("closing the database in {} failed: {}", directory, firstLine(e.getMessage()));
        } finally {
            pool.dispose();
        }
    }

    private static void prepare(Path directory) {
        if (directory.toString().contains(";")) {
            // H2 would read what follows the semicolon as a setting.
            throw new DataDirectoryException("the data directory " + directory
                    + " has a ';' in its path, which H2 cannot open: " + TRY, null);
        }
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

    private static void migrate(Path directory, DataSource dataSource) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("brought the database in {} to schema version {}", directory, result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new DataDirectoryException("the database in " + directory + " cannot be brought up to date ("
                    + firstLine(e.getMessage()) + "): use the FaaS Lab version that wrote it, or " + TRY, e);
        }
    }

    /** H2 and Flyway write several lines; the person reading ours gets one. */
    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        return message.strip().lines().findFirst().orElse("no details");
    }
}
