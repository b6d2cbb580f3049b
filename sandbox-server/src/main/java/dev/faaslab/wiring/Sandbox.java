package dev.faaslab.wiring;

import dev.faaslab.platform.Platform;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.store.DataDirectoryException;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcEventLog;
import dev.faaslab.store.JdbcFunctionStore;
import dev.faaslab.store.JdbcWorkspaceData;
import dev.faaslab.time.Clock;
import java.nio.file.Path;

/**
 * The one place where the server's parts are built and joined: the database, the platform and the
 * services around it. {@code ./faaslab start}, the HTTP benchmark and the tests all open a sandbox
 * this way, so they run the same wiring. The runtime is the caller's: tests share one across servers.
 */
public final class Sandbox implements AutoCloseable {

    private final Clock clock;
    private final Database database;
    private final Platform platform;

    private Sandbox(Clock clock, Database database, Platform platform) {
        this.clock = clock;
        this.database = database;
        this.platform = platform;
    }

    /**
     * Opens (or creates) the state in {@code dataDirectory} and starts the platform on it.
     *
     * @throws DataDirectoryException when the directory cannot hold FaaS Lab's state, in one line a person can act on
     */
    public static Sandbox open(Path dataDirectory, Clock clock, FunctionRuntime runtime, PlatformLimits limits) {
        Database database = Database.open(dataDirectory);
        try {
            Platform platform = new Platform(clock, runtime, new JdbcFunctionStore(database.dataSource()),
                    new JdbcWorkspaceData(database.dataSource()), new JdbcEventLog(database.dataSource()), limits);
            return new Sandbox(clock, database, platform);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public Platform platform() {
        return platform;
    }

    /** Stops the platform (its background work first), then closes the database. */
    @Override
    public void close() {
        platform.close();
        database.close();
    }
}
