package dev.faaslab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The concurrency peak: the highest in-flight count noted in each second, from many threads at once. */
@DisplayName("Function metrics' concurrency peak")
class FunctionMetricsConcurrencyTest {

    @Test
    @DisplayName("keeps each second's highest count; a lower one does not lower it")
    void keepsTheHighest() {
        FunctionMetrics metrics = new FunctionMetrics();
        metrics.concurrency(100, 3);
        metrics.concurrency(100, 7);
        metrics.concurrency(100, 2);
        metrics.concurrency(101, 1);
        assertEquals(7, metrics.at(100).concurrentPeak());
        assertEquals(1, metrics.at(101).concurrentPeak());
    }

    @Test
    @DisplayName("a second reused from the ring starts again from its own counts")
    void reusedSlotStartsAfresh() {
        FunctionMetrics metrics = new FunctionMetrics();
        metrics.concurrency(5, 9);
        long later = 5 + FunctionMetrics.RETAINED_SECONDS;
        metrics.concurrency(later, 2);
        assertEquals(2, metrics.at(later).concurrentPeak());
    }

    @Test
    @DisplayName("loses no raise when many threads note counts at once")
    void concurrentRaises() throws InterruptedException {
        FunctionMetrics metrics = new FunctionMetrics();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    metrics.concurrency(42, (i * 8 + offset) % 1000);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(999, metrics.at(42).concurrentPeak());
    }
}
