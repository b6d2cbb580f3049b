package dev.faaslab.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.worker.WorkerProcess;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classroom's quarantine, on a real platform and a real worker process. Where code ran is told by what this
 * thread allocated while it ran: the platform runs a function on the calling thread when it runs it here.
 */
@DisplayName("The quarantine")
class QuarantineTest {

    static final WorkspaceId ADA = new WorkspaceId("ada");
    static final WorkspaceId GRACE = new WorkspaceId("grace");
    static final long MB = 1 << 20;
    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static WorkerProcess worker;
    TestPlatform fixture;
    Platform platform;

    @BeforeAll
    static void startWorker() {
        worker = WorkerProcess.likeThisJvm(1024, 0, false); // normal priority: a busy test machine must not starve it
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @BeforeEach
    void start(@TempDir Path data) {
        fixture = new TestPlatform(data, new PlatformLimits(4, 100, Duration.ofSeconds(10)));
        platform = fixture.platform;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Keeps a megabyte after another until it is stopped at its 128 MB. */
    static FunctionSpec bomb() {
        return FunctionSpec.of("bomb", Language.NODEJS, "index.handler", """
                const keep = [];
                export const handler = async () => {
                  for (;;) keep.push(new Uint8Array(1 << 20).fill(1));
                };
                """).withMemoryMb(128).withTimeout(Duration.ofSeconds(60));
    }

    /** Allocates 32 MB it lets go of, and counts its warm invocations. */
    static FunctionSpec counter() {
        return FunctionSpec.of("counter", Language.NODEJS, "index.handler", """
                let n = 0;
                export const handler = async () => {
                  for (let i = 0; i < 32; i++) new Uint8Array(1 << 20).fill(1);
                  return ++n;
                };
                """).withTimeout(Duration.ofSeconds(60));
    }

    record Ran(Invocation.Completed invocation, long allocatedHere) {
        String json() {
            return ((Outcome.Success) invocation.result().outcome()).json();
        }

        ErrorKind errorKind() {
            return invocation.result().error().kind();
        }
    }

    /** Runs a call and counts what this thread allocated meanwhile. */
    static Ran measured(Supplier<Invocation> call) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Invocation invocation = call.get();
        return new Ran((Invocation.Completed) invocation, THREADS.getCurrentThreadAllocatedBytes() - before);
    }

    @Test
    @DisplayName("moves a workspace whose code ran into its memory size to the worker, says so, and leaves the others here")
    void movesAnOffender() {
        platform.quarantineIn(worker);
        platform.save(ADA, bomb(), null);
        platform.save(ADA, counter(), null);
        platform.save(GRACE, counter(), null);

        Ran first = measured(() -> platform.invoke(ADA, "bomb", null, "{}"));
        assertEquals(ErrorKind.MEMORY, first.errorKind());
        assertTrue(first.allocatedHere() > 100 * MB, "the first bomb ran here: " + first.allocatedHere() / MB + " MB");
        assertTrue(platform.quarantined(ADA), "and its workspace is held from then on");
        assertFalse(platform.quarantined(GRACE));
        assertTrue(platform.logTail(ADA, "bomb", 20).stream().map(LogEntry::text)
                .anyMatch(line -> line.contains("now run in the quarantine") && line.contains("memory size")),
                "the learner is told why");

        Ran again = measured(() -> platform.invoke(ADA, "bomb", null, "{}"));
        assertEquals(ErrorKind.MEMORY, again.errorKind(), "still stopped at its memory size");
        assertTrue(again.allocatedHere() < 16 * MB, "but in the worker's heap: " + again.allocatedHere() / MB + " MB here");

        Ran adaCounter = measured(() -> platform.invoke(ADA, "counter", null, "{}"));
        assertEquals("1", adaCounter.json(), "the workspace's other functions work there too");
        assertTrue(adaCounter.allocatedHere() < 16 * MB, adaCounter.allocatedHere() / MB + " MB here");
        assertEquals("2", measured(() -> platform.invoke(ADA, "counter", null, "{}")).json(), "warm, as before");

        Ran graceCounter = measured(() -> platform.invoke(GRACE, "counter", null, "{}"));
        assertEquals("1", graceCounter.json());
        assertTrue(graceCounter.allocatedHere() >= 32 * MB, "another learner's code still runs here: "
                + graceCounter.allocatedHere() / MB + " MB");
    }

    @Test
    @DisplayName("moves a workspace whose code ran into its timeout, and a function saved later starts in the worker")
    void timeouts() {
        platform.quarantineIn(worker);
        platform.save(ADA, FunctionSpec.of("loop", Language.NODEJS, "index.handler",
                "export const handler = async () => { for (;;) {} };").withTimeout(Duration.ofSeconds(1)), null);
        Ran loop = measured(() -> platform.invoke(ADA, "loop", null, "{}"));
        assertEquals(ErrorKind.TIMEOUT, loop.errorKind());
        assertTrue(platform.quarantined(ADA));

        platform.save(ADA, counter(), null);
        Ran counter = measured(() -> platform.invoke(ADA, "counter", null, "{}"));
        assertEquals("1", counter.json());
        assertTrue(counter.allocatedHere() < 16 * MB, counter.allocatedHere() / MB + " MB here");
    }

    @Test
    @DisplayName("runs a grading where its learner's code runs as it begins, and counts an offence in it as theirs")
    void gradings() {
        platform.quarantineIn(worker);
        platform.save(ADA, counter(), null);
        WorkspaceId first = new WorkspaceId("grade-1");
        try (Platform.Registration grading = platform.gradingFor(first, ADA)) {
            platform.save(first, bomb(), null);
            Ran bomb = measured(() -> platform.invoke(first, "bomb", null, "{}"));
            assertEquals(ErrorKind.MEMORY, bomb.errorKind());
            assertTrue(bomb.allocatedHere() > 100 * MB, "it began here, as Ada's code ran here");
            assertTrue(platform.quarantined(ADA), "the offence is Ada's");
            assertFalse(platform.quarantined(first), "not the grading's own workspace's");
            assertTrue(platform.logTail(ADA, "counter", 20).stream().map(LogEntry::text)
                    .anyMatch(line -> line.contains("a check of your submission to an exercise ran into its memory size")),
                    "and Ada's functions' logs say why they moved");

            platform.save(first, counter(), null);
            Ran retry = measured(() -> platform.invoke(first, "counter", null, "{}"));
            assertTrue(retry.allocatedHere() >= 32 * MB, "the grading's later checks stay here: a fair second chance");
        }
        WorkspaceId second = new WorkspaceId("grade-2");
        try (Platform.Registration grading = platform.gradingFor(second, ADA)) {
            platform.save(second, counter(), null);
            Ran check = measured(() -> platform.invoke(second, "counter", null, "{}"));
            assertEquals("1", check.json());
            assertTrue(check.allocatedHere() < 16 * MB, "Ada's next grading runs in the worker: "
                    + check.allocatedHere() / MB + " MB here");
        }
    }

    @Test
    @DisplayName("moves nobody for a function's own error, nor anyone at all until it is turned on")
    void movesNobodyElse() {
        platform.save(ADA, bomb(), null);
        assertEquals(ErrorKind.MEMORY, measured(() -> platform.invoke(ADA, "bomb", null, "{}")).errorKind());
        assertFalse(platform.quarantined(ADA), "off, as in local mode: one learner has nobody to be kept from");

        platform.quarantineIn(worker);
        platform.save(GRACE, FunctionSpec.of("thrower", Language.NODEJS, "index.handler",
                "export const handler = async () => { throw new Error('mine'); };"), null);
        assertEquals(ErrorKind.FUNCTION, measured(() -> platform.invoke(GRACE, "thrower", null, "{}")).errorKind());
        assertFalse(platform.quarantined(GRACE), "a function's own error is no offence");
    }
}
