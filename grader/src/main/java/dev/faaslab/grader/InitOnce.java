package dev.faaslab.grader;

import dev.faaslab.runtime.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The expensive setup runs once per instance, not once per request: {@code sequential} invocations one after
 * another, then {@code concurrent} at once, and the setup's call through the {@code faaslab} module
 * ({@code setupCall}, such as {@code bucket.get reference}: reading the data a table is built from) must have been
 * made exactly as many times as instances were started. The platform counts both, whatever the function logs;
 * however many instances it happened to start, the two counts come from the same run.
 */
record InitOnce(EventSpec event, int sequential, int concurrent, String setupCall) implements PlatformProbe {

    /** {@code service.operation resource}, as the platform labels an SDK call. */
    static final Pattern CALL = Pattern.compile("[a-z]+\\.[A-Za-z]+ [A-Za-z0-9._-]+");

    InitOnce {
        if (sequential < 1 || sequential > 100 || concurrent < 0 || concurrent > 20) {
            throw new IllegalArgumentException("initOnce needs 1 to 100 sequential invocations and 0 to 20 concurrent");
        }
        if (setupCall == null || !CALL.matcher(setupCall).matches()) {
            throw new IllegalArgumentException("initOnce needs \"setupCall\": the SDK call the setup makes, as "
                    + "'service.operation resource' (for example 'bucket.get reference'), not '" + setupCall + "'");
        }
    }

    @Override
    public Verdict run(Trial trial) {
        List<InvocationResult> results = new ArrayList<>(trial.invokeSequentially(event, sequential));
        if (concurrent > 0) {
            results.addAll(trial.invokeConcurrently(event, concurrent));
        }
        String output = Trial.output(results);
        Verdict failed = Trial.firstFailure(results, expected());
        if (failed != null) {
            return failed;
        }
        long calls = trial.sdkCalls(setupCall);
        long started = trial.instancesStarted();
        String actual = "the platform counted " + setupCall + " " + times(calls) + " in " + results.size()
                + " invocations, which started " + started + " instance" + (started == 1 ? "" : "s");
        return calls == started ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    @Override
    public String expected() {
        return "the setup (" + setupCall + ") once per instance started: as many calls as cold starts, over "
                + sequential + " sequential" + (concurrent > 0 ? " and " + concurrent + " concurrent" : "")
                + " invocations";
    }

    @Override
    public String kind() {
        return "initOnce";
    }

    /** "once", or "N times": a count a learner can compare with another. */
    static String times(long count) {
        return count == 1 ? "once" : count + " times";
    }
}
