package dev.faaslab.traffic;

import dev.faaslab.core.TrafficPattern;

/**
 * How the live generator's request rate moves over a run of T seconds, for each of its
 * {@linkplain TrafficPattern patterns} and a base rate {@code rps}:
 * <ul>
 *   <li>steady: {@code rps} for the whole run, rps × T requests;</li>
 *   <li>spike: {@code rps}, and {@value #SPIKE_FACTOR} times {@code rps} during the middle fifth of the run:
 *       a crowd arrives, then leaves;</li>
 *   <li>sine: rate(t) = rps × (1 − cos(2πt/T)) / 2, from 0 up to {@code rps} at mid-run and back to 0, one
 *       smooth wave, rps × T / 2 requests in all;</li>
 *   <li>burst: {@code burst} requests at once, all concurrent; the run ends when every one has an answer.</li>
 * </ul>
 *
 * <p>A run sends, by time t, the rate's integral from 0 to t rounded down ({@link #sentBy}), rather than
 * sampling the rate: that way it sends what its pattern promises however coarsely its clock ticks.
 */
public final class LiveRate {

    /** How much busier the middle fifth of a spike is. */
    public static final int SPIKE_FACTOR = 5;

    private LiveRate() {
    }

    /** Whether requests follow a rate over a duration (all but a burst). */
    public static boolean hasRate(TrafficPattern pattern) {
        return pattern != TrafficPattern.BURST;
    }

    /** Requests per second {@code t} seconds into a run of {@code duration} seconds; 0 for a burst, which has no rate. */
    public static double rate(TrafficPattern pattern, double t, double duration, int rps) {
        return switch (live(pattern)) {
            case STEADY -> rps;
            case SPIKE -> t >= spikeStart(duration) && t < spikeEnd(duration) ? SPIKE_FACTOR * rps : rps;
            case SINE -> rps * (1 - Math.cos(2 * Math.PI * t / duration)) / 2;
            default -> 0;
        };
    }

    /** The requests due by {@code t} seconds into the run: {@link #rate}'s integral from 0 to t (t clamped to the run). */
    public static double sentBy(TrafficPattern pattern, double t, double duration, int rps) {
        double at = Math.clamp(t, 0, duration);
        return switch (live(pattern)) {
            case STEADY -> rps * at;
            case SPIKE -> rps * at
                    + (SPIKE_FACTOR - 1) * rps * Math.max(0, Math.min(at, spikeEnd(duration)) - spikeStart(duration));
            case SINE -> rps / 2.0 * (at - duration / (2 * Math.PI) * Math.sin(2 * Math.PI * at / duration));
            default -> 0;
        };
    }

    private static TrafficPattern live(TrafficPattern pattern) {
        if (!pattern.in(TrafficPattern.Engine.LIVE)) {
            throw new IllegalArgumentException(pattern.label() + " is not a pattern the live generator sends");
        }
        return pattern;
    }

    private static double spikeStart(double duration) {
        return duration * 2 / 5;
    }

    private static double spikeEnd(double duration) {
        return duration * 3 / 5;
    }
}
