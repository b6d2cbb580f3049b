package dev.faaslab.grader;

import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.LogLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The expensive setup runs once per instance, not once per request: {@code sequential} invocations one after
 * another, then {@code concurrent} at once, and the lines containing {@code marker} (which the exercise's setup
 * logs) must number exactly as many as the cold starts. However many instances the platform happened to start,
 * the two counts come from the same run.
 */
record InitOnce(EventSpec event, int sequential, int concurrent, String marker) implements Probe {

    InitOnce {
        if (sequential < 1 || concurrent < 0 || marker == null || marker.isBlank()) {
            throw new IllegalArgumentException("initOnce needs 1 or more sequential invocations and a marker");
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
        long setups = results.stream().flatMap(result -> result.logs().stream()).map(LogLine::message)
                .filter(message -> message.contains(marker)).count();
        long cold = results.stream().filter(result -> result.report().cold()).count();
        String actual = "'" + marker + "' was logged " + setups + " time" + (setups == 1 ? "" : "s") + " in "
                + results.size() + " invocations, which started " + cold + " instance" + (cold == 1 ? "" : "s");
        return setups == cold ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    @Override
    public String expected() {
        return "the setup (the lines logging '" + marker + "') runs once per instance: as many times as there are"
                + " cold starts, over " + sequential + " sequential" + (concurrent > 0 ? " and " + concurrent
                + " concurrent" : "") + " invocations";
    }
}
