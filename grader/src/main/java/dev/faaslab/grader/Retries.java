package dev.faaslab.grader;

import dev.faaslab.metrics.FunctionMetrics;

/**
 * The platform runs the event as often as the concept says: sent once as an asynchronous invocation to the function
 * configured with {@code maximumRetryAttempts} retries, it must have been attempted exactly {@code attempts} times
 * when the platform is done with it. One attempt: the function handled a recoverable problem itself, and did not
 * throw; {@code maximumRetryAttempts + 1}: it threw on an event it cannot process, every time, and the platform gave
 * up. The attempts are the platform's count of the invocations of a function deployed for this check alone, never
 * what the function logs.
 */
record Retries(EventSpec event, int attempts, int maximumRetryAttempts) implements PlatformProbe {

    Retries {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new IllegalArgumentException("retries' \"maximumRetryAttempts\" is 0, 1 or 2 (Lambda's limits), not "
                    + maximumRetryAttempts);
        }
        if (attempts < 1 || attempts > maximumRetryAttempts + 1) {
            throw new IllegalArgumentException("retries needs \"attempts\": 1 to " + (maximumRetryAttempts + 1)
                    + " (the first and " + maximumRetryAttempts + " retr" + (maximumRetryAttempts == 1 ? "y" : "ies")
                    + "), not " + attempts);
        }
    }

    @Override
    public Verdict run(Trial trial) {
        trial.retryAsync(maximumRetryAttempts, null);
        trial.invokeAsync(event);
        trial.awaitAsyncSettled(1, maximumRetryAttempts);
        FunctionMetrics.Totals totals = trial.platform().totals(trial.workspace(), trial.function());
        long ran = totals.invocations();
        String actual = "the platform ran the event " + times(ran) + ": " + (totals.errors() == 0 ? "it succeeded"
                : totals.errors() == ran ? (ran == maximumRetryAttempts + 1 ? "every attempt failed, and it gave up"
                : "every attempt failed") : totals.errors() + " failed, then one succeeded");
        String output = trial.loggedOutput();
        return ran == attempts ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    @Override
    public String expected() {
        String outcome = attempts == 1 ? "once: the function handles it without failing"
                : attempts == maximumRetryAttempts + 1 ? times(attempts) + ": the function fails every attempt, and the"
                + " platform gives up" : times(attempts) + ": the function fails " + times(attempts - 1)
                + ", then succeeds";
        return "sent asynchronously (up to " + (maximumRetryAttempts + 1) + " attempts), " + event.json()
                + " is attempted " + outcome;
    }

    @Override
    public String kind() {
        return "retries";
    }

    private static String times(long count) {
        return count == 1 ? "once" : count == 2 ? "twice" : count + " times";
    }
}
