package dev.faaslab.platform.policy;

/**
 * A token bucket holding {@code burst} tokens that refills continuously at {@code burst} per interval,
 * as Lambda's scaling rate (1,000 new environments per function every 10 s) does. Not thread-safe: the
 * live platform's {@code ScalingLimiter} guards it with its lock, the simulator runs on one thread.
 */
public final class TokenBucket {

    private final int burst;
    private final double tokensPerNano;
    private double tokens;
    private long lastNanos;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(int burst, long intervalNanos, long nowNanos) {
        if (burst < 1 || intervalNanos <= 0) {
            throw new IllegalArgumentException("a scaling rate must allow at least 1 instance per positive interval,"
                    + " not " + burst + " per " + intervalNanos + " ns");
        }
        this.burst = burst;
        this.tokensPerNano = (double) burst / intervalNanos;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token at {@code nowNanos}; false when the bucket is empty. */
    public boolean tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * tokensPerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    public int burst() {
        return burst;
    }
}
