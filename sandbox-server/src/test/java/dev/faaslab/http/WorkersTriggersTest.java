package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.START;
import static dev.faaslab.http.QueueSteps.counts;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.invocations;
import static dev.faaslab.http.QueueSteps.logLines;
import static dev.faaslab.http.QueueSteps.loggedJson;
import static dev.faaslab.http.QueueSteps.send;
import static dev.faaslab.http.WorkerSteps.deploy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.events.queue.QueuePoller;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform's real schedules and queues call a Worker's handlers; time is a ManualClock the tests step. */
@DisplayName("A Worker's scheduled and queue handlers")
class WorkersTriggersTest {

    /** Logs what each message of a batch is, then settles it as its body says: ack, retry, or nothing. */
    static final String SETTLER = """
            export default {
              async queue(batch, env, ctx) {
                for (const m of batch.messages) {
                  console.log(JSON.stringify({ queue: batch.queue, body: m.body, attempts: m.attempts,
                    id: m.id, timestamp: m.timestamp.getTime() }));
                  if (m.body.action === 'ack') m.ack();
                  if (m.body.action === 'retry') m.retry();
                  if (m.body.action === 'throw') throw new Error('cannot handle ' + m.body.name);
                }
              },
            };
            """;

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

    void map(String queue, String function) {
        TestServer.Reply reply = server.post("/api/event-source-mappings", "{\"queue\":\"" + queue
                + "\",\"function\":\"" + function + "\"}");
        assertEquals(201, reply.status(), reply.body());
    }

    /** Steps the clock, then polls: every message visible by then has been delivered when this returns. */
    void after(Duration wait) {
        clock.advance(wait);
        poller.pollOnce();
    }

    /** How many times each message (by name) reached the function, and at which attempts. */
    Map<String, List<Integer>> deliveries(String function) {
        Map<String, List<Integer>> seen = new TreeMap<>();
        for (JsonNode line : loggedJson(server, function)) {
            seen.computeIfAbsent(line.path("body").path("name").asText(), name -> new java.util.ArrayList<>())
                    .add(line.path("attempts").asInt());
        }
        return seen;
    }

    static String message(String name, String action) {
        return "{\"name\":\"" + name + "\",\"action\":\"" + action + "\"}";
    }

    @Test
    @DisplayName("settle each message: ack() and retry() per message, the rest acknowledged when the handler returns;"
            + " a retried message comes back after the visibility timeout with its attempts grown")
    void ackAndRetry() {
        deploy(server, "settler", SETTLER, null);
        createQueue(server, "jobs", "{\"visibilityTimeoutSeconds\":30}");
        map("jobs", "settler");
        send(server, "jobs", message("a", "ack"));
        send(server, "jobs", message("b", "retry"));
        send(server, "jobs", message("c", "none"));
        poller.pollOnce();
        assertEquals(1, invocations(server, "settler"));
        JsonNode first = loggedJson(server, "settler").getFirst();
        assertEquals("jobs", first.path("queue").asText());
        assertEquals(START, first.path("timestamp").asLong(), "the message's timestamp, a Date of when it was sent");
        assertEquals(List.of(0L, 1L, 0L), counts(server, "jobs"), "only the retried message stays, in flight");
        after(Duration.ofSeconds(30));
        assertEquals(Map.of("a", List.of(1), "b", List.of(1, 2), "c", List.of(1)), deliveries("settler"),
                "b again, at attempt 2");
    }

    @Test
    @DisplayName("retry the messages not yet acknowledged when the handler throws; ackAll and retryAll settle the batch")
    void throwsAckAllRetryAll() {
        deploy(server, "settler", SETTLER, null);
        createQueue(server, "jobs", "{\"visibilityTimeoutSeconds\":30}");
        map("jobs", "settler");
        send(server, "jobs", message("a", "ack"));
        send(server, "jobs", message("b", "throw"));
        send(server, "jobs", message("c", "none"));
        poller.pollOnce();
        assertEquals(List.of(0L, 2L, 0L), counts(server, "jobs"), "a acknowledged before the throw; b and c retried");
        assertTrue(logLines(server, "settler").stream().anyMatch(line -> line.contains("cannot handle b")),
                "the error is in the log");

        deploy(server, "settler", """
                export default {
                  async queue(batch) {
                    console.log(JSON.stringify({ names: batch.messages.map((m) => m.body.name) }));
                    if (batch.messages.length === 2) batch.retryAll(); else batch.ackAll();
                  },
                };
                """, null);
        after(Duration.ofSeconds(30));
        assertEquals(List.of(0L, 2L, 0L), counts(server, "jobs"), "retryAll: both back in flight");
        after(Duration.ofSeconds(30));
        send(server, "jobs", message("d", "none"));
        after(Duration.ofSeconds(30));
        assertEquals(List.of(0L, 0L, 0L), counts(server, "jobs"), "ackAll: all done");
    }

