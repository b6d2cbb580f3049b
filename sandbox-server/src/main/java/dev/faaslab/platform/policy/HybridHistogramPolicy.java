package dev.faaslab.platform.policy;

import java.time.Duration;

/**
 * The hybrid histogram keep-alive of Shahrad et al., "Serverless in the Wild" (USENIX ATC 2020). It
 * keeps a histogram of the function's idle times (from the moment nothing was in flight to the next
 * request) in 1-minute bins up to 4 hours, and from it sets two windows:
 *
 * <ul>
 *   <li>pre-warm: the 5th percentile of idle times, less a 10% margin. An idle instance is unloaded
 *       (its memory freed) and loaded again when this much idle time has passed, just before the next
 *       request is likely to come;</li>
 *   <li>keep-alive: until the 99th percentile, plus a 10% margin.</li>
 * </ul>
 *
 * Percentiles are read at bin edges: the head at the lower edge of its bin, the tail at the upper edge
 * (so both err towards keeping the instance). While the histogram is not representative (fewer than
 * {@value #MIN_SAMPLES} idle times, more than half of them beyond 4 hours, or bin counts too even: a
 * coefficient of variation below {@value #MIN_CV}), it falls back to a fixed 4-hour keep-alive without
 * pre-warming, as the paper does. (The paper then forecasts with ARIMA when idle times are mostly beyond
 * the histogram's range; this model keeps the fixed fallback.)
 *
 * <p>Not thread-safe: one function's simulator, or a caller's lock, owns it.
 */
public final class HybridHistogramPolicy implements KeepAlivePolicy {

    static final long BIN_NANOS = Duration.ofMinutes(1).toNanos();
    static final int BINS = 240;
    static final long RANGE_NANOS = BIN_NANOS * BINS;
    static final int MIN_SAMPLES = 10;
    static final double MIN_CV = 2.0;
    static final double HEAD = 0.05;
    static final double TAIL = 0.99;
    static final double MARGIN = 0.10;

    private final long[] bins = new long[BINS];
    private long inRange;
    private long outOfRange;
    private boolean stale;
    private long prewarmNanos;
    private long keepUntilNanos = RANGE_NANOS;

    @Override
    public long prewarmNanos() {
        refresh();
        return prewarmNanos;
    }

    @Override
    public long keepUntilNanos() {
        refresh();
        return keepUntilNanos;
    }

    @Override
    public void idleTimeObserved(long idleNanos) {
        if (idleNanos < 0) {
            return;
        }
        if (idleNanos >= RANGE_NANOS) {
            outOfRange++;
        } else {
            bins[(int) (idleNanos / BIN_NANOS)]++;
            inRange++;
        }
        stale = true;
    }

    @Override
    public boolean learns() {
        return true;
    }

    /** Whether the windows come from the histogram (true) or from the fixed 4-hour fallback. */
    public boolean representative() {
        long total = inRange + outOfRange;
        if (total < MIN_SAMPLES || outOfRange * 2 > total) {
            return false;
        }
        double mean = (double) inRange / BINS;
        double squares = 0;
        for (long count : bins) {
            squares += (count - mean) * (count - mean);
        }
        return Math.sqrt(squares / BINS) / mean >= MIN_CV;
    }

    private void refresh() {
        if (!stale) {
            return;
        }
        stale = false;
        if (!representative()) {
            prewarmNanos = 0;
            keepUntilNanos = RANGE_NANOS;
            return;
        }
        int head = binAt(HEAD);
        int tail = binAt(TAIL);
        prewarmNanos = (long) (head * BIN_NANOS * (1 - MARGIN));
        keepUntilNanos = (long) ((tail + 1) * BIN_NANOS * (1 + MARGIN));
    }

    /** The first bin where the in-range idle times reach {@code share}. */
    private int binAt(double share) {
        double needed = share * inRange;
        long seen = 0;
        for (int bin = 0; bin < BINS; bin++) {
            seen += bins[bin];
            if (seen >= needed && seen > 0) {
                return bin;
            }
        }
        return BINS - 1;
    }
}
