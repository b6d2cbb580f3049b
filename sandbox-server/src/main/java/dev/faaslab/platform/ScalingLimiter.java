package dev.faaslab.platform;

import dev.faaslab.time.Clock;

/**
 * How fast one function may add instances: a token bucket holding {@code burst} tokens that refills
 * continuously at {@code burst} per interval, as Lambda's 1,000-per-10-seconds scaling rate does.
 */
final class ScalingLimiter {

    private final Clock clock;
    private final int burst;
    private final double tokensPerNano;
    private double tokens;
    private long lastNanos;

    ScalingLimiter(Clock clock, PlatformLimits limits) {
        this.clock = clock;
        this.burst = limits.scalingBurst();
        this.tokensPerNano = (double) burst / limits.scalingInterval().toNanos();
        this.tokens = burst;
        this.lastNanos = clock.nanoTime();
    }

    /** Takes one new-instance token; false when the function is scaling faster than allowed. */
    synchronized boolean tryAcquire() {
        long now = clock.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) * tokensPerNano);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    int burst() {
        return burst;
    }
}
