package dev.faaslab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faaslab.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The watchdog")
class WatchdogTest {

    private static final long GIGABYTE = 1L << 30;

    private final Clock clock = Clock.system();
    // A new one for each test: two of them start while it is in its idle sleep.
    private final Watchdog watchdog = new Watchdog(clock, new HeapMonitor());

    @AfterEach
    void closeWatchdog() {
        watchdog.close();
    }

    /**
     * Waits for a stop on the watched thread itself, which the watchdog interrupts if it has not been
     * released soon after (so that big-number arithmetic stops): an interrupt is no failure here.
     */
    private static void awaitStop(CountDownLatch stopped) {
        for (;;) {
            try {
                assertTrue(stopped.await(10, TimeUnit.SECONDS), "stopped");
                return;
            } catch (InterruptedException e) {
                // the watchdog's, for a guard not released in time: released below, which clears it
            }
        }
    }

    private Guard watchFor(long nanos, Runnable stop) {
        return watchdog.watch(clock.nanoTime() + nanos, GIGABYTE, stop);
    }

    @Test
    @DisplayName("is not woken for every invocation that starts while it watches none")
    void isNotWokenForEveryInvocation() {
        int invocations = 20_000;
        for (int i = 0; i < invocations; i++) {
            watchFor(TimeUnit.SECONDS.toNanos(3), () -> { }).release();
        }
        // Each of these found nothing else watched: waking it for each was one context switch per request.
        assertTrue(watchdog.wakeUps() < invocations / 10,
                watchdog.wakeUps() + " wake-ups for " + invocations + " invocations");
    }

    @Test
    @DisplayName("still stops an invocation that started while it slept with nothing to watch")
    void stopsAnInvocationThatStartedWhileItSlept() throws Exception {
        Thread.sleep(200); // long enough to be in its idle sleep
        CountDownLatch stopped = new CountDownLatch(1);
        long start = clock.nanoTime();
        Guard guard = watchdog.watch(start + TimeUnit.MILLISECONDS.toNanos(300), GIGABYTE, stopped::countDown);
        awaitStop(stopped);
        assertTrue(clock.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "not before its deadline");
        assertEquals(Limit.TIMEOUT, guard.release());
        assertFalse(Thread.currentThread().isInterrupted(), "and released clean");
        assertEquals(1, watchdog.wakeUps());
    }

    @Test
    @DisplayName("keeps watching the outer of two guards on one thread after the inner one is released")
    void watchesTheOuterOfNestedGuards() throws Exception {
        CountDownLatch outerStopped = new CountDownLatch(1);
        Guard outer = watchFor(TimeUnit.MILLISECONDS.toNanos(300), outerStopped::countDown);
        Guard inner = watchFor(TimeUnit.SECONDS.toNanos(60), () -> { });
        assertEquals(2, watchdog.heldGuards());
        assertNull(inner.release());
        awaitStop(outerStopped);
        assertEquals(Limit.TIMEOUT, outer.release());
        assertEquals(0, watchdog.heldGuards());
    }

    @Test
    @DisplayName("lets go of a guard released by another thread than the one that took it")
    void forgetsAGuardReleasedElsewhere() throws Exception {
        AtomicReference<Guard> taken = new AtomicReference<>();
        Thread taker = Thread.ofPlatform().start(() -> taken.set(watchFor(TimeUnit.SECONDS.toNanos(60), () -> { })));
        taker.join();
        assertEquals(1, watchdog.heldGuards());
        assertNull(taken.get().release());
        assertEquals(0, watchdog.heldGuards());
    }

    /** This system's priorities, shared by the watchdog as a classroom server shares them; the test is skipped without. */
    private CpuPriority sharing() {
        CpuPriority priority = CpuPriority.ofThisSystem().orElse(null);
        assumeTrue(priority != null, "this process cannot put a lowered thread back (not Linux, or no CAP_SYS_NICE)");
        watchdog.shareCpu(priority);
        return priority;
    }

    /** Watches the calling thread as an invocation (with its context's memory), not an init. */
    private Guard watchInvocation() {
        return watchdog.watch(clock.nanoTime() + TimeUnit.SECONDS.toNanos(60), GIGABYTE, () -> { },
                new RetainedMemory(null, null, 128), null);
    }

    /** Computes until the thread's nice value is {@code nice} or {@code cpuMillis} of spinning have passed. */
    private static int spinUntilNice(int self, int nice, long cpuMillis) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cpuMillis);
        long spun = 0;
        while (CpuPriority.niceOf(self) != nice && System.nanoTime() < giveUp) {
            spun += spin();
        }
        assertTrue(spun != 0 || CpuPriority.niceOf(self) == nice);
        return CpuPriority.niceOf(self);
    }

    @Test
    @DisplayName("runs an invocation that has used 50 ms of CPU at the lowest priority, and puts its thread back when"
            + " it ends")
    void lowersLongRunningCode() throws Exception {
        int self = sharing().currentNativeId();
        assertEquals(0, CpuPriority.niceOf(self));
        Guard guard = watchInvocation();
        assertEquals(CpuPriority.LOWEST, spinUntilNice(self, CpuPriority.LOWEST, 30_000), "lowered while it computes");
        assertNull(guard.release());
        assertEquals(0, CpuPriority.niceOf(self), "back to normal for the thread's next request");
    }

    @Test
    @DisplayName("leaves an invocation that waits, rather than computes, at its priority")
    void leavesWaitingCodeAlone() throws Exception {
        int self = sharing().currentNativeId();
        Guard guard = watchInvocation();
        Thread.sleep(4 * TimeUnit.NANOSECONDS.toMillis(Watchdog.LOWER_AFTER_NANOS));
        assertEquals(0, CpuPriority.niceOf(self));
        assertNull(guard.release());
    }

    @Test
    @DisplayName("never lowers an init, nor anything on a server that does not share its CPU among learners")
    void leavesInitsAndUnsharedServersAlone() throws Exception {
        int self = sharing().currentNativeId();
        Guard init = watchFor(TimeUnit.SECONDS.toNanos(60), () -> { });
        assertEquals(0, spinUntilNice(self, CpuPriority.LOWEST, 500), "an init computing for 500 ms");
        assertNull(init.release());
        watchdog.shareCpu(null);
        Guard unshared = watchInvocation();
        assertEquals(0, spinUntilNice(self, CpuPriority.LOWEST, 500), "an invocation, CPU not shared");
        assertNull(unshared.release());
    }

    /** A millisecond or so of arithmetic, its result kept so that it is not optimised away. */
    private static long spin() {
        long x = 0;
        for (int i = 0; i < 1_000_000; i++) {
            x = x * 31 + i;
        }
        return x;
    }
}
