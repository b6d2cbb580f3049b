package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.START;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.invocations;
import static dev.faaslab.http.QueueSteps.logLines;
import static dev.faaslab.http.QueueSteps.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.time.ManualClock;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("An asynchronous invocation")
class AsyncRetriesTest {

    /** Logs which attempt it is, then fails. */
    static final String FAILS = """
            export const handler = async (event, context) => {
              console.log('attempt ' + context.attempt + ' of ' + context.awsRequestId);
              throw new TypeError('no stock for ' + event.item);
            };""";

    @TempDir
    Path data;
    ManualClock clock;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(START);
        server = new TestServer(data, clock);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Sends the event as Lambda's Invoke API does with InvocationType Event; returns the request id. */
    String invokeAsync(String function, String event) {
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(
                        server.uri("/2015-03-31/functions/" + function + "/invocations"))
                .header("X-Amz-Invocation-Type", "Event").POST(HttpRequest.BodyPublishers.ofString(event)).build());
        assertEquals(202, reply.status(), reply.body());
        server.platform.settleAsync();
        return reply.header("X-Amzn-RequestId");
    }

    /** Steps the clock, then lets every attempt due by then finish. */
    void after(Duration wait) {
        clock.advance(wait);
        server.platform.settleAsync();
    }

    List<String> startLines(String function) {
        return logLines(server, function).stream().filter(line -> line.startsWith("START ")).toList();
    }

    @Test
    @DisplayName("that keeps failing runs 1 + maximumRetryAttempts times, after 60 s and 120 s, then goes to the destination")
    void retriesThenDestination() {
        createQueue(server, "failed", "");
        server.deployJs("orders", FAILS, "\"onFailure\":\"failed\"");
        invokeAsync("orders", "{\"item\":\"tea\"}");
        assertEquals(1, invocations(server, "orders"), "the first attempt runs at once");

        after(Duration.ofSeconds(59));
        assertEquals(1, invocations(server, "orders"), "no retry before a minute");
        after(Duration.ofSeconds(1));
        assertEquals(2, invocations(server, "orders"), "the first retry after 60 s");
        after(Duration.ofSeconds(119));
        assertEquals(2, invocations(server, "orders"), "no second retry before two more minutes");
        after(Duration.ofSeconds(1));
        assertEquals(3, invocations(server, "orders"), "the second retry after 120 s");
        after(Duration.ofHours(1));
        assertEquals(3, invocations(server, "orders"), "and no more: maximumRetryAttempts is 2");
        assertEquals(0, server.platform.asyncWaiting(), "nothing left waiting");

        JsonNode messages = receive(server, "failed", 10);
        assertEquals(1, messages.size(), "one record in the destination: " + messages);
        JsonNode record = TestServer.json(messages.get(0).path("body").asText());
        assertEquals("1.0", record.path("version").asText());
        assertTrue(record.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                record.toString());
        JsonNode context = record.path("requestContext");
        assertEquals("RetriesExhausted", context.path("condition").asText());
        assertEquals(3, context.path("approximateInvokeCount").asInt());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:orders:$LATEST",
                context.path("functionArn").asText());
        assertEquals("tea", record.path("requestPayload").path("item").asText(), "the event, as sent");
        assertEquals(200, record.path("responseContext").path("statusCode").asInt());
        assertEquals("$LATEST", record.path("responseContext").path("executedVersion").asText());
        assertEquals("Unhandled", record.path("responseContext").path("functionError").asText());
        assertEquals("TypeError", record.path("responsePayload").path("errorType").asText());
        assertEquals("no stock for tea", record.path("responsePayload").path("errorMessage").asText());
    }

    @Test
    @DisplayName("shows each attempt in the START line and in context.attempt, under one request id")
    void attemptIsVisible() {
        server.deployJs("orders", FAILS, "\"retryDelays\":\"demonstration\"");
        String requestId = invokeAsync("orders", "{\"item\":\"tea\"}");
        after(Duration.ofSeconds(1));
        after(Duration.ofSeconds(2));
        assertEquals(List.of("START RequestId: " + requestId + " Version: $LATEST",
                        "START RequestId: " + requestId + " Version: $LATEST Attempt: 2",
                        "START RequestId: " + requestId + " Version: $LATEST Attempt: 3"),
                startLines("orders"), "the demonstration delays are 1 s and 2 s; each retry says which it is");
        List<String> logged = logLines(server, "orders").stream().filter(line -> line.contains("\tINFO\t"))
                .map(line -> line.substring(line.lastIndexOf('\t') + 1)).toList();
        assertEquals(List.of("attempt 1 of " + requestId, "attempt 2 of " + requestId, "attempt 3 of " + requestId),
                logged, "context.attempt counts, context.awsRequestId stays");
    }

    @Test
    @DisplayName("shows the attempt to Python as context.attempt too")
    void attemptInPython() {
        server.deploy("py", "{\"runtime\":\"python\",\"retryDelays\":\"demonstration\",\"maximumRetryAttempts\":1,"
                + "\"code\":\"def lambda_handler(event, context):\\n    print('attempt', context.attempt)\\n"
                + "    raise ValueError('no')\\n\"}");
        invokeAsync("py", "{}");
        after(Duration.ofSeconds(1));
        List<String> printed = logLines(server, "py").stream().filter(line -> line.contains("attempt "))
                .map(line -> line.substring(line.lastIndexOf('\t') + 1)).toList();
        assertEquals(List.of("attempt 1", "attempt 2"), printed);
    }

    @Test
    @DisplayName("that succeeds runs once, and a retry that succeeds ends the retries")
    void succeeds() {
        server.deployJs("flaky", """
                export const handler = async (event, context) => {
                  if (context.attempt < 2) throw new Error('first time unlucky');
                  return 'ok';
                };""", "\"retryDelays\":\"demonstration\"");
        invokeAsync("flaky", "{}");
        after(Duration.ofSeconds(1));
        after(Duration.ofMinutes(10));
        assertEquals(2, invocations(server, "flaky"), "failed once, succeeded on the retry, no more");
    }

    @Test
    @DisplayName("can be awaited: the wait ends once the last attempt has given up and the record is in the queue")
    void awaitSettled() throws Exception {
        createQueue(server, "failed", "");
        server.deployJs("orders", FAILS, "\"retryDelays\":\"demonstration\",\"maximumRetryAttempts\":1,"
                + "\"onFailure\":\"failed\"");
        invokeAsync("orders", "{\"item\":\"tea\"}");
        assertFalse(server.platform.awaitAsyncSettled(WorkspaceId.LOCAL, Duration.ZERO), "the retry is still to come");
        CompletableFuture<Boolean> settled = CompletableFuture.supplyAsync(
                () -> server.platform.awaitAsyncSettled(WorkspaceId.LOCAL, Duration.ofHours(1)));
        after(Duration.ofSeconds(1));
        // The bound only keeps a broken wait from hanging the build; the wait itself is woken by the event's end.
        assertTrue(settled.get(5, TimeUnit.MINUTES));
        assertEquals(2, invocations(server, "orders"));
        assertEquals(1, receive(server, "failed", 10).size(), "the record is in the queue when the wait ends");
        assertTrue(server.platform.awaitAsyncSettled(WorkspaceId.LOCAL, Duration.ZERO), "nothing left to wait for");
    }

    @Test
    @DisplayName("with maximumRetryAttempts 0 runs once and goes to the destination")
    void noRetries() {
        createQueue(server, "failed", "");
        server.deployJs("once", FAILS, "\"maximumRetryAttempts\":0,\"onFailure\":\"failed\"");
        invokeAsync("once", "{\"item\":\"tea\"}");
        after(Duration.ofMinutes(10));
        assertEquals(1, invocations(server, "once"));
        assertEquals(1, receive(server, "failed", 10).size());
    }

    @Test
    @DisplayName("older than maximumEventAgeSeconds is not run again, and goes to the destination as EventAgeExceeded")
    void eventAge() {
        createQueue(server, "failed", "");
        server.deployJs("orders", FAILS, "\"maximumEventAgeSeconds\":60,\"onFailure\":\"failed\"");
        invokeAsync("orders", "{\"item\":\"tea\"}");
        after(Duration.ofSeconds(60));
        assertEquals(2, invocations(server, "orders"), "60 s old at the first retry: not older than the maximum");
        after(Duration.ofSeconds(120));
        assertEquals(2, invocations(server, "orders"), "180 s old at the second: dropped, not run");
        JsonNode record = TestServer.json(receive(server, "failed", 10).get(0).path("body").asText());
        assertEquals("EventAgeExceeded", record.path("requestContext").path("condition").asText());
        assertEquals(2, record.path("requestContext").path("approximateInvokeCount").asInt());
        assertEquals("TypeError", record.path("responsePayload").path("errorType").asText(), "the last error");
    }

    @Nested
    @DisplayName("settings")
    class Settings {

        @Test
        @DisplayName("are Lambda's by default and shown with the function")
        void defaults() {
            JsonNode function = server.deployJs("plain", FAILS, "");
            assertEquals(2, function.path("maximumRetryAttempts").asInt());
            assertEquals(21_600, function.path("maximumEventAgeSeconds").asInt());
            assertTrue(function.path("onFailure").isNull());
            assertEquals("lambda", function.path("retryDelays").asText());
        }

        @Test
        @DisplayName("are refused outside Lambda's limits, or naming a queue that does not exist")
        void refused() {
            server.deployJs("plain", FAILS, "");
            for (String body : List.of("{\"maximumRetryAttempts\":3}", "{\"maximumEventAgeSeconds\":59}",
                    "{\"maximumEventAgeSeconds\":21601}", "{\"retryDelays\":\"fast\"}", "{\"onFailure\":\"nowhere\"}",
                    "{\"onFailure\":7}")) {
                TestServer.Reply reply = server.put("/api/functions/plain", body);
                assertEquals(400, reply.status(), body + ": " + reply.body());
            }
        }

        @Test
        @DisplayName("keep the destination queue from being deleted (409) until onFailure is removed")
        void destinationInUse() {
            createQueue(server, "failed", "");
            server.deployJs("orders", FAILS, "\"onFailure\":\"failed\"");
            assertEquals(409, server.delete("/api/queues/failed").status());
            server.put("/api/functions/orders", "{\"onFailure\":null}");
            assertEquals(204, server.delete("/api/queues/failed").status());
        }
    }

    @Test
    @DisplayName("waiting for a retry survives a restart, and carries on with the next attempt")
    void survivesRestart() throws Exception {
        createQueue(server, "failed", "");
        server.deployJs("orders", FAILS, "\"onFailure\":\"failed\"");
        String requestId = invokeAsync("orders", "{\"item\":\"tea\"}");
        assertEquals(1, invocations(server, "orders"));
        server.close();

        clock = new ManualClock(clock.epochMillis());
        server = new TestServer(data, clock);
        server.platform.settleAsync();
        assertEquals(0, invocations(server, "orders"), "not due yet after the restart");
        after(Duration.ofSeconds(60));
        after(Duration.ofSeconds(120));
        assertEquals(2, invocations(server, "orders"), "attempts 2 and 3, after the restart");
        assertEquals(List.of("START RequestId: " + requestId + " Version: $LATEST Attempt: 2",
                "START RequestId: " + requestId + " Version: $LATEST Attempt: 3"), startLines("orders"));
        JsonNode record = TestServer.json(receive(server, "failed", 10).get(0).path("body").asText());
        assertEquals(3, record.path("requestContext").path("approximateInvokeCount").asInt());
    }
}
