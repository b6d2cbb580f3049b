package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.START;
import static dev.faaslab.http.QueueSteps.counts;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.invocations;
import static dev.faaslab.http.QueueSteps.logLines;
import static dev.faaslab.http.QueueSteps.loggedJson;
import static dev.faaslab.http.QueueSteps.receive;
import static dev.faaslab.http.QueueSteps.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.events.queue.EventSourceMapping;
import dev.faaslab.events.queue.QueuePoller;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A queue that triggers a function")
class QueueTriggerTest {

    /** Logs each event it gets, and succeeds. */
    static final String RECORDER = "export const handler = async (event) => { console.log(JSON.stringify(event)); };";
    /** Logs each event, then throws: the whole batch fails. */
    static final String THROWER = """
            export const handler = async (event) => {
              console.log(JSON.stringify(event));
              throw new Error('not today');
            };""";
    /** Logs each event and reports the messages whose body is "poison" as failed. */
    static final String PICKY = """
            export const handler = async (event) => {
              console.log(JSON.stringify(event));
              return { batchItemFailures: event.Records.filter((r) => r.body === 'poison')
                .map((r) => ({ itemIdentifier: r.messageId })) };
            };""";

    /** What a mapping's body adds to turn on partial batch responses. */
    static final String REPORTING = ",\"functionResponseTypes\":[\"ReportBatchItemFailures\"]";

