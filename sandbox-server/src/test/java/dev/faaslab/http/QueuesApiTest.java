package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.START;
import static dev.faaslab.http.QueueSteps.counts;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.receive;
import static dev.faaslab.http.QueueSteps.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A queue")
class QueuesApiTest {

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
        if (server != null) {
            server.close();
        }
    }

    @Nested
    @DisplayName("when created")
    class Created {

        @Test
        @DisplayName("takes SQS's defaults, shows its ARN and counts, and is listed")
        void defaults() {
            JsonNode queue = createQueue(server, "orders", "");
            assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", queue.path("arn").asText(), queue.toString());
            assertEquals(30, queue.path("visibilityTimeoutSeconds").asInt(), "SQS's default visibility timeout");
            assertEquals(345_600, queue.path("messageRetentionSeconds").asInt(), "SQS's default retention, 4 days");
            assertEquals(0, queue.path("delaySeconds").asInt());
            assertTrue(queue.path("redrivePolicy").isNull(), "no redrive policy unless asked");
            assertEquals(List.of("name", "arn", "visibilityTimeoutSeconds", "messageRetentionSeconds", "delaySeconds",
                    "redrivePolicy", "approximateNumberOfMessages", "approximateNumberOfMessagesNotVisible",
                    "approximateNumberOfMessagesDelayed", "createdAt", "updatedAt"), QueueTriggerTest.fieldNames(queue));
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"), "a new queue is empty");
            assertEquals(List.of("queues"), QueueTriggerTest.fieldNames(server.get("/api/queues").json()));
            JsonNode list = server.get("/api/queues").json().path("queues");
            assertEquals(1, list.size(), list.toString());
            assertEquals("orders", list.get(0).path("name").asText());
        }

        @Test
        @DisplayName("changes only the attributes a PUT names, answering 200")
        void updates() {
            createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":45,\"delaySeconds\":5}");
            TestServer.Reply updated = server.put("/api/queues/orders", "{\"delaySeconds\":0}");
            assertEquals(200, updated.status(), updated.body());
            assertEquals(45, updated.json().path("visibilityTimeoutSeconds").asInt(), "left out, kept");
            assertEquals(0, updated.json().path("delaySeconds").asInt(), "named, changed");
        }

        @Test
        @DisplayName("is gone with its messages once deleted; 404 after")
        void deletes() {
            createQueue(server, "orders", "");
            send(server, "orders", "one");
            assertEquals(204, server.delete("/api/queues/orders").status());
            assertEquals(404, server.get("/api/queues/orders").status());
            assertEquals(404, server.delete("/api/queues/orders").status());
            createQueue(server, "orders", "");
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"), "a queue made again starts empty");
        }

        @Test
        @DisplayName("cannot be deleted while it is another queue's dead-letter queue (409)")
        void deadLetterQueueInUse() {
            createQueue(server, "orders-dlq", "");
            JsonNode redriven = createQueue(server, "orders",
                    "{\"redrivePolicy\":{\"deadLetterQueue\":\"orders-dlq\",\"maxReceiveCount\":3}}");
            assertEquals("{\"deadLetterQueue\":\"orders-dlq\",\"maxReceiveCount\":3}", redriven.path("redrivePolicy").toString());
            TestServer.Reply refused = server.delete("/api/queues/orders-dlq");
            assertEquals(409, refused.status(), refused.body());
            assertTrue(refused.json().path("error").path("message").asText().contains("orders"), refused.body());
            assertEquals(200, server.put("/api/queues/orders", "{\"redrivePolicy\":null}").status());
            assertEquals(204, server.delete("/api/queues/orders-dlq").status(), "free once no queue redrives to it");
        }
    }

    static Stream<Arguments> badQueues() {
        return Stream.of(
                Arguments.of("a name with a dot", "PUT", "/api/queues/a.b", "", "letters, digits"),
                Arguments.of("a FIFO queue", "PUT", "/api/queues/jobs.fifo", "", "FIFO"),
                Arguments.of("an unknown field", "PUT", "/api/queues/q", "{\"colour\":\"red\"}", "unknown field 'colour'"),
                Arguments.of("a visibility timeout past 12 hours", "PUT", "/api/queues/q",
                        "{\"visibilityTimeoutSeconds\":43201}", "visibilityTimeoutSeconds"),
                Arguments.of("a retention under a minute", "PUT", "/api/queues/q", "{\"messageRetentionSeconds\":59}",
                        "messageRetentionSeconds"),
                Arguments.of("a delay as text", "PUT", "/api/queues/q", "{\"delaySeconds\":\"5\"}", "'delaySeconds'"),
                Arguments.of("a missing dead-letter queue", "PUT", "/api/queues/q",
                        "{\"redrivePolicy\":{\"deadLetterQueue\":\"nowhere\",\"maxReceiveCount\":3}}", "nowhere"),
                Arguments.of("itself as dead-letter queue", "PUT", "/api/queues/q",
                        "{\"redrivePolicy\":{\"deadLetterQueue\":\"q\",\"maxReceiveCount\":3}}", "itself"),
                Arguments.of("a maxReceiveCount of 0", "PUT", "/api/queues/q",
                        "{\"redrivePolicy\":{\"deadLetterQueue\":\"other\",\"maxReceiveCount\":0}}", "maxReceiveCount"),
                Arguments.of("an empty body", "POST", "/api/queues/known/messages", "{\"body\":\"\"}", "empty"),
                Arguments.of("a body that is not text", "POST", "/api/queues/known/messages", "{\"body\":{\"a\":1}}",
                        "'body'"),
                Arguments.of("a control character", "POST", "/api/queues/known/messages", "{\"body\":\"a\\u0001b\"}",
                        "U+0001"),
                Arguments.of("a delay past 15 minutes", "POST", "/api/queues/known/messages",
                        "{\"body\":\"x\",\"delaySeconds\":901}", "delaySeconds"),
                Arguments.of("eleven entries", "POST", "/api/queues/known/messages", "{\"entries\":["
                        + "{\"id\":\"1\",\"body\":\"x\"},".repeat(10) + "{\"id\":\"11\",\"body\":\"x\"}]}", "1 to 10"),
                Arguments.of("repeated entry ids", "POST", "/api/queues/known/messages",
                        "{\"entries\":[{\"id\":\"a\",\"body\":\"x\"},{\"id\":\"a\",\"body\":\"y\"}]}", "twice"),
                Arguments.of("eleven messages received at once", "POST", "/api/queues/known/receive",
                        "{\"maxMessages\":11}", "maxMessages"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueues")
    @DisplayName("refuses bad input with 400 and says which field")
    void refusesBadInput(String what, String method, String path, String body, String mentioned) {
        createQueue(server, "known", "");
        TestServer.Reply reply = server.send(java.net.http.HttpRequest.newBuilder(server.uri(path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(400, reply.status(), what + ": " + reply.body());
        assertTrue(reply.json().path("error").path("message").asText().contains(mentioned),
                what + " names " + mentioned + ": " + reply.body());
    }

    @Test
    @DisplayName("answers 404 for a queue that does not exist, saying how to create it")
    void unknownQueue() {
        for (TestServer.Reply reply : List.of(server.get("/api/queues/nowhere"),
                server.post("/api/queues/nowhere/messages", "{\"body\":\"x\"}"),
                server.post("/api/queues/nowhere/receive", ""), server.post("/api/queues/nowhere/purge", ""))) {
            assertEquals(404, reply.status(), reply.body());
            assertTrue(reply.json().path("error").path("message").asText().contains("PUT /api/queues/nowhere"),
                    reply.body());
        }
    }

    @Test
    @DisplayName("refuses a message over 256 KB with 413, and takes one of exactly 256 KB")
    void oversize() {
        createQueue(server, "big", "");
        String limit = "x".repeat(QueueService.MAX_MESSAGE_BYTES);
        assertEquals(201, server.post("/api/queues/big/messages", "{\"body\":\"" + limit + "\"}").status());
        TestServer.Reply refused = server.post("/api/queues/big/messages", "{\"body\":\"" + limit + "y\"}");
        assertEquals(413, refused.status(), refused.body());
        assertEquals("PayloadTooLarge", refused.json().path("error").path("code").asText());
        assertEquals(List.of(1L, 0L, 0L), counts(server, "big"), "the refused message was not kept");
    }

    @Nested
    @DisplayName("with messages")
    class WithMessages {

        @Test
        @DisplayName("gives each a UUID and SQS's MD5 of its body")
        void idsAndDigests() {
            createQueue(server, "orders", "");
            TestServer.Reply sent = server.post("/api/queues/orders/messages", "{\"body\":\"hello\"}");
            assertTrue(sent.json().path("messageId").asText().matches("[0-9a-f-]{36}"), sent.body());
            assertEquals("5d41402abc4b2a76b9719d911017c592", sent.json().path("md5OfBody").asText(),
                    "the hex MD5 of 'hello'");
            assertEquals(List.of("messageId", "md5OfBody"), QueueTriggerTest.fieldNames(sent.json()));
        }

        @Test
        @DisplayName("hides a received message for the visibility timeout, then shows it again with one more receive")
        void visibilityTimeout() {
            createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":30}");
            String id = send(server, "orders", "one");
            JsonNode first = receive(server, "orders", 10);
            assertEquals(1, first.size(), first.toString());
            assertEquals(id, first.get(0).path("messageId").asText());
            assertEquals("1", first.get(0).path("attributes").path("ApproximateReceiveCount").asText());
            assertEquals(List.of("messageId", "receiptHandle", "body", "md5OfBody", "attributes"),
                    QueueTriggerTest.fieldNames(first.get(0)));
            assertEquals(List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"),
                    QueueTriggerTest.fieldNames(first.get(0).path("attributes")));
            assertEquals(List.of(0L, 1L, 0L), counts(server, "orders"), "received: in flight");
            assertEquals(0, receive(server, "orders", 10).size(), "hidden from a second receiver");

            clock.advance(Duration.ofSeconds(29));
            assertEquals(0, receive(server, "orders", 10).size(), "still hidden a second before the timeout ends");
            clock.advance(Duration.ofSeconds(1));
            JsonNode again = receive(server, "orders", 10);
            assertEquals(1, again.size(), "visible again when the timeout ends");
            assertEquals("2", again.get(0).path("attributes").path("ApproximateReceiveCount").asText());
            assertNotEquals(first.get(0).path("receiptHandle").asText(), again.get(0).path("receiptHandle").asText(),
                    "each receive gives a new receipt handle");
            assertEquals(first.get(0).path("attributes").path("ApproximateFirstReceiveTimestamp"),
                    again.get(0).path("attributes").path("ApproximateFirstReceiveTimestamp"),
                    "the first receive's time stays");
        }

        @Test
        @DisplayName("deletes a message by its latest receipt handle only")
        void deleteByReceiptHandle() {
            createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":10}");
            send(server, "orders", "one");
            String old = receive(server, "orders", 1).get(0).path("receiptHandle").asText();
            clock.advance(Duration.ofSeconds(10));
            String latest = receive(server, "orders", 1).get(0).path("receiptHandle").asText();
            assertEquals(404, server.delete("/api/queues/orders/messages/" + old).status(),
                    "a handle from an earlier receive no longer deletes it");
            assertEquals(204, server.delete("/api/queues/orders/messages/" + latest).status());
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"), "deleted for good");
        }

        @Test
        @DisplayName("delays a message by the queue's delay, or its own")
        void delays() {
            createQueue(server, "later", "{\"delaySeconds\":5}");
            send(server, "later", "queue's delay");
            server.post("/api/queues/later/messages", "{\"body\":\"no delay\",\"delaySeconds\":0}");
            assertEquals(List.of(1L, 0L, 1L), counts(server, "later"), "one visible, one delayed");
            assertEquals("no delay", receive(server, "later", 10).get(0).path("body").asText());
            clock.advance(Duration.ofSeconds(5));
            assertEquals("queue's delay", receive(server, "later", 10).get(0).path("body").asText());
        }

        @Test
        @DisplayName("sends a batch, failing only its bad entries")
        void batch() {
            createQueue(server, "orders", "");
            TestServer.Reply reply = server.post("/api/queues/orders/messages", "{\"entries\":["
                    + "{\"id\":\"a\",\"body\":\"first\"},{\"id\":\"b\",\"body\":\"\"},"
                    + "{\"id\":\"c\",\"body\":\"third\",\"delaySeconds\":60}]}");
            assertEquals(200, reply.status(), reply.body());
            JsonNode result = reply.json();
            assertEquals(2, result.path("successful").size(), result.toString());
            assertEquals("b", result.path("failed").get(0).path("id").asText());
            assertEquals("ValidationException", result.path("failed").get(0).path("code").asText());
            assertEquals(List.of(1L, 0L, 1L), counts(server, "orders"), "a sent, c delayed, b refused");
        }

        @Test
        @DisplayName("receives at most maxMessages, oldest first")
        void receiveOrder() {
            createQueue(server, "orders", "");
            for (int i = 1; i <= 5; i++) {
                send(server, "orders", "m" + i);
            }
            JsonNode three = receive(server, "orders", 3);
            assertEquals(List.of("m1", "m2", "m3"), three.findValuesAsText("body"));
            assertEquals(List.of("m4", "m5"), receive(server, "orders", 10).findValuesAsText("body"));
        }

        @Test
        @DisplayName("moves a message to the dead-letter queue after maxReceiveCount receives")
        void deadLetterQueue() {
            createQueue(server, "orders-dlq", "");
            createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":10,"
                    + "\"redrivePolicy\":{\"deadLetterQueue\":\"orders-dlq\",\"maxReceiveCount\":2}}");
            String id = send(server, "orders", "poison");
            for (int receives = 1; receives <= 2; receives++) {
                assertEquals(1, receive(server, "orders", 1).size(), "receive " + receives + " of maxReceiveCount 2");
                clock.advance(Duration.ofSeconds(10));
            }
            assertEquals(0, receive(server, "orders", 1).size(), "the third receive finds it moved instead");
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"));
            JsonNode dead = receive(server, "orders-dlq", 10);
            assertEquals(1, dead.size(), dead.toString());
            assertEquals(id, dead.get(0).path("messageId").asText(), "it keeps its message id");
            assertEquals("poison", dead.get(0).path("body").asText());
        }

        @Test
        @DisplayName("drops messages older than the retention period")
        void retention() {
            createQueue(server, "short", "{\"messageRetentionSeconds\":60}");
            send(server, "short", "old");
            clock.advance(Duration.ofSeconds(61));
            send(server, "short", "new");
            assertEquals(List.of("new"), receive(server, "short", 10).findValuesAsText("body"));
        }

        @Test
        @DisplayName("are all gone after a purge, which says how many")
        void purge() {
            createQueue(server, "orders", "");
            send(server, "orders", "a");
            send(server, "orders", "b");
            receive(server, "orders", 1);
            TestServer.Reply purged = server.post("/api/queues/orders/purge", "");
            assertEquals(200, purged.status(), purged.body());
            assertEquals("{\"purged\":2}", purged.body());
            assertEquals(List.of(0L, 0L, 0L), counts(server, "orders"));
        }
    }

    @Test
    @DisplayName("keeps every accepted message across a restart, in flight ones hidden as they were")
    void survivesRestart() throws Exception {
        createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":30}");
        send(server, "orders", "kept");
        send(server, "orders", "in flight");
        receive(server, "orders", 1);
        send(server, "orders", "third");
        server.close();
        server = null;
        server = new TestServer(data, new ManualClock(clock.epochMillis()));
        assertEquals(List.of(2L, 1L, 0L), counts(server, "orders"), "visible, in flight: as before the restart");
        assertEquals(List.of("in flight", "third"), receive(server, "orders", 10).findValuesAsText("body"),
                "the in-flight one is hidden still; oldest first");
    }
}
