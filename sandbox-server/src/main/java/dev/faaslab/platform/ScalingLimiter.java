package dev.faaslab.platform;

import dev.faaslab.platform.policy.TokenBucket;
import dev.faaslab.time.Clock;

/**
 * How fast one function may add instances: a {@link TokenBucket} holding {@code burst} tokens that
 * refills continuously at {@code burst} per interval, as Lambda's 1,000-per-10-seconds scaling rate does.
 * The simulator uses the same bucket in virtual time.
 */
final class ScalingLimiter {

    private final Clock clock;
    private final TokenBucket bucket;

    ScalingLimiter(Clock clock, PlatformLimits limits) {
        this.clock = clock;
        this.bucket = new TokenBucket(limits.scalingBurst(), limits.scalingInterval().toNanos(), clock.nanoTime());
    }

    /** Takes one new-instance token; false when the function is scaling faster than allowed. */
    synchronized boolean tryAcquire() {
        return bucket.tryTake(clock.nanoTime());
    }

    int burst() {
        return bucket.burst();
    }
}
