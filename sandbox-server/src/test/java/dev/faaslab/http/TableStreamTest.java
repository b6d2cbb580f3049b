package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.START;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.invocations;
import static dev.faaslab.http.QueueSteps.loggedJson;
import static dev.faaslab.http.QueueSteps.receive;
import static dev.faaslab.http.QueueTriggerTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.events.stream.StreamPoller;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A table's change stream")
class TableStreamTest {

    /** Logs each event it gets, and succeeds. */
    static final String RECORDER = "export const handler = async (event) => { console.log(JSON.stringify(event)); };";
    /** Logs each event, and fails it when a record's key is "poison". */
    static final String POISONED = """
            export const handler = async (event) => {
              console.log(JSON.stringify(event));
              if (event.Records.some((r) => r.dynamodb.Keys.id.S === 'poison')) throw new Error('poisoned');
            };""";
    /** Logs each event and reports the records whose key is "poison" as failed. */
    static final String PICKY = """
            export const handler = async (event) => {
              console.log(JSON.stringify(event));
              return { batchItemFailures: event.Records.filter((r) => r.dynamodb.Keys.id.S === 'poison')
                .map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })) };
            };""";

    @TempDir
    Path data;
    ManualClock clock;
    TestServer server;
    StreamPoller poller;

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(START);
        server = new TestServer(data, clock);
        poller = server.sandbox.streamPoller();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    // ---- steps ----

    /** A table keyed by the string "id", its stream on with this view type. */
    void streamedTable(String table, String viewType) {
        assertEquals(201, server.put("/api/tables/" + table, "{\"partitionKey\":\"id\"}").status());
        TestServer.Reply reply = server.put("/api/tables/" + table + "/stream",
                "{\"streamViewType\":\"" + viewType + "\"}");
        assertEquals(200, reply.status(), reply.body());
    }

    void put(String table, String id, String item) {
        TestServer.Reply reply = server.put("/api/tables/" + table + "/items/" + id, item);
        assertTrue(reply.status() == 200 || reply.status() == 201, reply.body());
    }

    JsonNode records(String table) {
        TestServer.Reply reply = server.get("/api/tables/" + table + "/stream/records");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("records");
    }

    JsonNode map(String table, String function, String extra) {
        TestServer.Reply reply = server.post("/api/stream-mappings", "{\"table\":\"" + table + "\",\"function\":\""
                + function + "\",\"startingPosition\":\"TRIM_HORIZON\"" + extra + "}");
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    /** Polls until a poll invokes nothing: each failed attempt ends a poll, so each retry is one more. */
    void drain() {
        for (int polls = 0; poller.pollOnce() > 0; polls++) {
            assertTrue(polls < 100, "the stream never settled");
        }
    }

    /** The batches the function got, each as its records' keys. */
    List<List<String>> batches(String function) {
        List<List<String>> batches = new ArrayList<>();
        for (JsonNode event : loggedJson(server, function)) {
            List<String> ids = new ArrayList<>();
            event.path("Records").forEach(record -> ids.add(record.path("dynamodb").path("Keys").path("id")
                    .path("S").asText()));
            batches.add(ids);
        }
        return batches;
    }

    // ---- records ----

    @Test
    @DisplayName("records each put, update, increment and delete, with the images its view type keeps, typed as DynamoDB's")
    void recordShapes() {
        for (String viewType : List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")) {
            String table = "t-" + viewType.toLowerCase(java.util.Locale.ROOT);
            streamedTable(table, viewType);
            put(table, "a", "{\"n\":1,\"tags\":[\"x\"],\"ok\":true,\"none\":null,\"m\":{\"price\":1.50}}");
            put(table, "a", "{\"n\":1,\"tags\":[\"x\"],\"ok\":true,\"none\":null,\"m\":{\"price\":1.50}}");
            put(table, "a", "{\"n\":2}");
            assertEquals(200, server.post("/api/tables/" + table + "/increment",
                    "{\"key\":{\"id\":\"a\"},\"attribute\":\"n\",\"by\":1}").status());
            assertEquals(204, server.delete("/api/tables/" + table + "/items/a").status());
            assertEquals(404, server.delete("/api/tables/" + table + "/items/b").status());
            JsonNode records = records(table);
            List<String> names = new ArrayList<>();
            records.forEach(record -> names.add(record.path("eventName").asText()));
            assertEquals(List.of("INSERT", "MODIFY", "MODIFY", "REMOVE"), names,
                    viewType + ": the unchanged put and the delete of nothing record nothing");
            for (JsonNode record : records) {
                JsonNode dynamodb = record.path("dynamodb");
                assertEquals(viewType, dynamodb.path("StreamViewType").asText());
                assertEquals("{\"id\":{\"S\":\"a\"}}", dynamodb.path("Keys").toString());
                boolean insert = record.path("eventName").asText().equals("INSERT");
                boolean remove = record.path("eventName").asText().equals("REMOVE");
                boolean keepsNew = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
                boolean keepsOld = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
                assertEquals(keepsNew && !remove, dynamodb.has("NewImage"), viewType + " " + record);
                assertEquals(keepsOld && !insert, dynamodb.has("OldImage"), viewType + " " + record);
            }
            if (viewType.equals("NEW_AND_OLD_IMAGES")) {
                assertEquals(TestServer.json("{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"},\"tags\":{\"L\":[{\"S\":\"x\"}]},"
                        + "\"ok\":{\"BOOL\":true},\"none\":{\"NULL\":true},\"m\":{\"M\":{\"price\":{\"N\":\"1.5\"}}}}"),
                        records.get(0).path("dynamodb").path("NewImage"));
                assertEquals("{\"N\":\"3\"}", records.get(2).path("dynamodb").path("NewImage").path("n").toString(),
                        "the increment's new image");
                assertEquals("{\"N\":\"3\"}", records.get(3).path("dynamodb").path("OldImage").path("n").toString());
            }
        }
    }

