package dev.faaslab.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** How long a request holds its instance, drawn afresh for each request; warm and cold requests have one each. */
public sealed interface ServiceTime {

    double NANOS_PER_SECOND = 1e9;

    /** One service time, in nanoseconds. */
    long sampleNanos(SplittableRandom random);

    /** The distribution's mean, in seconds (for closed forms and for the report). */
    double meanSeconds();

    static ServiceTime exponential(double meanSeconds) {
        return new Exponential(meanSeconds * NANOS_PER_SECOND);
    }

    static ServiceTime deterministic(double seconds) {
        return new Deterministic(Math.round(seconds * NANOS_PER_SECOND));
    }

    /**
     * A lognormal with this mean and shape {@code sigma} (the standard deviation of its logarithm):
     * long right tails, as measured function durations have. Its median is {@code mean / e^(sigma²/2)}.
     */
    static ServiceTime lognormal(double meanSeconds, double sigma) {
        return new Lognormal(Math.log(meanSeconds * NANOS_PER_SECOND) - sigma * sigma / 2, sigma);
    }

    /** Exponential: memoryless, SimFaaS's (and queueing theory's) default. */
    record Exponential(double meanNanos) implements ServiceTime {

        @Override
        public long sampleNanos(SplittableRandom random) {
            return (long) (random.nextExponential() * meanNanos);
        }

        @Override
        public double meanSeconds() {
            return meanNanos / NANOS_PER_SECOND;
        }
    }

    /** The same time for every request. */
    record Deterministic(long nanos) implements ServiceTime {

        @Override
        public long sampleNanos(SplittableRandom random) {
            return nanos;
        }

        @Override
        public double meanSeconds() {
            return nanos / NANOS_PER_SECOND;
        }
    }

    /** {@code e^(mu + sigma·Z)} nanoseconds, Z standard normal. */
    record Lognormal(double mu, double sigma) implements ServiceTime {

        @Override
        public long sampleNanos(SplittableRandom random) {
            return (long) Math.exp(mu + sigma * random.nextGaussian());
        }

        @Override
        public double meanSeconds() {
            return Math.exp(mu + sigma * sigma / 2) / NANOS_PER_SECOND;
        }
    }

    /**
     * Measured durations, resampled: each request draws one of them uniformly at random (a bootstrap), so
     * the simulation sees the real distribution, tail and all.
     */
    record Empirical(long[] nanos) implements ServiceTime {

        public Empirical {
            if (nanos.length == 0) {
                throw new IllegalArgumentException("an empirical service time needs at least one measured duration");
            }
            nanos = nanos.clone();
        }

        /**
         * Reads durations in milliseconds, one a line, as the live sandbox's REPORT lines give them; blank
         * lines and lines starting with {@code #} are skipped.
         */
        public static Empirical read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            long[] nanos = new long[lines.size()];
            int count = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                double ms;
                try {
                    ms = Double.parseDouble(line);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + line
                            + "' is not a duration in milliseconds; write one number a line, such as 12.5");
                }
                if (!(ms >= 0) || Double.isInfinite(ms)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": a duration must be 0 ms or more, not " + line);
                }
                nanos[count++] = Math.round(ms * 1e6);
            }
            if (count == 0) {
                throw new IllegalArgumentException(file + " holds no durations: write one a line, in milliseconds");
            }
            return new Empirical(Arrays.copyOf(nanos, count));
        }

        @Override
        public long sampleNanos(SplittableRandom random) {
            return nanos[random.nextInt(nanos.length)];
        }

        @Override
        public double meanSeconds() {
            double sum = 0;
            for (long n : nanos) {
                sum += n;
            }
            return sum / nanos.length / NANOS_PER_SECOND;
        }
    }
}
