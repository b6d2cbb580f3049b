package dev.faaslab.sim;

/**
 * Response times in log-spaced bins, so percentiles of a billion requests cost a few kilobytes: 32 bins
 * per doubling (each bin about 2.2% wide), from 1 ns up. The bin of a value is read straight from its
 * {@code double}'s exponent and top five mantissa bits. A percentile is its bin's midpoint (within about
 * 1.1% of the truth), kept within the exact smallest and largest values seen.
 */
final class LatencyHistogram {

    private static final int MANTISSA_BITS = 5;
    private static final int SHIFT = 52 - MANTISSA_BITS;
    private static final long FIRST = Double.doubleToRawLongBits(1.0) >>> SHIFT;
    private static final int BINS = 64 << MANTISSA_BITS;

    private final long[] counts = new long[BINS];
    private long total;
    private double sumNanos;
    private long min = Long.MAX_VALUE;
    private long max;

    void record(long nanos) {
        counts[bin(nanos)]++;
        total++;
        sumNanos += nanos;
        if (nanos < min) {
            min = nanos;
        }
        if (nanos > max) {
            max = nanos;
        }
    }

    static int bin(long nanos) {
        long key = (Double.doubleToRawLongBits(Math.max(1, nanos)) >>> SHIFT) - FIRST;
        return (int) Math.min(key, BINS - 1);
    }

    long total() {
        return total;
    }

    double meanSeconds() {
        return total == 0 ? 0 : sumNanos / total / 1e9;
    }

    /** The {@code q}-quantile (0 to 1) in seconds; 0 when nothing was recorded. */
    double quantileSeconds(double q) {
        if (total == 0) {
            return 0;
        }
        long needed = (long) Math.ceil(q * total);
        long seen = 0;
        for (int bin = 0; bin < BINS; bin++) {
            seen += counts[bin];
            if (seen >= Math.max(1, needed)) {
                double midpoint = (lowerEdge(bin) + lowerEdge(bin + 1)) / 2;
                return Math.clamp(midpoint, (double) min, (double) max) / 1e9;
            }
        }
        return max / 1e9;
    }

    private static double lowerEdge(int bin) {
        return Double.longBitsToDouble((bin + FIRST) << SHIFT);
    }
}
