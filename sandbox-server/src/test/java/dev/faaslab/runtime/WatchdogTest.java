package dev.faaslab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The watchdog")
class WatchdogTest {

    private static final long GIGABYTE = 1L << 30;

    @Test
    @DisplayName("is not woken for every invocation that starts while it watches none")
    void isNotWokenForEveryInvocation() throws Exception {
        Clock clock = Clock.system();
        try (Watchdog watchdog = new Watchdog(clock, new HeapMonitor())) {
            int invocations = 20_000;
            for (int i = 0; i < invocations; i++) {
                watchdog.watch(clock.nanoTime() + TimeUnit.SECONDS.toNanos(3), GIGABYTE, () -> { }).release();
            }
            // Each of these found nothing else watched: waking it for each was one context switch per request.
            assertTrue(watchdog.wakeUps() < invocations / 10,
                    watchdog.wakeUps() + " wake-ups for " + invocations + " invocations");
        }
    }

    @Test
    @DisplayName("still stops an invocation that started while it slept with nothing to watch")
    void stopsAnInvocationThatStartedWhileItSlept() throws Exception {
        Clock clock = Clock.system();
        try (Watchdog watchdog = new Watchdog(clock, new HeapMonitor())) {
            Thread.sleep(200); // long enough to be in its idle sleep
            CountDownLatch stopped = new CountDownLatch(1);
            long start = clock.nanoTime();
            Guard guard = watchdog.watch(start + TimeUnit.MILLISECONDS.toNanos(300), GIGABYTE, stopped::countDown);
            assertTrue(stopped.await(10, TimeUnit.SECONDS), "stopped");
            assertTrue(clock.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "not before its deadline");
            assertEquals(Limit.TIMEOUT, guard.release());
            assertEquals(1, watchdog.wakeUps());
        }
    }
}
