package dev.faaslab.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one invocation produced.
 *
 * @param requestId the invocation's id
 * @param outcome   the result or the error
 * @param logs      what the function logged (init logs first, on a cold start)
 * @param report    the REPORT figures
 * @param attempt   1, or which delivery of an asynchronous event this is (a FaaS Lab addition: Lambda
 *                  retries failed events under the same request id, and says so nowhere)
 * @param style     the handler style that ran it, whose provider's words its log is written in (null: Lambda's)
 */
public record InvocationResult(String requestId, Outcome outcome, List<LogLine> logs, Report report, int attempt,
                               HandlerStyle style) {

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    public InvocationResult {
        logs = List.copyOf(logs);
    }

    public InvocationResult(String requestId, Outcome outcome, List<LogLine> logs, Report report) {
        this(requestId, outcome, logs, report, 1, null);
    }

    public InvocationResult(String requestId, Outcome outcome, List<LogLine> logs, Report report, int attempt) {
        this(requestId, outcome, logs, report, attempt, null);
    }

    public boolean succeeded() {
        return outcome instanceof Outcome.Success;
    }

    /** The error, or null on success. */
    public FunctionError error() {
        return outcome instanceof Outcome.Failure(FunctionError error) ? error : null;
    }

    /**
     * The error as Lambda's runtimes put it on the wire: Node.js with {@code trace}, Python with
     * {@code requestId} and {@code stackTrace}. Null on success.
     */
    public String errorPayload(Language language) {
        FunctionError error = error();
        if (error == null) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("errorType", error.errorType());
        node.put("errorMessage", error.errorMessage());
        if (language == Language.PYTHON) {
            node.put("requestId", requestId);
            error.trace().forEach(node.putArray("stackTrace")::add);
        } else {
            error.trace().forEach(node.putArray("trace")::add);
        }
        return node.toString();
    }

    /** The invocation's log, in the words of the provider whose style ran it ({@link HandlerStyle#logText}). */
    public List<String> logText(String version) {
        return style == null ? lambdaLogText(version) : style.logText(this, version);
    }

    /**
     * The invocation's log as Lambda writes it: START, the function's lines (an error last), END, REPORT.
     * A retried asynchronous event's START line ends with {@code Attempt: N}, a FaaS Lab addition.
     */
    public List<String> lambdaLogText(String version) {
        List<String> lines = new ArrayList<>(logs.size() + 3);
        lines.add("START RequestId: " + requestId + " Version: " + version + (attempt > 1 ? " Attempt: " + attempt : ""));
        for (LogLine line : logs) {
            lines.add(line.format());
        }
        lines.add("END RequestId: " + requestId);
        lines.add(report.format());
        return lines;
    }
}
