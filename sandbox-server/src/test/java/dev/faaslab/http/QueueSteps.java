package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The steps queue and retry tests share: over real HTTP, with the server's time on a {@link ManualClock}. */
final class QueueSteps {

    /** Where the tests' clocks start. */
    static final long START = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    private QueueSteps() {
    }

    static JsonNode createQueue(TestServer server, String name, String attributes) {
        TestServer.Reply reply = server.put("/api/queues/" + name, attributes);
        assertEquals(201, reply.status(), "creating the queue " + name + ": " + reply.body());
        return reply.json();
    }

    /** Sends one message; returns its id. */
    static String send(TestServer server, String queue, String body) {
        TestServer.Reply reply = server.post("/api/queues/" + queue + "/messages",
                "{\"body\":" + TextNode.valueOf(body) + "}");
        assertEquals(201, reply.status(), "sending to " + queue + ": " + reply.body());
        return reply.json().path("messageId").asText();
    }

    static JsonNode receive(TestServer server, String queue, int max) {
        TestServer.Reply reply = server.post("/api/queues/" + queue + "/receive", "{\"maxMessages\":" + max + "}");
        assertEquals(200, reply.status(), "receiving from " + queue + ": " + reply.body());
        return reply.json().path("messages");
    }

    static JsonNode queue(TestServer server, String name) {
        TestServer.Reply reply = server.get("/api/queues/" + name);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    /** Visible, in flight, delayed. */
    static List<Long> counts(TestServer server, String name) {
        JsonNode queue = queue(server, name);
        return List.of(queue.path("approximateNumberOfMessages").asLong(),
                queue.path("approximateNumberOfMessagesNotVisible").asLong(),
                queue.path("approximateNumberOfMessagesDelayed").asLong());
    }

    static long invocations(TestServer server, String function) {
        return server.platform.totals(WorkspaceId.LOCAL, function).invocations();
    }

    /** The function's log lines, oldest first, as text. */
    static List<String> logLines(TestServer server, String function) {
        List<String> lines = new ArrayList<>();
        for (LogEntry entry : server.platform.logs(WorkspaceId.LOCAL, function, 0, 10_000)) {
            lines.add(entry.text());
        }
        return lines;
    }

    /** What the function logged with console.log, one JSON document a line, oldest first. */
    static List<JsonNode> loggedJson(TestServer server, String function) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : logLines(server, function)) {
            String[] fields = line.split("\t", 4);
            if (fields.length == 4 && fields[2].equals("INFO")) {
                try {
                    documents.add(TestServer.JSON.readTree(fields[3]));
                } catch (java.io.IOException e) {
                    throw new AssertionError("the function logged something not JSON: " + line, e);
                }
            }
        }
        return documents;
    }
}