    @Test
    @DisplayName("hands a function DynamoDB Streams' event, with the writes a function made through the faaslab module")
    void streamEvent() {
        streamedTable("orders", "NEW_AND_OLD_IMAGES");
        server.deployJs("writer", """
                import { table } from 'faaslab';
                export const handler = async () => { await table('orders').put({ id: 'from-a-function', n: 7 }); };""",
                "");
        server.deployJs("recorder", RECORDER, "");
        map("orders", "recorder", "");
        assertEquals(200, server.post("/api/functions/writer/invoke", "{}").status());
        drain();
        JsonNode record = loggedJson(server, "recorder").getFirst().path("Records").get(0);
        assertEquals(List.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb",
                "eventSourceARN"), fieldNames(record), "DynamoDB Streams' fields, in its order");
        assertEquals("INSERT", record.path("eventName").asText());
        assertEquals("1.1", record.path("eventVersion").asText());
        assertEquals("aws:dynamodb", record.path("eventSource").asText());
        assertEquals("us-east-1", record.path("awsRegion").asText());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-11-23T10:00:00.000",
                record.path("eventSourceARN").asText());
        JsonNode dynamodb = record.path("dynamodb");
        assertEquals(List.of("ApproximateCreationDateTime", "Keys", "NewImage", "SequenceNumber", "SizeBytes",
                "StreamViewType"), fieldNames(dynamodb));
        assertEquals(START / 1000, dynamodb.path("ApproximateCreationDateTime").asLong());
        assertEquals("{\"id\":{\"S\":\"from-a-function\"},\"n\":{\"N\":\"7\"}}", dynamodb.path("NewImage").toString());
        assertEquals("000000000000000000001", dynamodb.path("SequenceNumber").asText());
        assertTrue(dynamodb.path("SizeBytes").asInt() > 0);
    }

    @Test
    @DisplayName("keeps a record 24 hours")
    void expires() {
        streamedTable("orders", "KEYS_ONLY");
        put("orders", "a", "{}");
        clock.advance(Duration.ofHours(24));
        assertEquals(1, records("orders").size(), "24 hours old: kept");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, records("orders").size(), "older: gone");
    }

    @Test
    @DisplayName("records nothing while off, and goes on numbering when turned on again")
    void onAndOff() {
        assertEquals(404, server.put("/api/tables/missing/stream", "{\"streamViewType\":\"KEYS_ONLY\"}").status());
        assertEquals(201, server.put("/api/tables/orders", "{\"partitionKey\":\"id\"}").status());
        assertEquals(404, server.get("/api/tables/orders/stream").status(), "never turned on");
        assertEquals(200, server.put("/api/tables/orders/stream", "{\"streamViewType\":\"KEYS_ONLY\"}").status());
        put("orders", "a", "{}");
        assertEquals(204, server.delete("/api/tables/orders/stream").status());
        assertFalse(server.get("/api/tables/orders/stream").json().path("streamEnabled").asBoolean());
        put("orders", "b", "{}");
        assertEquals(200, server.put("/api/tables/orders/stream", "{\"streamViewType\":\"NEW_IMAGE\"}").status());
        put("orders", "c", "{}");
        JsonNode records = records("orders");
        assertEquals(2, records.size(), "'b' was written while it was off");
        assertEquals("000000000000000000002", records.get(1).path("dynamodb").path("SequenceNumber").asText());
        assertEquals("NEW_IMAGE", records.get(1).path("dynamodb").path("StreamViewType").asText());
    }

    @Test
    @DisplayName("refuses a mapping from a stream that is off, to a missing queue, or twice to one function")
    void refusals() {
        assertEquals(201, server.put("/api/tables/orders", "{\"partitionKey\":\"id\"}").status());
        server.deployJs("recorder", RECORDER, "");
        String body = "{\"table\":\"orders\",\"function\":\"recorder\",\"startingPosition\":\"LATEST\"";
        assertEquals(404, server.post("/api/stream-mappings", body + "}").status(), "no stream");
        assertEquals(200, server.put("/api/tables/orders/stream", "{\"streamViewType\":\"KEYS_ONLY\"}").status());
        assertEquals(404, server.post("/api/stream-mappings", body + ",\"onFailure\":\"nowhere\"}").status());
        assertEquals(201, server.post("/api/stream-mappings", body + "}").status());
        assertEquals(409, server.post("/api/stream-mappings", body + "}").status());
        assertEquals(204, server.delete("/api/tables/orders/stream").status());
        server.deployJs("other", RECORDER, "");
        assertEquals(404, server.post("/api/stream-mappings", body.replace("recorder", "other") + "}").status(),
                "turned off");
    }

    // ---- the trigger ----

    @Test
    @DisplayName("hands each item's records over in order, in batches of batchSize, from TRIM_HORIZON or LATEST")
    void orderPerItem() {
        streamedTable("orders", "NEW_IMAGE");
        put("orders", "early", "{}");
        for (int version = 1; version <= 3; version++) {
            for (String id : List.of("a", "b", "c")) {
                put("orders", id, "{\"v\":" + version + "}");
            }
        }
        server.deployJs("recorder", RECORDER, "");
        map("orders", "recorder", ",\"batchSize\":4");
        drain();
        List<JsonNode> events = loggedJson(server, "recorder");
        assertEquals(List.of(4, 4, 2), events.stream().map(event -> event.path("Records").size()).toList());
        List<String> seen = new ArrayList<>();
        long last = 0;
        for (JsonNode event : events) {
            for (JsonNode record : event.path("Records")) {
                long sequence = Long.parseLong(record.path("dynamodb").path("SequenceNumber").asText());
                assertTrue(sequence > last, "in the stream's order");
                last = sequence;
                JsonNode image = record.path("dynamodb").path("NewImage");
                seen.add(image.path("id").path("S").asText() + image.path("v").path("N").asText());
            }
        }
        assertEquals(List.of("early", "a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3"), seen);
    }

    @Test
    @DisplayName("from LATEST, hands over only what is written after the mapping")
    void latest() {
        streamedTable("orders", "KEYS_ONLY");
        put("orders", "before", "{}");
        server.deployJs("recorder", RECORDER, "");
        TestServer.Reply reply = server.post("/api/stream-mappings",
                "{\"table\":\"orders\",\"function\":\"recorder\",\"startingPosition\":\"LATEST\"}");
        assertEquals(201, reply.status(), reply.body());
        put("orders", "after", "{}");
        drain();
        assertEquals(List.of(List.of("after")), batches("recorder"));
    }

    @Test
    @DisplayName("retries a failing batch, holding back the records after it, then tells the on-failure queue and goes on")
    void retriesThenOnFailure() {
        streamedTable("orders", "NEW_IMAGE");
        createQueue(server, "failed-orders", "");
        server.deployJs("poisoned", POISONED, "");
        JsonNode mapping = map("orders", "poisoned", ",\"batchSize\":1,\"maximumRetryAttempts\":2,"
                + "\"onFailure\":\"failed-orders\"");
        put("orders", "poison", "{}");
        put("orders", "fine", "{}");
        drain();
        assertEquals(List.of(List.of("poison"), List.of("poison"), List.of("poison"), List.of("fine")),
                batches("poisoned"), "once and two retries, and 'fine' only after 'poison' is given up");
        JsonNode messages = receive(server, "failed-orders", 10);
        assertEquals(1, messages.size());
        JsonNode failure = TestServer.json(messages.get(0).path("body").asText());
        assertEquals("RetryAttemptsExhausted", failure.path("requestContext").path("condition").asText());
        assertEquals(3, failure.path("requestContext").path("approximateInvokeCount").asInt());
        JsonNode info = failure.path("DDBStreamBatchInfo");
        assertEquals("000000000000000000001", info.path("startSequenceNumber").asText());
        assertEquals("000000000000000000001", info.path("endSequenceNumber").asText());
        assertEquals(1, info.path("batchSize").asInt());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-11-23T10:00:00.000",
                info.path("streamArn").asText());
        JsonNode after = server.get("/api/stream-mappings/" + mapping.path("uuid").asText()).json();
        assertEquals("000000000000000000002", after.path("checkpointSequenceNumber").asText());
        assertEquals(0, after.path("attempts").asInt());
    }

    @Test
    @DisplayName("bisects a failing batch down to the record that fails")
    void bisects() {
        streamedTable("orders", "KEYS_ONLY");
        createQueue(server, "failed-orders", "");
        server.deployJs("poisoned", POISONED, "");
        map("orders", "poisoned", ",\"batchSize\":4,\"maximumRetryAttempts\":0,\"bisectBatchOnFunctionError\":true,"
                + "\"onFailure\":\"failed-orders\"");
        for (String id : List.of("a", "b", "poison", "d")) {
            put("orders", id, "{}");
        }
        drain();
        assertEquals(List.of(List.of("a", "b", "poison", "d"), List.of("a", "b"), List.of("poison", "d"),
                List.of("poison"), List.of("d")), batches("poisoned"));
        JsonNode messages = receive(server, "failed-orders", 10);
        assertEquals(1, messages.size(), "only 'poison' is given up");
        JsonNode info = TestServer.json(messages.get(0).path("body").asText()).path("DDBStreamBatchInfo");
        assertEquals(1, info.path("batchSize").asInt());
        assertEquals("000000000000000000003", info.path("startSequenceNumber").asText());
    }

    @Test
    @DisplayName("reads batchItemFailures with ReportBatchItemFailures, retrying from the lowest failed record, and ignores it without")
    void batchItemFailures() {
        streamedTable("orders", "KEYS_ONLY");
        createQueue(server, "failed-orders", "");
        server.deployJs("picky", PICKY, "");
        server.deployJs("careless", PICKY, "");
        JsonNode picky = map("orders", "picky", ",\"maximumRetryAttempts\":1,\"onFailure\":\"failed-orders\","
                + "\"functionResponseTypes\":[\"ReportBatchItemFailures\"]");
        JsonNode careless = map("orders", "careless", ",\"maximumRetryAttempts\":1");
        assertEquals(List.of("ReportBatchItemFailures"), List.of(picky.path("functionResponseTypes").get(0).asText()));
        assertEquals(0, careless.path("functionResponseTypes").size(), "empty by default, as on AWS");
        for (String id : List.of("a", "poison", "c")) {
            put("orders", id, "{}");
        }
        drain();
        assertEquals(List.of(List.of("a", "poison", "c"), List.of("poison", "c")), batches("picky"),
                "checkpointed after 'a'; the retry starts at 'poison'");
        assertEquals(List.of(List.of("a", "poison", "c")), batches("careless"), "the answer ignored: a success");
        JsonNode info = TestServer.json(receive(server, "failed-orders", 10).get(0).path("body").asText())
                .path("DDBStreamBatchInfo");
        assertEquals("000000000000000000002", info.path("startSequenceNumber").asText());
        assertEquals(2, info.path("batchSize").asInt());
    }

    @Test
    @DisplayName("keeps its records and each mapping's checkpoint across a restart")
    void survivesRestart() throws Exception {
        streamedTable("orders", "NEW_IMAGE");
        server.deployJs("recorder", RECORDER, "");
        String uuid = map("orders", "recorder", "").path("uuid").asText();
        put("orders", "a", "{}");
        drain();
        put("orders", "b", "{}");
        assertEquals(1, invocations(server, "recorder"));
        server.close();
        server = new TestServer(data, new ManualClock(clock.epochMillis()));
        poller = server.sandbox.streamPoller();
        assertEquals(2, records("orders").size(), "both records kept");
        assertEquals("000000000000000000001", server.get("/api/stream-mappings/" + uuid).json()
                .path("checkpointSequenceNumber").asText());
        drain();
        List<List<String>> batches = batches("recorder");
        assertEquals(List.of("b"), batches.getLast(), "on from the checkpoint");
        assertFalse(batches.subList(1, batches.size()).contains(List.of("a")), "'a' not handed over again");
        put("orders", "c", "{}");
        assertEquals("000000000000000000003", server.get("/api/tables/orders/stream").json()
                .path("latestSequenceNumber").asText(), "numbering goes on");
    }
}
