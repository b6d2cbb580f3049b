package dev.faaslab.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * The platform's account-level limits, per workspace. Lambda's are 1,000 concurrent executions per
 * account and 1,000 new environments per function every 10 s; the defaults here are a tenth of each,
 * which a 2-core laptop can actually run. The quotas on what a workspace keeps are set here too, so that
 * one value configures a platform.
 *
 * @param workspaceConcurrency  requests in flight across the workspace's functions
 * @param scalingBurst          new instances a function may start at once, and per {@code scalingInterval}
 * @param scalingInterval       the window over which {@code scalingBurst} refills (continuously)
 * @param quotas                what a workspace may keep and queue
 * @param maxMemoryMb           the most memory a function may be configured with (Lambda's 10,240 MB)
 */
public record PlatformLimits(int workspaceConcurrency, int scalingBurst, Duration scalingInterval, Quotas quotas,
                             int maxMemoryMb) {

    /** Lambda's largest function. */
    public static final int MAX_MEMORY_MB = 10_240;


    public static final PlatformLimits DEFAULT = new PlatformLimits(100, 100, Duration.ofSeconds(10));

    public PlatformLimits(int workspaceConcurrency, int scalingBurst, Duration scalingInterval, Quotas quotas) {
        this(workspaceConcurrency, scalingBurst, scalingInterval, quotas, MAX_MEMORY_MB);
    }

    public PlatformLimits {
        Objects.requireNonNull(quotas, "quotas");
        if (workspaceConcurrency < 1) {
            throw new IllegalArgumentException("the workspace concurrency limit must be at least 1");
        }
        if (scalingBurst < 1 || scalingInterval.isNegative() || scalingInterval.isZero()) {
            throw new IllegalArgumentException("the scaling rate must allow at least 1 instance per interval");
        }
    }

    /** These limits with the default quotas. */
    public PlatformLimits(int workspaceConcurrency, int scalingBurst, Duration scalingInterval) {
        this(workspaceConcurrency, scalingBurst, scalingInterval, Quotas.DEFAULT);
    }

    public PlatformLimits withQuotas(Quotas newQuotas) {
        return new PlatformLimits(workspaceConcurrency, scalingBurst, scalingInterval, newQuotas, maxMemoryMb);
    }

    /** These limits with another concurrency and largest memory (a class's quotas for its learners). */
    public PlatformLimits with(int concurrency, int memoryMb) {
        return new PlatformLimits(concurrency, scalingBurst, scalingInterval, quotas, memoryMb);
    }
}
