package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of an answer's fields, and which are left out rather than null, are what a learner reads in a
 * terminal and what the documented examples show: the schema checks the fields' names and types, these their order.
 */
@DisplayName("The REST API answers with its fields in a fixed order")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerFieldsTest {

    static final List<String> SPEC = List.of("name", "arn", "runtime", "style", "handler", "fileName", "memoryMb",
            "timeoutSeconds", "environment", "reservedConcurrency", "provisionedConcurrency", "keepAliveSeconds",
            "maximumRetryAttempts", "maximumEventAgeSeconds", "onFailure", "retryDelays");
    static final List<String> BILL = List.of("requestsUsd", "computeUsd", "provisionedUsd", "freeTierCreditUsd",
            "totalUsd");

    TestServer server;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new TestServer(data);
        server.deployJs("fields", "export const handler = async () => 1;", "");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("for a function: its settings, the code when asked for one, then its revision and times")
    void function() {
        List<String> saved = concat(SPEC, List.of("code", "revision", "codeSha256", "createdAt", "updatedAt"));
        assertEquals(saved, fields(server.deployJs("fields", "export const handler = async () => 1;", "")));
        assertEquals(concat(saved, List.of("state", "totals", "cost")), fields(server.get("/api/functions/fields").json()));
        JsonNode shown = server.get("/api/functions/fields").json();
        assertEquals(List.of("inFlight", "instances", "provisionedReady"), fields(shown.path("state")));
        assertEquals(List.of("invocations", "errors", "throttles", "coldStarts", "sdkCalls",
                "recursiveInvocationsDropped"), fields(shown.path("totals")));
        assertEquals(BILL, fields(shown.path("cost")));
        List<String> listed = concat(SPEC, List.of("revision", "codeSha256", "createdAt", "updatedAt"));
        assertEquals(listed, fields(server.get("/api/functions/fields/configuration").json()));
        assertEquals(List.of("functions"), fields(server.get("/api/functions").json()));
        assertEquals(listed, fields(server.get("/api/functions").json().path("functions").get(0)));
    }

    @Test
    @DisplayName("for a version: its settings, the code when it is read alone, then its number and time")
    void version() {
        List<String> published = concat(SPEC, List.of("version", "description", "codeSha256", "createdAt"));
        assertEquals(published, fields(server.post("/api/functions/fields/versions", "").json()));
        assertEquals(List.of("versions"), fields(server.get("/api/functions/fields/versions").json()));
        assertEquals(published, fields(server.get("/api/functions/fields/versions").json().path("versions").get(0)));
        assertEquals(concat(SPEC, List.of("code", "version", "description", "codeSha256", "createdAt")),
                fields(server.get("/api/functions/fields/versions/1").json()));
    }

    @Test
    @DisplayName("for an invocation: a result or an error, never both, then the REPORT, the cost and the logs")
    void invocation() {
        JsonNode succeeded = server.post("/api/functions/fields/invoke", "{}").json();
        assertEquals(List.of("requestId", "function", "version", "cold", "instanceId", "provisioned", "result", "report",
                "costUsd", "logs"), fields(succeeded));
        assertEquals(List.of("durationMs", "billedDurationMs", "memorySizeMb", "initDurationMs", "text"),
                fields(succeeded.path("report")));
        server.deployJs("fields-throws", "export const handler = async () => { throw new TypeError('no'); };", "");
        JsonNode failed = server.post("/api/functions/fields-throws/invoke", "{}").json();
        assertEquals(List.of("requestId", "function", "version", "cold", "instanceId", "provisioned", "error", "report",
                "costUsd", "logs"), fields(failed));
        assertEquals(List.of("kind", "errorType", "errorMessage", "location", "trace", "hint", "description"),
                fields(failed.path("error")));
        assertEquals(List.of("file", "line", "column"), fields(failed.path("error").path("location")));
    }

    @Test
    @DisplayName("for what learners watch: instances, metrics and log lines")
    void watching() {
        server.post("/api/functions/fields/invoke", "{}");
        assertEquals(List.of("instances", "inFlight", "provisionedReady"),
                fields(server.get("/api/functions/fields/instances").json()));
        JsonNode metrics = server.get("/api/functions/fields/metrics").json();
        assertEquals(List.of("totals", "points"), fields(metrics));
        assertEquals(List.of("epochSecond", "invocations", "errors", "throttles", "coldStarts", "concurrentPeak",
                "initialising", "busy", "idle", "durationP50Ms", "durationP90Ms", "durationP99Ms", "initDurationMaxMs",
                "billedMbMs", "sdkCalls", "recursiveInvocationsDropped", "costUsd"), fields(metrics.path("points").get(0)));
        JsonNode logs = server.get("/api/functions/fields/logs").json();
        assertEquals(List.of("lines"), fields(logs));
        assertEquals(List.of("sequence", "epochMillis", "requestId", "version", "text"), fields(logs.path("lines").get(0)));
    }

    @Test
    @DisplayName("for billing: the settings with the prices as they have always been shown, then the bills")
    void billing() {
        TestServer.Reply billing = server.get("/api/billing");
        assertEquals(List.of("settings", "workspace", "functions"), fields(billing.json()));
        assertEquals(BILL, fields(billing.json().path("workspace")));
        assertEquals(BILL, fields(billing.json().path("functions").path("fields")));
        assertTrue(billing.body().contains("\"perMillionRequests\":0.2,"), "trailing zeros dropped: " + billing.body());
        assertTrue(billing.body().contains("\"totalUsd\":0.000000"), "a bill's figures keep their scale: " + billing.body());
        TestServer.Reply put = server.put("/api/billing", billing.json().path("settings").toString());
        assertEquals(List.of("prices", "freeTier"), fields(put.json()));
        assertTrue(put.body().contains("\"perMillionRequests\":0.2,"), put.body());
    }

    @Test
    @DisplayName("for the account and the server's health")
    void accountAndHealth() {
        JsonNode account = server.get("/api/account").json();
        assertEquals(List.of("limits", "quotas", "usage"), fields(account));
        assertEquals(List.of("concurrentExecutions", "unreservedConcurrentExecutions", "scalingBurst",
                "scalingIntervalSeconds"), fields(account.path("limits")));
        assertEquals(List.of("functions", "codeStorageBytes", "asyncBacklogEvents", "asyncBacklogBytes", "byFunction"),
                fields(account.path("usage")));
        JsonNode health = server.get("/health").json();
        assertEquals(List.of("status", "version", "runtimeMode", "engines", "uptimeSeconds", "instances"), fields(health));
        assertEquals(List.of("initialising", "busy", "idle", "total"), fields(health.path("instances")));
    }

    @Test
    @DisplayName("for a refusal of the Lambda Invoke API: a Reason only when throttled, then Type and message")
    void lambdaErrors() {
        assertEquals(List.of("Type", "message"), fields(invokeAsLambda("fields-nowhere").json()));
        server.deployJs("fields-off", "export const handler = async () => 1;", "\"reservedConcurrency\":0");
        assertEquals(List.of("Reason", "Type", "message"), fields(invokeAsLambda("fields-off").json()));
    }

    TestServer.Reply invokeAsLambda(String name) {
        return server.send(HttpRequest.newBuilder(server.uri("/2015-03-31/functions/" + name + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
