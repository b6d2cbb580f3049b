package dev.faaslab.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.stream.EventHub;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Two workspaces on one platform")
class WorkspaceIsolationTest {

    static final WorkspaceId ADA = new WorkspaceId("ada");
    static final WorkspaceId GRACE = new WorkspaceId("grace");

    TestPlatform fixture;
    Platform platform;

    @BeforeEach
    void start(@TempDir Path data) {
        fixture = new TestPlatform(data, new PlatformLimits(4, 100, Duration.ofSeconds(10)));
        platform = fixture.platform;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    static FunctionSpec counter(String reply) {
        return FunctionSpec.of("counter", Language.NODEJS, "index.handler",
                "let n = 0; export const handler = async () => `" + reply + " ${++n}`;");
    }

    static String result(Invocation invocation) {
        Invocation.Completed completed = (Invocation.Completed) invocation;
        return ((Outcome.Success) completed.result().outcome()).json();
    }

    @Test
    @DisplayName("may use the same function name, and each runs its own code on its own instances")
    void sameNameTwoFunctions() {
        platform.save(ADA, counter("ada"), null);
        platform.save(GRACE, counter("grace"), null);

        assertEquals("\"ada 1\"", result(platform.invoke(ADA, "counter", null, "{}")));
        assertEquals("\"ada 2\"", result(platform.invoke(ADA, "counter", null, "{}")));
        assertEquals("\"grace 1\"", result(platform.invoke(GRACE, "counter", null, "{}")),
                "Grace's first request starts her own instance, which has not seen Ada's");
        assertEquals(1, platform.instances(ADA, "counter").size());
        assertEquals(1, platform.instances(GRACE, "counter").size());
        assertEquals(2, platform.totals(ADA, "counter").invocations());
        assertEquals(1, platform.totals(GRACE, "counter").invocations());
        assertEquals(2, platform.logTail(ADA, "counter", 100).size() / 3, "Ada's log holds only her invocations");
    }

    @Test
    @DisplayName("see neither the other's functions, versions, progress, bill nor live events")
    void nothingLeaks() throws Exception {
        platform.save(ADA, counter("ada"), null);
        platform.publish(ADA, "counter", "mine");
        fixture.workspaceData.putProgress(ADA, "lesson-1", "{\"done\":true}", java.time.Instant.now());
        platform.setBilling(ADA, new BillingSettings(BillingSettings.DEFAULT.prices(), true));
        EventHub.Subscription graceEvents = platform.hub(GRACE).subscribe(100);
        platform.invoke(ADA, "counter", null, "{}");

        assertTrue(platform.functions(GRACE).isEmpty());
        assertThrows(NotFoundException.class, () -> platform.invoke(GRACE, "counter", null, "{}"));
        assertThrows(NotFoundException.class, () -> platform.versions(GRACE, "counter"));
        assertTrue(fixture.workspaceData.progress(GRACE).isEmpty());
        assertEquals(false, platform.billing(GRACE).freeTier());
        assertEquals(0, platform.bill(GRACE).total().signum());
        assertTrue(platform.bill(ADA).requestsCost().signum() > 0 || platform.billing(ADA).freeTier());
        assertEquals(null, graceEvents.next(Duration.ofMillis(200)), "Grace's stream stays quiet");
        graceEvents.close();
    }

    @Test
    @DisplayName("share the machine's concurrency only through their own limits")
    void ownConcurrency() {
        platform.save(ADA, counter("ada").withReservedConcurrency(0), null);
        platform.save(GRACE, counter("grace"), null);
        assertTrue(platform.invoke(ADA, "counter", null, "{}") instanceof Invocation.Throttled);
        assertTrue(platform.invoke(GRACE, "counter", null, "{}") instanceof Invocation.Completed,
                "Ada switching her function off does nothing to Grace's");
    }
}