    @Test
    @DisplayName("run Cloudflare's queue consumer example unchanged")
    void cloudflaresConsumerExample() {
        // Cloudflare Queues' consumer example (developers.cloudflare.com/queues/configuration/javascript-apis/), as written there
        deploy(server, "consumer", """
                export default {
                  async queue(batch, env) {
                    for (const message of batch.messages) {
                      console.log("Received", message);
                    }
                  },
                };
                """, null);
        createQueue(server, "requests", "");
        map("requests", "consumer");
        send(server, "requests", "{\"url\":\"https://example.com/\"}");
        poller.pollOnce();
        assertTrue(logLines(server, "consumer").stream().anyMatch(line -> line.contains("Received")
                && line.contains("https://example.com/")), String.join("\n", logLines(server, "consumer")));
        assertEquals(List.of(0L, 0L, 0L), counts(server, "requests"), "returned: acknowledged");
    }

    @Test
    @DisplayName("call scheduled on the platform's schedule, with the schedule's name as cron and its time in ms")
    void scheduled() {
        deploy(server, "cron", """
                export default {
                  async scheduled(controller, env, ctx) {
                    console.log(JSON.stringify({ cron: controller.cron, type: controller.type,
                      scheduledTime: controller.scheduledTime }));
                  },
                };
                """, null);
        TestServer.Reply created = server.put("/api/schedules/every-minute",
                "{\"expression\":\"rate(1 minute)\",\"function\":\"cron\"}");
        assertEquals(201, created.status(), created.body());
        long due = java.time.Instant.parse(created.json().path("nextFireAt").asText()).toEpochMilli();
        clock.advance(Duration.ofMillis(due - clock.epochMillis()));
        server.sandbox.scheduler().runDue();
        Await.until("the schedule to call the Worker", Duration.ofSeconds(30),
                () -> !loggedJson(server, "cron").isEmpty());
        JsonNode seen = loggedJson(server, "cron").getFirst();
        assertEquals("every-minute", seen.path("cron").asText());
        assertEquals("scheduled", seen.path("type").asText());
        assertEquals(due, seen.path("scheduledTime").asLong());
    }

    @Test
    @DisplayName("run Cloudflare's scheduled handler example unchanged, its task defined beside it")
    void cloudflaresScheduledExample() {
        // Cloudflare's scheduled handler example (developers.cloudflare.com/workers/runtime-apis/handlers/scheduled/), as
        // written there; doSomeTaskOnASchedule, which the page leaves to the reader, is defined after it.
        deploy(server, "cleanup", """
                export default {
                  async scheduled(controller, env, ctx) {
                    ctx.waitUntil(doSomeTaskOnASchedule());
                  },
                };

                async function doSomeTaskOnASchedule() {
                  console.log('TASK DONE');
                }
                """, null);
        assertEquals(201, server.put("/api/schedules/cleanup", "{\"expression\":\"rate(1 minute)\",\"function\":"
                + "\"cleanup\"}").status());
        clock.advance(Duration.ofMinutes(1));
        server.sandbox.scheduler().runDue();
        Await.until("the task to run", Duration.ofSeconds(30),
                () -> logLines(server, "cleanup").stream().anyMatch(line -> line.contains("Outcome: ")));
        assertTrue(logLines(server, "cleanup").stream().anyMatch(line -> line.contains("TASK DONE")),
                String.join("\n", logLines(server, "cleanup")));
        assertTrue(logLines(server, "cleanup").stream().anyMatch(line -> line.contains("Outcome: ok")
                && line.contains("CPU Time: ")), "its REPORT line in Workers' terms");
    }
}
