package dev.faaslab.grader;

import dev.faaslab.runtime.InvocationResult;
import java.util.List;

/** One invocation must return (a result, not an error) before the exercise's timeout ends it. */
record WithinTimeout(EventSpec event, int timeoutSeconds) implements PlatformProbe {

    @Override
    public Verdict run(Trial trial) {
        InvocationResult result = trial.invoke(event);
        String output = Trial.output(List.of(result));
        if (!result.succeeded()) {
            return Trial.failure(result.error(), expected(), output);
        }
        return Verdict.pass(expected(), "returned a result", output);
    }

    @Override
    public String expected() {
        return "a result within the timeout of " + timeoutSeconds + " s";
    }

    @Override
    public String kind() {
        return "withinTimeout";
    }
}
