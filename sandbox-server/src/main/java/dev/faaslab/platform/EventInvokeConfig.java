package dev.faaslab.platform;

import dev.faaslab.core.InvalidInputException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How the platform handles a function's asynchronous ({@code Event}) invocations, as Lambda's
 * PutFunctionEventInvokeConfig sets it: how often a failed event is retried, how old an event may get,
 * and where one goes after the last failure. It applies to every asynchronous invocation of the
 * function, whichever version runs.
 *
 * @param maximumRetryAttempts 0 to 2 retries after a function error (Lambda's default 2)
 * @param maximumEventAge      60 s to 6 h; older events are not run, but sent to {@code onFailure}
 * @param onFailure            the name of a queue in the same workspace, or null for none
 * @param retryDelays          Lambda's delays between attempts, or FaaS Lab's short ones for watching them
 */
public record EventInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge, String onFailure,
                                RetryDelays retryDelays) {

    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    public static final int MAX_RETRY_ATTEMPTS = 2;
    public static final Duration MIN_EVENT_AGE = Duration.ofSeconds(60);
    public static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
    public static final EventInvokeConfig DEFAULT = new EventInvokeConfig(DEFAULT_RETRY_ATTEMPTS, MAX_EVENT_AGE,
            null, RetryDelays.LAMBDA);

    /** SQS's queue names: 1 to 80 letters, digits, hyphens, underscores. */
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** The waits before the second and the third attempt. */
    public enum RetryDelays {
        /** Lambda's: about 1 minute, then 2 minutes. */
        LAMBDA("lambda", Duration.ofSeconds(60), Duration.ofSeconds(120)),
        /** A FaaS Lab allowance, so that a lesson can watch retries happen: 1 second, then 2 seconds. */
        DEMONSTRATION("demonstration", Duration.ofSeconds(1), Duration.ofSeconds(2));

        private final String label;
        private final Duration first;
        private final Duration second;

        RetryDelays(String label, Duration first, Duration second) {
            this.label = label;
            this.first = first;
            this.second = second;
        }

        public String label() {
            return label;
        }

        /** The wait after {@code failedAttempts} attempts have failed (1 or 2). */
        public Duration after(int failedAttempts) {
            return failedAttempts <= 1 ? first : second;
        }

        public static RetryDelays fromLabel(String label) {
            for (RetryDelays delays : values()) {
                if (delays.label.equals(label)) {
                    return delays;
                }
            }
            throw new InvalidInputException("retryDelays", "retryDelays must be \"lambda\" (60 s, then 120 s) or \"demonstration\""
                    + " (1 s, then 2 s), not \"" + label + "\"");
        }
    }

    public EventInvokeConfig {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > MAX_RETRY_ATTEMPTS) {
            throw new InvalidInputException("maximumRetryAttempts", "maximumRetryAttempts must be 0, 1 or 2 (Lambda's limits), not "
                    + maximumRetryAttempts);
        }
        if (maximumEventAge == null || maximumEventAge.compareTo(MIN_EVENT_AGE) < 0
                || maximumEventAge.compareTo(MAX_EVENT_AGE) > 0) {
            throw new InvalidInputException("maximumEventAgeSeconds", "maximumEventAgeSeconds must be between 60 and 21600 (6 hours), not "
                    + (maximumEventAge == null ? "missing" : maximumEventAge.toSeconds()));
        }
        if (onFailure != null && !QUEUE_NAME.matcher(onFailure).matches()) {
            throw new InvalidInputException("onFailure", "onFailure must name a queue: 1 to 80 letters, digits, hyphens or"
                    + " underscores, not '" + onFailure + "'");
        }
        if (retryDelays == null) {
            throw new InvalidInputException("retryDelays", "retryDelays must be \"lambda\" or \"demonstration\"");
        }
    }

    /** Attempts in all: the first and the retries. */
    public int maximumAttempts() {
        return 1 + maximumRetryAttempts;
    }
}
