package dev.faaslab.time;

/**
 * The one source of time for everything that waits, expires or is billed.
 *
 * <p>Durations and deadlines use {@link #nanoTime()}; timestamps shown to people and to guest code
 * use {@link #epochMillis()}. A virtual-time clock (the simulator's) implements the same three
 * methods, so the runtime's policies run unchanged in either.
 */
public interface Clock {

    /** A monotonic reading in nanoseconds, for measuring durations and setting deadlines. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, for log timestamps and guest timers. */
    long epochMillis();

    /** Blocks until {@link #nanoTime()} reaches {@code deadlineNanos} (returns at once if past). */
    void sleepUntil(long deadlineNanos) throws InterruptedException;

    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
