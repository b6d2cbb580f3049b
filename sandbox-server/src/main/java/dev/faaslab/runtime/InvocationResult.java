package dev.faaslab.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one invocation produced.
 *
 * @param requestId the invocation's id
 * @param outcome   the result or the error
 * @param logs      what the function logged (init logs first, on a cold start)
 * @param report    the REPORT figures
 */
public record InvocationResult(String requestId, Outcome outcome, List<LogLine> logs, Report report) {

    public InvocationResult {
        logs = List.copyOf(logs);
    }

    public boolean succeeded() {
        return outcome instanceof Outcome.Success;
    }

    /** The error, or null on success. */
    public FunctionError error() {
        return outcome instanceof Outcome.Failure(FunctionError error) ? error : null;
    }

    /** The invocation's log as Lambda writes it: START, the function's lines (an error last), END, REPORT. */
    public List<String> logText(String version) {
        List<String> lines = new ArrayList<>(logs.size() + 3);
        lines.add("START RequestId: " + requestId + " Version: " + version);
        for (LogLine line : logs) {
            lines.add(line.format());
        }
        lines.add("END RequestId: " + requestId);
        lines.add(report.format());
        return lines;
    }
}