    @TempDir
    Path data;
    ManualClock clock;
    TestServer server;
    QueuePoller poller;

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(START);
        server = new TestServer(data, clock);
        poller = server.sandbox.queuePoller();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    JsonNode map(String queue, String function, String extra) {
        TestServer.Reply reply = server.post("/api/event-source-mappings", "{\"queue\":\"" + queue
                + "\",\"function\":\"" + function + "\"" + extra + "}");
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    /**
     * The queue {@code queue} (visibility timeout 30 s) triggering the function picky, with {@code extra} in the
     * mapping's body, and two messages waiting in it: good and poison. Returns the mapping.
     */
    JsonNode pickyBatch(String queue, String extra) {
        createQueue(server, queue, "{\"visibilityTimeoutSeconds\":30}");
        JsonNode mapping = map(queue, "picky", extra);
        send(server, queue, "good");
        send(server, queue, "poison");
        return mapping;
    }

    /** Steps the clock, then polls: every message visible by then has been delivered when this returns. */
    void after(Duration wait) {
        clock.advance(wait);
        poller.pollOnce();
    }

    /** The function's log lines at WARN, the platform's warnings among them. */
    List<String> warnings(String function) {
        return logLines(server, function).stream().filter(line -> line.contains("\tWARN\t")).toList();
    }

    /** A mapping's functionResponseTypes, as JSON. */
    static String responseTypes(JsonNode mapping) {
        return mapping.path("functionResponseTypes").toString();
    }

    /** The events the function logged, each its list of records. */
    List<JsonNode> batches(String function) {
        List<JsonNode> batches = new ArrayList<>();
        loggedJson(server, function).forEach(event -> batches.add(event.path("Records")));
        return batches;
    }

    /** How often each message body reached the function. */
    Map<String, Integer> deliveries(String function) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode batch : batches(function)) {
            batch.forEach(record -> counts.merge(record.path("body").asText(), 1, Integer::sum));
        }
        return counts;
    }

    @Test
    @DisplayName("hands it SQS's event, exactly, and deletes the batch when it succeeds")
    void sqsEvent() {
        server.deployJs("recorder", RECORDER, "");
        createQueue(server, "orders", "");
        map("orders", "recorder", "");
        String id = send(server, "orders", "{\"orderId\":42}");
        poller.pollOnce();
        assertEquals(1, invocations(server, "recorder"));
        JsonNode record = batches("recorder").getFirst().get(0);
        assertEquals(List.of("messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody",
                "eventSource", "eventSourceARN", "awsRegion"), fieldNames(record), "SQS's fields, in SQS's order");
        assertEquals(id, record.path("messageId").asText());
        assertEquals("{\"orderId\":42}", record.path("body").asText(), "the body as sent, a string");
        assertEquals(List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"),
                fieldNames(record.path("attributes")));
        assertEquals("1", record.path("attributes").path("ApproximateReceiveCount").asText());
        assertEquals(Long.toString(START), record.path("attributes").path("SentTimestamp").asText(),
                "sent at the clock's time, in epoch milliseconds");
        assertEquals("000000000000", record.path("attributes").path("SenderId").asText());
        assertTrue(record.path("messageAttributes").isObject() && record.path("messageAttributes").isEmpty());
        assertEquals("aws:sqs", record.path("eventSource").asText());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", record.path("eventSourceARN").asText());
        assertEquals("us-east-1", record.path("awsRegion").asText());
        assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"), "succeeded: deleted");
    }

    @Test
    @DisplayName("hands it at most batchSize messages at a time")
    void batchSize() {
        server.deployJs("recorder", RECORDER, "");
        createQueue(server, "orders", "");
        map("orders", "recorder", ",\"batchSize\":2");
        for (int i = 1; i <= 5; i++) {
            send(server, "orders", "m" + i);
        }
        poller.pollOnce();
        assertEquals(List.of(1, 2, 2), batches("recorder").stream().map(JsonNode::size).sorted().toList(),
                "three batches, delivered at once (so in any order)");
        assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"));
    }

    @Test
    @DisplayName("waits for the batching window to fill a batch")
    void batchingWindow() {
        server.deployJs("recorder", RECORDER, "");
        createQueue(server, "orders", "");
        map("orders", "recorder", ",\"batchSize\":3,\"maximumBatchingWindowSeconds\":5");
        send(server, "orders", "a");
        poller.pollOnce();
        after(Duration.ofSeconds(4));
        assertEquals(0, invocations(server, "recorder"), "one message, and the window is still open");
        send(server, "orders", "b");
        after(Duration.ofSeconds(1));
        assertEquals(1, invocations(server, "recorder"), "the window closed: what there is goes");
        assertEquals(2, batches("recorder").getFirst().size());
        send(server, "orders", "c");
        send(server, "orders", "d");
        send(server, "orders", "e");
        poller.pollOnce();
        assertEquals(2, invocations(server, "recorder"), "a full batch goes at once");
    }

    @Nested
    @DisplayName("when the function fails")
    class Failures {

        @Test
        @DisplayName("redelivers the whole batch after the visibility timeout: duplicates are visible")
        void wholeBatch() {
            server.deployJs("thrower", THROWER, "");
            createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":30}");
            map("orders", "thrower", "");
            send(server, "orders", "a");
            send(server, "orders", "b");
            poller.pollOnce();
            assertEquals(1, invocations(server, "thrower"));
            assertEquals(List.of(0L, 2L, 0L), counts(server, "orders"), "both in flight: neither deleted");
            after(Duration.ofSeconds(29));
            assertEquals(1, invocations(server, "thrower"), "hidden until the visibility timeout ends");
            after(Duration.ofSeconds(1));
            assertEquals(2, invocations(server, "thrower"));
            assertEquals(Map.of("a", 2, "b", 2), deliveries("thrower"), "each message delivered twice");
            assertEquals("2", batches("thrower").getLast().get(0).path("attributes").path("ApproximateReceiveCount")
                    .asText(), "and it says so");
            JsonNode mapping = server.get("/api/event-source-mappings").json().path("eventSourceMappings").get(0);
            assertTrue(mapping.path("lastProcessingResult").asText().startsWith("PROBLEM: Function call failed"),
                    mapping.toString());

            server.deployJs("thrower", RECORDER, "");
            after(Duration.ofSeconds(30));
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"), "fixed: the third delivery deletes them");
        }

        @Test
        @DisplayName("with ReportBatchItemFailures, keeps only the messages batchItemFailures names; the poison"
                + " message ends in the dead-letter queue")
        void partialBatch() {
            server.deployJs("picky", PICKY, "");
            createQueue(server, "orders-dlq", "");
            createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":30,"
                    + "\"redrivePolicy\":{\"deadLetterQueue\":\"orders-dlq\",\"maxReceiveCount\":2}}");
            JsonNode mapping = map("orders", "picky", REPORTING);
            assertEquals("[\"ReportBatchItemFailures\"]", responseTypes(mapping));
            send(server, "orders", "good");
            String poison = send(server, "orders", "poison");
            send(server, "orders", "fine");
            poller.pollOnce();
            assertEquals(List.of(0L, 1L, 0L), counts(server, "orders"), "only the reported message stays");

            after(Duration.ofSeconds(30));
            assertEquals(List.of(3, 1), batches("picky").stream().map(JsonNode::size).toList(),
                    "the second batch holds only the failed message");
            assertEquals(poison, batches("picky").getLast().get(0).path("messageId").asText());

            after(Duration.ofSeconds(30));
            assertEquals(2, invocations(server, "picky"), "after maxReceiveCount receives it is not delivered again");
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"));
            JsonNode dead = receive(server, "orders-dlq", 10);
            assertEquals(1, dead.size(), dead.toString());
            assertEquals(poison, dead.get(0).path("messageId").asText(), "the poison message, in the dead-letter queue");
            assertEquals(List.of(), warnings("picky"), "nothing ignored, nothing to warn about");
        }

        @Test
        @DisplayName("without ReportBatchItemFailures (the default, as on Lambda), ignores batchItemFailures: the"
                + " whole batch is deleted, and the function's log says so")
        void batchItemFailuresIgnoredByDefault() {
            server.deployJs("picky", PICKY, "");
            JsonNode mapping = pickyBatch("orders", "");
            assertEquals("[]", responseTypes(mapping), "Lambda's default: none");
            poller.pollOnce();
            assertEquals(1, invocations(server, "picky"));
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"),
                    "a successful return deletes the whole batch, the reported message too");
            after(Duration.ofSeconds(30));
            assertEquals(1, invocations(server, "picky"), "the reported message is gone: it does not come back");
            assertEquals(Map.of("good", 1, "poison", 1), deliveries("picky"));

            String requestId = invocationIds(server, "picky").getFirst();
            List<String> warnings = warnings("picky");
            assertEquals(1, warnings.size(), "one warning for the one invocation: " + logLines(server, "picky"));
            String warning = warnings.getFirst();
            assertEquals(requestId, warning.split("\t")[1], "the warning belongs to that invocation: " + warning);
            for (String said : List.of("batchItemFailures", "ignored", "ReportBatchItemFailures",
                    "PUT /api/event-source-mappings/" + mapping.path("uuid").asText(),
                    "{\"functionResponseTypes\":[\"ReportBatchItemFailures\"]}")) {
                assertTrue(warning.contains(said), "the warning says " + said + ": " + warning);
            }
            assertEquals("OK", server.get("/api/event-source-mappings/" + mapping.path("uuid").asText()).json()
                    .path("lastProcessingResult").asText(), "as on Lambda, a success");
        }

        @Test
        @DisplayName("without ReportBatchItemFailures, an empty batchItemFailures or none is no reason to warn")
        void nothingIgnoredNoWarning() {
            server.deployJs("fine", "export const handler = async () => ({ batchItemFailures: [] });", "");
            server.deployJs("recorder", RECORDER, "");
            createQueue(server, "orders", "");
            createQueue(server, "payments", "");
            map("orders", "fine", "");
            map("payments", "recorder", "");
            send(server, "orders", "a");
            send(server, "payments", "b");
            poller.pollOnce();
            assertEquals(1, invocations(server, "fine"));
            assertEquals(1, invocations(server, "recorder"));
            for (String function : List.of("fine", "recorder")) {
                assertEquals(List.of(), warnings(function), function);
            }
        }

        @Test
        @DisplayName("turns ReportBatchItemFailures on and off through PUT, for the next batch")
        void switchedByUpdate() {
            server.deployJs("picky", PICKY, "");
            String uuid = pickyBatch("orders", "").path("uuid").asText();
            TestServer.Reply on = server.put("/api/event-source-mappings/" + uuid,
                    "{\"functionResponseTypes\":[\"ReportBatchItemFailures\"]}");
            assertEquals(200, on.status(), on.body());
            assertEquals("[\"ReportBatchItemFailures\"]", responseTypes(on.json()));
            poller.pollOnce();
            assertEquals(List.of(0L, 1L, 0L), counts(server, "orders"), "on: the reported message stays");

            TestServer.Reply batchOnly = server.put("/api/event-source-mappings/" + uuid, "{\"batchSize\":5}");
            assertEquals("[\"ReportBatchItemFailures\"]", responseTypes(batchOnly.json()),
                    "a change that does not name it keeps it");
            TestServer.Reply off = server.put("/api/event-source-mappings/" + uuid, "{\"functionResponseTypes\":[]}");
            assertEquals(200, off.status(), off.body());
            assertEquals("[]", responseTypes(off.json()));
            after(Duration.ofSeconds(30));
            assertEquals(2, invocations(server, "picky"), "the poison message came back once");
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"), "off: deleted although reported");
        }

        @Test
        @DisplayName("fails the whole batch when batchItemFailures names a message not in it")
        void unknownItem() {
            server.deployJs("liar", "export const handler = async () => ({ batchItemFailures: "
                    + "[{ itemIdentifier: 'not-a-message' }] });", "");
            createQueue(server, "orders", "");
            map("orders", "liar", REPORTING);
            send(server, "orders", "a");
            send(server, "orders", "b");
            poller.pollOnce();
            assertEquals(List.of(0L, 2L, 0L), counts(server, "orders"), "neither deleted");
        }

        @Test
        @DisplayName("leaves the messages when the function is throttled")
        void throttled() {
            server.deployJs("off", RECORDER, "\"reservedConcurrency\":0");
            createQueue(server, "orders", "");
            map("orders", "off", "");
            send(server, "orders", "a");
            poller.pollOnce();
            assertEquals(0, invocations(server, "off"));
            assertEquals(List.of(0L, 1L, 0L), counts(server, "orders"), "received, not deleted: it comes back");
            JsonNode mapping = server.get("/api/event-source-mappings").json().path("eventSourceMappings").get(0);
            assertTrue(mapping.path("lastProcessingResult").asText().contains("throttled"), mapping.toString());
        }
    }

    @Nested
    @DisplayName("is configured through /api/event-source-mappings")
    class Mappings {

        @Test
        @DisplayName("with Lambda's defaults, read back, changed, listed and deleted")
        void crud() {
            server.deployJs("recorder", RECORDER, "");
            createQueue(server, "orders", "");
            JsonNode created = map("orders", "recorder", "");
            String uuid = created.path("uuid").asText();
            assertEquals(10, created.path("batchSize").asInt(), "Lambda's default batch size");
            assertEquals(0, created.path("maximumBatchingWindowSeconds").asInt());
            assertTrue(created.path("enabled").asBoolean());
            assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", created.path("eventSourceArn").asText());
            assertEquals(uuid, server.get("/api/event-source-mappings/" + uuid).json().path("uuid").asText());
            List<String> fields = List.of("uuid", "queue", "eventSourceArn", "function", "qualifier", "batchSize",
                    "maximumBatchingWindowSeconds", "functionResponseTypes", "scalingConfig", "enabled", "state", "lastProcessingResult",
                    "createdAt", "updatedAt");
            assertEquals(fields, fieldNames(server.get("/api/event-source-mappings/" + uuid).json()),
                    "a mapping read back has no warnings field");
            assertEquals(Stream.concat(fields.stream(), Stream.of("warnings")).toList(), fieldNames(created),
                    "a mapping just saved lists its warnings, even none");
            assertTrue(created.path("qualifier").isNull(), "no qualifier: null, not absent: " + created);
            assertEquals("[]", responseTypes(created), "Lambda's default: none");

            TestServer.Reply disabled = server.put("/api/event-source-mappings/" + uuid, "{\"enabled\":false}");
            assertEquals(200, disabled.status(), disabled.body());
            assertEquals("Disabled", disabled.json().path("state").asText());
            send(server, "orders", "waits");
            poller.pollOnce();
            assertEquals(0, invocations(server, "recorder"), "a disabled mapping is not polled");

            assertEquals(1, server.get("/api/event-source-mappings?function=recorder").json()
                    .path("eventSourceMappings").size());
            assertEquals(List.of("eventSourceMappings"), fieldNames(server.get("/api/event-source-mappings").json()));
            assertEquals(0, server.get("/api/event-source-mappings?function=other").json()
                    .path("eventSourceMappings").size());
            assertEquals(409, server.delete("/api/queues/orders").status(), "a mapped queue cannot be deleted");
            assertEquals(204, server.delete("/api/event-source-mappings/" + uuid).status());
            assertEquals(404, server.get("/api/event-source-mappings/" + uuid).status());
            assertEquals(204, server.delete("/api/queues/orders").status());
        }

        @Test
        @DisplayName("warns when the visibility timeout is under six times the function's timeout")
        void visibilityAdvice() {
            server.deployJs("slow", RECORDER, "\"timeoutSeconds\":10");
            createQueue(server, "short", "{\"visibilityTimeoutSeconds\":30}");
            createQueue(server, "long", "{\"visibilityTimeoutSeconds\":60}");
            JsonNode warned = map("short", "slow", "");
            assertEquals(1, warned.path("warnings").size(), warned.toString());
            assertTrue(warned.path("warnings").get(0).asText().contains("60 s"), warned.toString());
            assertEquals(0, map("long", "slow", "").path("warnings").size(), "60 s is six times 10 s");
        }

        @Test
        @DisplayName("refuses a missing function or queue (404), a second mapping of the pair (409) and bad settings (400)")
        void refusals() {
            server.deployJs("recorder", RECORDER, "");
            createQueue(server, "orders", "");
            assertEquals(404, server.post("/api/event-source-mappings",
                    "{\"queue\":\"orders\",\"function\":\"nobody\"}").status());
            assertEquals(404, server.post("/api/event-source-mappings",
                    "{\"queue\":\"nowhere\",\"function\":\"recorder\"}").status());
            map("orders", "recorder", "");
            assertEquals(409, server.post("/api/event-source-mappings",
                    "{\"queue\":\"orders\",\"function\":\"recorder\"}").status());
            TestServer.Reply big = server.post("/api/event-source-mappings",
                    "{\"queue\":\"orders\",\"function\":\"recorder\",\"batchSize\":100}");
            assertEquals(400, big.status(), big.body());
            assertTrue(big.json().path("error").path("message").asText().contains("maximumBatchingWindowSeconds"),
                    "a batch over 10 needs a window, as on Lambda: " + big.body());
            TestServer.Reply unknown = server.post("/api/event-source-mappings",
                    "{\"queue\":\"orders\",\"function\":\"recorder\",\"size\":1}");
            assertEquals(400, unknown.status());
            assertEquals(400, server.get("/api/event-source-mappings/not-a-uuid").status());
        }

        @Test
        @DisplayName("refuses functionResponseTypes other than [] and [\"ReportBatchItemFailures\"] (400), saying what to"
                + " write instead")
        void badFunctionResponseTypes() {
            createQueue(server, "orders", "");
            server.deployJs("recorder", RECORDER, "");
            for (String value : List.of("[\"ReportBatchItemFailure\"]", "\"ReportBatchItemFailures\"", "true", "[1]",
                    "[\"ReportBatchItemFailures\",\"ReportBatchItemFailures\"]", "{}")) {
                TestServer.Reply refused = server.post("/api/event-source-mappings",
                        "{\"queue\":\"orders\",\"function\":\"recorder\",\"functionResponseTypes\":" + value + "}");
                assertRefused(refused, "functionResponseTypes", value);
            }
            assertEquals(0, server.get("/api/event-source-mappings").json().path("eventSourceMappings").size(),
                    "nothing was created");

            String uuid = map("orders", "recorder", "").path("uuid").asText();
            assertRefused(server.put("/api/event-source-mappings/" + uuid,
                    "{\"functionResponseTypes\":[\"BatchItemFailures\"]}"), "functionResponseTypes", "a change");
            assertEquals("[]", responseTypes(server.get("/api/event-source-mappings/" + uuid).json()),
                    "the refused change changed nothing");

            assertRefused(server.post("/api/event-source-mappings",
                    "{\"queue\":\"orders\",\"function\":\"recorder\",\"reportBatchItemFailures\":true}"),
                    "reportBatchItemFailures", "the old boolean");
            assertRefused(server.put("/api/event-source-mappings/" + uuid, "{\"reportBatchItemFailures\":true}"),
                    "reportBatchItemFailures", "the old boolean, in a change");
        }

        private static void assertRefused(TestServer.Reply reply, String field, String what) {
            assertEquals(400, reply.status(), what + ": " + reply.body());
            JsonNode error = reply.json().path("error");
            assertEquals(field, error.path("field").asText(), what + ": " + reply.body());
            assertTrue(error.path("message").asText().contains(EventSourceMapping.HOW_TO_REPORT),
                    what + ": the message says what to write: " + reply.body());
        }
    }

    @Test
    @DisplayName("keeps polling after a restart, from the messages the queue kept")
    void survivesRestart() throws Exception {
        server.deployJs("recorder", RECORDER, "");
        createQueue(server, "orders", "");
        map("orders", "recorder", "");
        send(server, "orders", "kept");
        server.close();
        server = new TestServer(data, new ManualClock(clock.epochMillis()));
        poller = server.sandbox.queuePoller();
        poller.pollOnce();
        assertEquals(Map.of("kept", 1), deliveries("recorder"));
    }

    @Test
    @DisplayName("keeps each mapping's functionResponseTypes across a restart, and acts on it")
    void responseTypesSurviveRestart() throws Exception {
        server.deployJs("picky", PICKY, "");
        String on = pickyBatch("reported", REPORTING).path("uuid").asText();
        String off = pickyBatch("ignored", "").path("uuid").asText();
        server.close();
        server = new TestServer(data, new ManualClock(clock.epochMillis()));
        poller = server.sandbox.queuePoller();
        assertEquals("[\"ReportBatchItemFailures\"]",
                responseTypes(server.get("/api/event-source-mappings/" + on).json()));
        assertEquals("[]", responseTypes(server.get("/api/event-source-mappings/" + off).json()));
        poller.pollOnce();
        assertEquals(2, invocations(server, "picky"), "one batch from each queue");
        assertEquals(List.of(0L, 1L, 0L), counts(server, "reported"), "read: the reported message stays");
        assertEquals(List.of(0L, 0L, 0L), counts(server, "ignored"), "ignored: deleted");
    }

    /** The request ids of the function's invocations, oldest first, from its START lines. */
    static List<String> invocationIds(TestServer server, String function) {
        return logLines(server, function).stream().filter(line -> line.startsWith("START RequestId: "))
                .map(line -> line.split(" ")[2]).toList();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
