package dev.faaslab.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The shapes of traffic, one vocabulary for the live generator ({@code POST /api/traffic}) and the
 * simulator ({@code POST /api/simulations}, {@code faaslab simulate}). A name means one shape in both; each
 * engine makes the shapes it can ({@link #in}) and says so when asked for another. The base rate is
 * {@value #RATE_FIELD} in both APIs (requests per second).
 */
public enum TrafficPattern {

    /** A constant rate: the live generator sends evenly, the simulator draws Poisson arrivals. */
    STEADY(Engine.LIVE, Engine.SIMULATOR),

    /** Exactly 1/rate apart (simulator). */
    REGULAR(Engine.SIMULATOR),

    /** The rate, and a peak for a while: live 5 × rps in the middle fifth, simulated {@code peakRate} (10 × by default). */
    SPIKE(Engine.LIVE, Engine.SIMULATOR),

    /** One smooth wave over the run, from 0 up to the rate at mid-run and back (live). */
    SINE(Engine.LIVE),

    /** The rate swinging around its mean once a period, a day by default (simulator). */
    DIURNAL(Engine.SIMULATOR),

    /** The rate for a while, then none, repeating (simulator). */
    ON_OFF(Engine.SIMULATOR),

    /** Many requests at once, all concurrent (live). */
    BURST(Engine.LIVE);

    /** The base rate's field in both APIs; the simulations API also takes its old name, {@code arrivalRate}. */
    public static final String RATE_FIELD = "rps";

    /** What makes traffic: requests sent now, or requests imagined in virtual time. */
    public enum Engine {
        LIVE, SIMULATOR
    }

    private final List<Engine> engines;

    TrafficPattern(Engine... engines) {
        this.engines = List.of(engines);
    }

    /** The name both APIs use: {@code steady}, {@code regular}, {@code spike}, {@code sine}, {@code diurnal}, {@code on-off}, {@code burst}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether {@code engine} makes this shape. */
    public boolean in(Engine engine) {
        return engines.contains(engine);
    }

    /** The shapes {@code engine} makes, in this order. */
    public static List<TrafficPattern> of(Engine engine) {
        return Arrays.stream(values()).filter(pattern -> pattern.in(engine)).toList();
    }

    /** {@code engine}'s shapes' names, such as "steady, spike, sine or burst". */
    public static String names(Engine engine) {
        List<String> names = of(engine).stream().map(TrafficPattern::label).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /**
     * The shape named {@code label} that {@code engine} makes.
     *
     * @throws IllegalArgumentException whose message, such as "must be steady, spike, sine or burst, not 'zigzag'",
     *                                  lists {@code engine}'s names (the caller puts the field's name before it),
     *                                  and says which engine makes the shape when it is the other's
     */
    public static TrafficPattern of(String label, Engine engine) {
        for (TrafficPattern pattern : values()) {
            if (pattern.label().equals(label) && pattern.in(engine)) {
                return pattern;
            }
            if (pattern.label().equals(label)) {
                throw new IllegalArgumentException("must be " + names(engine) + ", not '" + label + "': " + label
                        + " is a pattern of " + (engine == Engine.LIVE ? "the simulator (POST /api/simulations)"
                        : "the live traffic generator (POST /api/traffic)"));
            }
        }
        throw new IllegalArgumentException("must be " + names(engine) + ", not '" + label + "'");
    }
}
