package dev.faaslab.grader;

import dev.faaslab.runtime.InvocationResult;
import java.util.List;

/** {@code invocations} sequential invocations must give exactly {@code coldStarts} cold starts. */
record ColdStarts(EventSpec event, int invocations, int coldStarts) implements PlatformProbe {

    ColdStarts {
        if (invocations < 1 || coldStarts < 0 || coldStarts > invocations) {
            throw new IllegalArgumentException("coldStarts needs 1 or more invocations and 0 to that many cold starts");
        }
    }

    @Override
    public Verdict run(Trial trial) {
        List<InvocationResult> results = trial.invokeSequentially(event, invocations);
        Verdict failed = Trial.firstFailure(results, expected());
        if (failed != null) {
            return failed;
        }
        long cold = results.stream().filter(result -> result.report().cold()).count();
        String actual = cold + " cold start" + (cold == 1 ? "" : "s") + " in " + invocations + " sequential invocations";
        return cold == coldStarts ? Verdict.pass(expected(), actual, Trial.output(results))
                : Verdict.fail(expected(), actual, Trial.output(results));
    }

    @Override
    public String expected() {
        return "exactly " + coldStarts + " cold start" + (coldStarts == 1 ? "" : "s") + " in " + invocations
                + " sequential invocations";
    }

    @Override
    public String kind() {
        return "coldStarts";
    }
}
