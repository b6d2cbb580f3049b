package dev.faaslab.traffic;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a traffic run's request rate moves over its duration T (seconds), for a base rate {@code rps}.
 *
 * <p>A run sends, by time t, the rate's integral from 0 to t rounded down ({@link #sentBy}), rather than
 * sampling the rate: that way it sends what its pattern promises however coarsely its clock ticks.
 */
public enum Pattern {

    /** {@code rps} for the whole run: rps × T requests. */
    STEADY,

    /** {@code rps}, and five times {@code rps} during the middle fifth of the run: a crowd arrives, then leaves. */
    SPIKE,

    /**
     * rate(t) = rps × (1 − cos(2πt/T)) / 2: from 0 up to {@code rps} at mid-run and back to 0, one smooth
     * wave, rps × T / 2 requests in all.
     */
    SINE,

    /** {@code burst} requests at once, all concurrent; the run ends when every one has an answer. */
    BURST;

    /** How much busier the middle fifth of a spike is. */
    public static final int SPIKE_FACTOR = 5;

    /** The name the API and the live stream use: {@code steady}, {@code spike}, {@code sine}, {@code burst}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pattern named {@code label}; the message lists the names when there is none. */
    public static Pattern of(String label) {
        for (Pattern pattern : values()) {
            if (pattern.label().equals(label)) {
                return pattern;
            }
        }
        throw new IllegalArgumentException("the field 'pattern' must be " + names() + ", not '" + label + "'");
    }

    static String names() {
        String all = Arrays.stream(values()).map(Pattern::label).collect(Collectors.joining(", "));
        return all.substring(0, all.lastIndexOf(", ")) + " or " + all.substring(all.lastIndexOf(", ") + 2);
    }

    /** Whether requests follow a rate over a duration (all but {@link #BURST}). */
    public boolean hasRate() {
        return this != BURST;
    }

    /** Requests per second {@code t} seconds into a run of {@code duration} seconds; 0 for a burst, which has no rate. */
    public double rate(double t, double duration, int rps) {
        return switch (this) {
            case STEADY -> rps;
            case SPIKE -> t >= spikeStart(duration) && t < spikeEnd(duration) ? SPIKE_FACTOR * rps : rps;
            case SINE -> rps * (1 - Math.cos(2 * Math.PI * t / duration)) / 2;
            case BURST -> 0;
        };
    }

    /** The requests due by {@code t} seconds into the run: {@link #rate}'s integral from 0 to t (t clamped to the run). */
    public double sentBy(double t, double duration, int rps) {
        double at = Math.clamp(t, 0, duration);
        return switch (this) {
            case STEADY -> rps * at;
            case SPIKE -> rps * at
                    + (SPIKE_FACTOR - 1) * rps * Math.max(0, Math.min(at, spikeEnd(duration)) - spikeStart(duration));
            case SINE -> rps / 2.0 * (at - duration / (2 * Math.PI) * Math.sin(2 * Math.PI * at / duration));
            case BURST -> 0;
        };
    }

    private static double spikeStart(double duration) {
        return duration * 2 / 5;
    }

    private static double spikeEnd(double duration) {
        return duration * 3 / 5;
    }
}
