package dev.faaslab.http;

import java.time.Duration;

/**
 * How slowly a request body may arrive: any pace during {@code grace}, then at least {@code minBytesPerSecond}
 * on average, as Apache's mod_reqtimeout counts it ({@code body=20,MinRate=500} is its default, and ours).
 * A body that falls behind is answered with 408 and its connection closed.
 *
 * <p>Network time, not the platform's {@link dev.faaslab.time.Clock}: a simulation's virtual minutes must not
 * time out a real socket.
 */
record BodyPace(Duration grace, long minBytesPerSecond) {

    static final BodyPace DEFAULT = new BodyPace(Duration.ofSeconds(20), 500);

    BodyPace {
        if (grace.isNegative() || minBytesPerSecond <= 0) {
            throw new IllegalArgumentException("a body pace needs a grace of zero or more and a positive rate, not "
                    + grace + " and " + minBytesPerSecond + " bytes/s");
        }
    }

    /** When a body that began at {@code startNanos} and has brought {@code received} bytes falls behind. */
    long deadlineNanos(long startNanos, long received) {
        return startNanos + grace.toNanos() + received * 1_000_000_000L / minBytesPerSecond;
    }

    /** The rule in words, for the 408's message. */
    String describe() {
        return "the server waits " + grace.toSeconds() + " s for a body, then wants at least " + minBytesPerSecond
                + " bytes a second";
    }
}
