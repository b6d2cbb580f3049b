package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.faaslab.billing.InvocationCost;
import dev.faaslab.billing.Prices;
import dev.faaslab.platform.Invocation;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Report;
import dev.faaslab.runtime.SourceLocation;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * A synchronous invocation through the REST API: its result or its error (the other left out), the REPORT,
 * the cost and the logs.
 */
record InvocationView(String requestId, String function, String version, boolean cold, String instanceId,
                      boolean provisioned, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode result,
                      @JsonInclude(JsonInclude.Include.NON_NULL) ErrorView error, ReportView report, BigDecimal costUsd,
                      List<String> logs) {

    static InvocationView of(Invocation.Completed completed, Prices prices) throws IOException {
        InvocationResult result = completed.result();
        Report report = result.report();
        JsonNode value = null;
        ErrorView error = null;
        if (result.outcome() instanceof Outcome.Success(String json)) {
            // A tree, not the text as it came: the answer shows the value as the server's mapper reads it.
            value = json == null ? NullNode.getInstance() : Exchange.JSON.readTree(json);
        } else {
            error = ErrorView.of(result.error());
        }
        return new InvocationView(result.requestId(), completed.function(), completed.version(), report.cold(),
                report.instanceId(), completed.provisioned(), value, error, ReportView.of(report),
                InvocationCost.of(prices, report.billedDurationMs(), completed.memoryMb(), completed.provisioned()),
                result.logText(completed.version()));
    }

    /** The REPORT line's figures, and the line itself. */
    record ReportView(double durationMs, long billedDurationMs, int memorySizeMb, Double initDurationMs, String text) {

        static ReportView of(Report report) {
            return new ReportView(report.durationMs(), report.billedDurationMs(), report.memorySizeMb(),
                    report.initDurationMs(), report.format());
        }
    }

    /** A function's error: what it was, where it happened when that is known, and a hint. */
    record ErrorView(String kind, String errorType, String errorMessage,
                     @JsonInclude(JsonInclude.Include.NON_NULL) SourceLocation location, List<String> trace,
                     String hint, String description) {

        static ErrorView of(FunctionError error) {
            return new ErrorView(error.kind().name(), error.errorType(), error.errorMessage(), error.location(),
                    error.trace(), error.hint(), error.describe());
        }
    }
}
