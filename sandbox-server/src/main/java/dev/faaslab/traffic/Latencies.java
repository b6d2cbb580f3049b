package dev.faaslab.traffic;

import dev.faaslab.metrics.FunctionMetrics;
import java.util.Arrays;

/**
 * A run's answer times, kept whole: a run sends at most 1.8 × 200 × 300 (a five-minute spike at the top
 * rate) = 108,000 requests, under a megabyte of longs, so percentiles need no sampling.
 */
final class Latencies {

    private long[] nanos = new long[64];
    private int count;

    synchronized void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    /** The {@code p}th percentile in milliseconds (to 0.01 ms), or null before the first answer. */
    Double percentileMs(int p) {
        long[] copy;
        synchronized (this) {
            copy = Arrays.copyOf(nanos, count);
        }
        Arrays.sort(copy);
        double[] sortedMs = Arrays.stream(copy).mapToDouble(n -> Math.round(n / 10_000.0) / 100.0).toArray();
        return FunctionMetrics.percentile(sortedMs, p);
    }
}
