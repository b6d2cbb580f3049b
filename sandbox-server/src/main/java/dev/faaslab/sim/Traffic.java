package dev.faaslab.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Where requests come from: a description that starts a fresh stream of arrivals for each run. */
public sealed interface Traffic {

    long NANOS_PER_SECOND = 1_000_000_000L;
    long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;

    Arrivals arrivals(SplittableRandom random);

    /** Requests a second on average over the run's first {@code durationSeconds} (for the report). */
    double meanRate(double durationSeconds);

    /** Poisson arrivals: independent, exponentially distributed gaps with mean {@code 1 / rate}. */
    record Poisson(double ratePerSecond) implements Traffic {

        @Override
        public Arrivals arrivals(SplittableRandom random) {
            double meanGapNanos = NANOS_PER_SECOND / ratePerSecond;
            return now -> now + (long) (random.nextExponential() * meanGapNanos);
        }

        @Override
        public double meanRate(double durationSeconds) {
            return ratePerSecond;
        }
    }

    /** A request every {@code intervalSeconds} exactly, the first one interval after the start. */
    record Regular(double intervalSeconds) implements Traffic {

        @Override
        public Arrivals arrivals(SplittableRandom random) {
            long gap = Math.round(intervalSeconds * NANOS_PER_SECOND);
            return now -> now + gap;
        }

        @Override
        public double meanRate(double durationSeconds) {
            return 1 / intervalSeconds;
        }
    }

    /**
     * A Poisson process whose rate follows {@code pattern}, drawn by thinning (Lewis and Shedler): draw
     * arrivals at the pattern's highest rate and keep each with probability {@code rate(t) / highest}.
     */
    record Patterned(RatePattern pattern) implements Traffic {

        @Override
        public Arrivals arrivals(SplittableRandom random) {
            double max = pattern.maxRate();
            if (max <= 0) {
                return now -> Arrivals.NEVER;
            }
            double meanGapNanos = NANOS_PER_SECOND / max;
            return now -> {
                long t = now;
                while (true) {
                    t += (long) (random.nextExponential() * meanGapNanos);
                    if (t < 0) {
                        return Arrivals.NEVER;
                    }
                    if (random.nextDouble() * max < pattern.rateAt((double) t / NANOS_PER_SECOND)) {
                        return t;
                    }
                }
            };
        }

        @Override
        public double meanRate(double durationSeconds) {
            int steps = 10_000;
            double sum = 0;
            for (int i = 0; i < steps; i++) {
                sum += pattern.rateAt((i + 0.5) * durationSeconds / steps);
            }
            return sum / steps;
        }
    }

    /**
     * A replayed trace: {@code countsPerMinute[m]} requests in minute {@code m}, as the Azure Functions
     * 2019 dataset records them. Within a minute the trace says nothing about when they came, so each
     * request's moment is drawn uniformly at random within its minute. After the last minute, no more.
     */
    record Replay(String name, int[] countsPerMinute) implements Traffic {

        public Replay {
            countsPerMinute = countsPerMinute.clone();
        }

        @Override
        public Arrivals arrivals(SplittableRandom random) {
            return new Arrivals() {
                private long[] minute = new long[16];
                private int minuteIndex = -1;
                private int count;
                private int position;

                @Override
                public long next(long nowNanos) {
                    while (position == count) {
                        if (++minuteIndex >= countsPerMinute.length) {
                            return NEVER;
                        }
                        count = countsPerMinute[minuteIndex];
                        position = 0;
                        if (minute.length < count) {
                            minute = new long[Math.max(count, minute.length * 2)];
                        }
                        long start = minuteIndex * NANOS_PER_MINUTE;
                        for (int i = 0; i < count; i++) {
                            minute[i] = start + random.nextLong(NANOS_PER_MINUTE);
                        }
                        Arrays.sort(minute, 0, count);
                    }
                    return minute[position++];
                }
            };
        }

        /** Every request in the trace. */
        public long total() {
            long total = 0;
            for (int count : countsPerMinute) {
                total += count;
            }
            return total;
        }

        @Override
        public double meanRate(double durationSeconds) {
            long total = 0;
            for (int m = 0; m < countsPerMinute.length && m * 60.0 < durationSeconds; m++) {
                total += countsPerMinute[m];
            }
            return total / durationSeconds;
        }
    }
}
