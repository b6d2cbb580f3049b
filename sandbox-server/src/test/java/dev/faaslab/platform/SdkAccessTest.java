package dev.faaslab.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faaslab.SharedTestRuntime;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.sdk.CounterService;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcEventLog;
import dev.faaslab.store.JdbcFunctionStore;
import dev.faaslab.store.JdbcWorkspaceData;
import dev.faaslab.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Functions reaching services through the faaslab module")
class SdkAccessTest {

    static final WorkspaceId ADA = new WorkspaceId("ada");
    static final WorkspaceId GRACE = new WorkspaceId("grace");

    Database database;
    Platform platform;
    CounterService service = new CounterService();

    @BeforeEach
    void start(@TempDir Path data) {
        database = Database.open(data);
        platform = new Platform(Clock.system(), SharedTestRuntime.get(), new JdbcFunctionStore(database.dataSource()),
                new JdbcWorkspaceData(database.dataSource()), new JdbcEventLog(database.dataSource()),
                new PlatformLimits(4, 100, Duration.ofSeconds(10)));
        platform.sdk().register(service);
    }

    @AfterEach
    void stop() {
        platform.close();
        database.close();
    }

    static FunctionSpec visits() {
        FunctionSpec spec = FunctionSpec.of("visits", Language.NODEJS, "index.handler", """
                import { table } from 'faaslab';
                export const handler = async (event) => (await table('visits').increment({ id: 'home' }, 'count', event.by ?? 1)).value;
                """);
        return new FunctionSpec(spec.name(), spec.language(), spec.handler(), spec.code(), spec.memoryMb(),
                Duration.ofSeconds(60), Map.of(), null, 0, spec.keepAlive());
    }

    static String result(Invocation invocation) {
        return ((Outcome.Success) ((Invocation.Completed) invocation).result().outcome()).json();
    }

    @Test
    @DisplayName("reach them in their own workspace only: the same table name is two tables")
    void scopedToTheWorkspace() {
        platform.save(ADA, visits(), null);
        platform.save(GRACE, visits(), null);

        assertEquals("1", result(platform.invoke(ADA, "visits", null, "{}")));
        assertEquals("11", result(platform.invoke(ADA, "visits", null, "{\"by\":10}")));
        assertEquals("1", result(platform.invoke(GRACE, "visits", null, "{}")), "Grace's counter is her own");
        assertEquals(List.of("ada increment visits", "ada increment visits", "grace increment visits"), service.calls);
    }

    @Test
    @DisplayName("a published version reaches them as its function does")
    void versionsToo() {
        platform.save(ADA, visits(), null);
        platform.publish(ADA, "visits", "v1");
        assertEquals("1", result(platform.invoke(ADA, "visits", "1", "{}")));
        assertEquals("2", result(platform.invoke(ADA, "visits", null, "{}")));
        assertEquals(List.of("ada increment visits", "ada increment visits"), service.calls);
    }

    @Test
    @DisplayName("have each call counted in the function's metrics and shown in its log")
    void counted() {
        platform.save(ADA, visits(), null);
        platform.invoke(ADA, "visits", null, "{}");
        platform.invoke(ADA, "visits", null, "{}");

        assertEquals(2, platform.totals(ADA, "visits").sdkCalls());
        assertEquals(java.util.Map.of("table.increment visits", 2L), platform.sdkCalls(ADA, "visits"),
                "and per call, service, operation and resource, as the grader counts a setup's reads");
        long perSecond = platform.metrics(ADA, "visits", 900).stream().mapToLong(MetricPoint::sdkCalls).sum();
        assertEquals(2, perSecond, "the per-second points add up to the total");
        long logged = platform.logTail(ADA, "visits", 100).stream()
                .filter(line -> line.text().matches(".*\tINFO\tSDK table\\.increment visits \\d+\\.\\d ms")).count();
        assertEquals(2, logged, "one log line per call");
    }
}
