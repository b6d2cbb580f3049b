package dev.faaslab.platform;

import dev.faaslab.SharedTestRuntime;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcEventLog;
import dev.faaslab.store.JdbcFunctionStore;
import dev.faaslab.store.JdbcWorkspaceData;
import dev.faaslab.time.Clock;
import java.nio.file.Path;

/** A platform on a real H2 file in {@code data} and the shared test runtime, without the HTTP server. */
final class TestPlatform implements AutoCloseable {

    final Database database;
    final WorkspaceData workspaceData;
    final Platform platform;

    TestPlatform(Path data, PlatformLimits limits) {
        database = Database.open(data);
        workspaceData = new JdbcWorkspaceData(database.dataSource());
        platform = new Platform(Clock.system(), SharedTestRuntime.get(), new JdbcFunctionStore(database.dataSource()),
                workspaceData, new JdbcEventLog(database.dataSource()), limits);
    }

    @Override
    public void close() {
        platform.close();
        database.close();
    }
}
