package dev.faaslab.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the platform does in the background; generous, because a slow machine is no failure. */
final class Await {

    private Await() {
    }

    static void until(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + atMost.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
