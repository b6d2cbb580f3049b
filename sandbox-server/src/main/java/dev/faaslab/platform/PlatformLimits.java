package dev.faaslab.platform;

import java.time.Duration;

/**
 * The platform's account-level limits, per workspace. Lambda's are 1,000 concurrent executions per
 * account and 1,000 new environments per function every 10 s; the defaults here are a tenth of each,
 * which a 2-core laptop can actually run.
 *
 * @param workspaceConcurrency  requests in flight across the workspace's functions
 * @param scalingBurst          new instances a function may start at once, and per {@code scalingInterval}
 * @param scalingInterval       the window over which {@code scalingBurst} refills (continuously)
 */
public record PlatformLimits(int workspaceConcurrency, int scalingBurst, Duration scalingInterval) {

    public static final PlatformLimits DEFAULT = new PlatformLimits(100, 100, Duration.ofSeconds(10));

    public PlatformLimits {
        if (workspaceConcurrency < 1) {
            throw new IllegalArgumentException("the workspace concurrency limit must be at least 1");
        }
        if (scalingBurst < 1 || scalingInterval.isNegative() || scalingInterval.isZero()) {
            throw new IllegalArgumentException("the scaling rate must allow at least 1 instance per interval");
        }
    }
}
