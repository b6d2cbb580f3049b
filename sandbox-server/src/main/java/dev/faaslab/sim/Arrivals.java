package dev.faaslab.sim;

/** One run's stream of arrival times, in nanoseconds of virtual time, in order. */
@FunctionalInterface
interface Arrivals {

    /** Returned when no request will come any more. */
    long NEVER = Long.MAX_VALUE;

    /** The first arrival after the one at {@code nowNanos} (0 before the first). */
    long next(long nowNanos);
}
