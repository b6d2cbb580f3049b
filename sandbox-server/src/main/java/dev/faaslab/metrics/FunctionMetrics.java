package dev.faaslab.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One function's metrics at 1-second resolution over the last {@link #RETAINED_SECONDS} seconds. Cheap to
 * record from many request threads at once; percentiles come from at most {@link #SAMPLES_PER_SECOND}
 * durations a second (a uniform reservoir beyond that), which keeps memory flat under heavy load.
 */
public final class FunctionMetrics {

    public static final int RETAINED_SECONDS = 900;
    static final int SAMPLES_PER_SECOND = 2048;

    private final Second[] ring = new Second[RETAINED_SECONDS];
    private long totalInvocations;
    private long totalErrors;
    private long totalThrottles;
    private long totalColdStarts;
    private long totalSdkCalls;
    private long totalRecursiveInvocationsDropped;
    /** Since the function was loaded, per call ({@code bucket.get reference}): what a grader counts. */
    private final Map<String, Long> sdkCallsByLabel = new TreeMap<>();

    /** Counts one invocation that ran. */
    public void invocation(long epochSecond, double durationMs, Double initDurationMs, boolean error,
                           long billedMs, int memoryMb) {
        synchronized (this) {
            Second second = second(epochSecond);
            second.invocations++;
            totalInvocations++;
            if (error) {
                second.errors++;
                totalErrors++;
            }
            if (initDurationMs != null) {
                second.coldStarts++;
                totalColdStarts++;
                second.initMaxMs = Math.max(second.initMaxMs, initDurationMs);
            }
            second.billedMbMs += billedMs * memoryMb;
            second.sample(durationMs);
        }
    }

    /**
     * Counts one call a function made through the {@code faaslab} SDK (refused ones included).
     *
     * @param label the call, as {@code bucket.get reference}: service, operation and the resource named
     */
    public synchronized void sdkCall(long epochSecond, String label) {
        second(epochSecond).sdkCalls++;
        totalSdkCalls++;
        sdkCallsByLabel.merge(label, 1L, Long::sum);
    }

    /**
     * The SDK calls made since the function was loaded, per call ({@code bucket.get reference} → 3), sorted:
     * counted here, by the platform, whatever the function logs.
     */
    public synchronized Map<String, Long> sdkCallsByLabel() {
        return Map.copyOf(sdkCallsByLabel);
    }

    /** An event the platform did not run because its chain of invocations was a recursive loop. */
    public synchronized void recursiveInvocationDropped(long epochSecond) {
        second(epochSecond).recursiveInvocationsDropped++;
        totalRecursiveInvocationsDropped++;
    }

    public synchronized void throttle(long epochSecond) {
        second(epochSecond).throttles++;
        totalThrottles++;
    }

    /** Notes how many requests are in flight right now. */
    public void concurrency(long epochSecond, int inFlight) {
        // Every request calls this, and nearly always the second's peak is already as high: seeing that
        // without the lock spares the request threads queueing on it (they did, under load). A second's
        // peak only grows, so a stale read can only send us to the locked path, never skip a raise.
        Second seen = ring[slot(epochSecond)];
        if (seen != null && seen.epochSecond == epochSecond && seen.concurrentPeak >= inFlight) {
            return;
        }
        synchronized (this) {
            Second second = second(epochSecond);
            second.concurrentPeak = Math.max(second.concurrentPeak, inFlight);
        }
    }

    /** Notes how many instances are in each state (the once-a-second tick calls this). */
    public synchronized void instances(long epochSecond, int initialising, int busy, int idle) {
        Second second = second(epochSecond);
        second.initialising = initialising;
        second.busy = busy;
        second.idle = idle;
    }

    /** The point for one second (zeros when nothing happened). */
    public synchronized MetricPoint at(long epochSecond) {
        Second second = ring[slot(epochSecond)];
        if (second == null || second.epochSecond != epochSecond) {
            return new Second(epochSecond).point();
        }
        return second.point();
    }

    /** The points from {@code fromSecond} to {@code toSecond} inclusive, oldest first, at most the retained window. */
    public synchronized List<MetricPoint> range(long fromSecond, long toSecond) {
        long from = Math.max(fromSecond, toSecond - RETAINED_SECONDS + 1);
        List<MetricPoint> points = new ArrayList<>((int) Math.max(0, toSecond - from + 1));
        for (long s = from; s <= toSecond; s++) {
            points.add(at(s));
        }
        return points;
    }

    public synchronized Totals totals() {
        return new Totals(totalInvocations, totalErrors, totalThrottles, totalColdStarts, totalSdkCalls,
                totalRecursiveInvocationsDropped);
    }

    /**
     * Counts since the function was loaded; {@code recursiveInvocationsDropped} is Lambda's metric of that name,
     * the events a recursive loop's chain brought and the platform did not run.
     */
    public record Totals(long invocations, long errors, long throttles, long coldStarts, long sdkCalls,
                         long recursiveInvocationsDropped) {
    }

    private Second second(long epochSecond) {
        int slot = slot(epochSecond);
        Second second = ring[slot];
        if (second == null || second.epochSecond != epochSecond) {
            second = new Second(epochSecond);
            ring[slot] = second;
        }
        return second;
    }

    private static int slot(long epochSecond) {
        return (int) Math.floorMod(epochSecond, (long) RETAINED_SECONDS);
    }

    private static final class Second {
        final long epochSecond;
        long invocations;
        long errors;
        long throttles;
        long coldStarts;
        long sdkCalls;
        long recursiveInvocationsDropped;
        int concurrentPeak;
        int initialising;
        int busy;
        int idle;
        double initMaxMs = -1;
        long billedMbMs;
        double[] samples = new double[16];
        int sampled;

        Second(long epochSecond) {
            this.epochSecond = epochSecond;
        }

        void sample(double value) {
            if (sampled < SAMPLES_PER_SECOND) {
                if (sampled == samples.length) {
                    samples = Arrays.copyOf(samples, Math.min(SAMPLES_PER_SECOND, samples.length * 2));
                }
                samples[sampled++] = value;
                return;
            }
            // Reservoir sampling: every value of the second has the same chance of being kept.
            long index = ThreadLocalRandom.current().nextLong(invocations);
            if (index < SAMPLES_PER_SECOND) {
                samples[(int) index] = value;
            }
        }

        MetricPoint point() {
            double[] sorted = Arrays.copyOf(samples, sampled);
            Arrays.sort(sorted);
            return new MetricPoint(epochSecond, invocations, errors, throttles, coldStarts, concurrentPeak,
                    initialising, busy, idle, percentile(sorted, 50), percentile(sorted, 90),
                    percentile(sorted, 99), initMaxMs < 0 ? null : initMaxMs, billedMbMs, sdkCalls,
                    recursiveInvocationsDropped);
        }
    }

    /** Nearest-rank percentile, as CloudWatch computes it. */
    public static Double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
