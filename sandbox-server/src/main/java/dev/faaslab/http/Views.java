package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.billing.Bill;
import dev.faaslab.billing.InvocationCost;
import dev.faaslab.billing.Prices;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.VersionRecord;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Report;
import java.io.IOException;
import java.util.List;

/** How the API shows the platform's values as JSON. One place, so every route shows a thing alike. */
final class Views {

    private Views() {
    }

    static ObjectNode function(FunctionRecord record, boolean withCode) {
        ObjectNode node = spec(record.spec(), withCode);
        node.put("revision", record.revision());
        node.put("codeSha256", record.codeSha256());
        node.put("createdAt", record.createdAt().toString());
        node.put("updatedAt", record.updatedAt().toString());
        return node;
    }

    static ObjectNode version(VersionRecord version, boolean withCode) {
        ObjectNode node = spec(version.spec(), withCode);
        node.put("version", Integer.toString(version.version()));
        node.put("description", version.description());
        node.put("codeSha256", version.codeSha256());
        node.put("createdAt", version.createdAt().toString());
        return node;
    }

    private static ObjectNode spec(FunctionSpec spec, boolean withCode) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("name", spec.name());
        node.put("arn", spec.toConfig("$LATEST").arn());
        node.put("runtime", spec.language().runtimeName());
        node.put("handler", spec.handler().toString());
        node.put("fileName", spec.fileName());
        node.put("memoryMb", spec.memoryMb());
        node.put("timeoutSeconds", spec.timeout().toSeconds());
        node.set("environment", Exchange.JSON.valueToTree(spec.environment()));
        if (spec.reservedConcurrency() == null) {
            node.putNull("reservedConcurrency");
        } else {
            node.put("reservedConcurrency", spec.reservedConcurrency());
        }
        node.put("provisionedConcurrency", spec.provisionedConcurrency());
        node.put("keepAliveSeconds", spec.keepAlive().toSeconds());
        node.put("maximumRetryAttempts", spec.eventInvoke().maximumRetryAttempts());
        node.put("maximumEventAgeSeconds", spec.eventInvoke().maximumEventAge().toSeconds());
        node.put("onFailure", spec.eventInvoke().onFailure());
        node.put("retryDelays", spec.eventInvoke().retryDelays().label());
        if (withCode) {
            node.put("code", spec.code());
        }
        return node;
    }

    /** A synchronous invocation through the REST API: result or error, the REPORT, the logs and the cost. */
    static ObjectNode invocation(Invocation.Completed completed, Prices prices) throws IOException {
        InvocationResult result = completed.result();
        Report report = result.report();
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("requestId", result.requestId());
        node.put("function", completed.function());
        node.put("version", completed.version());
        node.put("cold", report.cold());
        node.put("instanceId", report.instanceId());
        node.put("provisioned", completed.provisioned());
        if (result.outcome() instanceof Outcome.Success(String json)) {
            node.set("result", json == null ? null : Exchange.JSON.readTree(json));
        } else {
            node.set("error", error(result.error()));
        }
        node.set("report", report(report));
        node.putPOJO("costUsd", InvocationCost.of(prices, report.billedDurationMs(), completed.memoryMb(),
                completed.provisioned()));
        node.set("logs", Exchange.JSON.valueToTree(result.logText(completed.version())));
        return node;
    }

    static ObjectNode report(Report report) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("durationMs", report.durationMs());
        node.put("billedDurationMs", report.billedDurationMs());
        node.put("memorySizeMb", report.memorySizeMb());
        if (report.initDurationMs() == null) {
            node.putNull("initDurationMs");
        } else {
            node.put("initDurationMs", report.initDurationMs());
        }
        node.put("text", report.format());
        return node;
    }

    static ObjectNode error(FunctionError error) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("kind", error.kind().name());
        node.put("errorType", error.errorType());
        node.put("errorMessage", error.errorMessage());
        if (error.location() != null) {
            ObjectNode location = node.putObject("location");
            location.put("file", error.location().file());
            location.put("line", error.location().line());
            location.put("column", error.location().column());
        }
        error.trace().forEach(node.putArray("trace")::add);
        node.put("hint", error.hint());
        node.put("description", error.describe());
        return node;
    }

    static ObjectNode metric(MetricPoint point, Prices prices) {
        ObjectNode node = Exchange.JSON.valueToTree(point);
        node.putPOJO("costUsd", Bill.onDemand(prices, point.invocations(), point.billedMbMs()));
        return node;
    }

    static ObjectNode bill(Bill bill) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.putPOJO("requestsUsd", bill.requestsCost());
        node.putPOJO("computeUsd", bill.computeCost());
        node.putPOJO("provisionedUsd", bill.provisionedCost());
        node.putPOJO("freeTierCreditUsd", bill.freeTierCredit());
        node.putPOJO("totalUsd", bill.total());
        return node;
    }

    static JsonNode logs(List<LogEntry> entries) {
        return Exchange.JSON.valueToTree(entries);
    }
}
