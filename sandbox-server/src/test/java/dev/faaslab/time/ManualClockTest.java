package dev.faaslab.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A manual clock")
class ManualClockTest {

    @Test
    @DisplayName("stands still until advanced, and shows wall-clock time from where it started")
    void movesOnlyWhenAdvanced() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        assertEquals(0, clock.nanoTime());
        clock.advance(Duration.ofMillis(1500));
        assertEquals(1_500_000_000L, clock.nanoTime());
        assertEquals(1_700_000_001_500L, clock.epochMillis());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }

    @Test
    @DisplayName("wakes a sleeper when its deadline is passed, and not before")
    void wakesSleepersAtTheirDeadline() throws InterruptedException {
        ManualClock clock = new ManualClock(0);
        CountDownLatch woke = new CountDownLatch(1);
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                clock.sleepUntil(Duration.ofMinutes(1).toNanos());
                woke.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        clock.advance(Duration.ofSeconds(59));
        assertFalse(woke.await(50, TimeUnit.MILLISECONDS), "59 s is short of the minute");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(woke.await(10, TimeUnit.SECONDS), "a minute wakes it");
        sleeper.join();
    }
}
