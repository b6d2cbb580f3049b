package dev.faaslab.grader;

import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.platform.Invocation;
import dev.faaslab.runtime.InvocationResult;
import java.util.List;

/**
 * A burst, counted by the platform: {@code invocations} requests released at once at the function, deployed with
 * {@code reservedConcurrency} (null: none), and the platform's own counts must fall within the bounds: how many it
 * throttled (429), and the most instances busy at once. Every request the platform let through must succeed. The
 * counts are the platform's, from the same run, whatever the function logs and however fast the machine.
 *
 * @param throttles       the bounds on the throttled requests, or null for none
 * @param peakConcurrency the bounds on the most requests in flight at once, or null for none
 */
record Burst(EventSpec event, int invocations, Integer reservedConcurrency, Bounds throttles,
             Bounds peakConcurrency) implements PlatformProbe {

    static final int MOST_INVOCATIONS = 50;

    /** {@code min} to {@code max}, both counted, either open (null). */
    record Bounds(Integer min, Integer max) {

        Bounds {
            if (min == null && max == null || min != null && min < 0 || max != null && max < 0
                    || min != null && max != null && min > max) {
                throw new IllegalArgumentException("a bound is {\"min\": N} or {\"max\": N} or both, N 0 or more and"
                        + " min no more than max");
            }
        }

        boolean holds(long count) {
            return (min == null || count >= min) && (max == null || count <= max);
        }

        String words() {
            return min != null && max != null ? (min.equals(max) ? "exactly " + min : min + " to " + max)
                    : min != null ? "at least " + min : "at most " + max;
        }
    }

    Burst {
        if (invocations < 1 || invocations > MOST_INVOCATIONS) {
            throw new IllegalArgumentException("burst needs 1 to " + MOST_INVOCATIONS + " \"invocations\", not "
                    + invocations);
        }
        if (reservedConcurrency != null && (reservedConcurrency < 0 || reservedConcurrency > invocations)) {
            throw new IllegalArgumentException("burst's \"reservedConcurrency\" is 0 to the invocations ("
                    + invocations + "), not " + reservedConcurrency);
        }
        if (throttles == null && peakConcurrency == null) {
            throw new IllegalArgumentException("burst needs what to count: \"throttles\" or \"peakConcurrency\" (or"
                    + " both), each as {\"min\": N, \"max\": N}");
        }
    }

    @Override
    public Verdict run(Trial trial) {
        if (reservedConcurrency != null) {
            trial.reserve(reservedConcurrency);
        }
        List<Invocation> answers = trial.burst(event, invocations);
        List<InvocationResult> ran = answers.stream().filter(answer -> answer instanceof Invocation.Completed)
                .map(answer -> ((Invocation.Completed) answer).result()).toList();
        String output = Trial.output(ran);
        Verdict failed = Trial.firstFailure(ran, expected());
        if (failed != null) {
            return failed;
        }
        FunctionMetrics.Totals totals = trial.platform().totals(trial.workspace(), trial.function());
        long throttled = totals.throttles();
        int peak = trial.peakConcurrency(FunctionMetrics.RETAINED_SECONDS);
        String actual = "the platform throttled " + throttled + " of " + invocations + " requests, and had at most "
                + peak + " in flight at once";
        boolean holds = (throttles == null || throttles.holds(throttled))
                && (peakConcurrency == null || peakConcurrency.holds(peak));
        return holds ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    @Override
    public String expected() {
        return "a burst of " + invocations + " requests at once" + (reservedConcurrency == null ? ""
                : " at a reserved concurrency of " + reservedConcurrency) + ": "
                + (throttles == null ? "" : throttles.words() + " throttled")
                + (throttles != null && peakConcurrency != null ? ", and " : "")
                + (peakConcurrency == null ? "" : peakConcurrency.words() + " in flight at once")
                + ", and every request let through succeeds";
    }

    @Override
    public String kind() {
        return "burst";
    }
}
