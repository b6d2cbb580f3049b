package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.START;
import static dev.faaslab.http.QueueSteps.invocations;
import static dev.faaslab.http.QueueSteps.logLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.platform.Quotas;
import dev.faaslab.time.ManualClock;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The asynchronous backlog")
class AsyncBacklogTest {

    static final int MB = 1024 * 1024;
    /** At most this many events are in memory at once: one per thread that runs them. */
    static final int WINDOW = 4;
    /** Fails every attempt; Lambda's delays keep the events waiting 60 s, then 120 s. */
    static final String FAILS = "export const handler = async () => { throw new Error('not today'); };";

    @TempDir
    Path data;
    ManualClock clock = new ManualClock(START);
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    void start(Quotas quotas) throws Exception {
        server = new TestServer(data, PlatformLimits.DEFAULT.withQuotas(quotas), clock);
    }

    /** An event of exactly {@code bytes} bytes of JSON: {@code {"n":"07","pad":"xxx…"}}. */
    static String event(int n, int bytes) {
        String head = "{\"n\":\"" + String.format("%02d", n) + "\",\"pad\":\"";
        String event = head + "x".repeat(bytes - head.length() - 2) + "\"}";
        assertEquals(bytes, event.getBytes(StandardCharsets.UTF_8).length);
        return event;
    }

    TestServer.Reply invokeAsync(String function, String event) {
        return server.send(HttpRequest.newBuilder(server.uri("/2015-03-31/functions/" + function + "/invocations"))
                .header("X-Amz-Invocation-Type", "Event").POST(HttpRequest.BodyPublishers.ofString(event)).build());
    }

    void after(Duration wait) {
        clock.advance(wait);
        server.platform.settleAsync();
    }

    static void assertRefusedAsLambda(TestServer.Reply reply, int status, String type, String quota) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(type, reply.header("X-Amzn-ErrorType"), reply.body());
        assertTrue(reply.json().path("message").asText().contains(quota), "names the quota: " + reply.body());
    }

    @Test
    @DisplayName("of many 1 MB events keeps a few in memory, the rest in the database, and delivers them all")
    void keepsWaitingEventsOutOfTheHeap() throws Exception {
        start(Quotas.DEFAULT);
        int size = MB;
        int events = 40;
        // Fails each event's first attempt, so that all 40 wait for their retry; checks the payload arrived whole.
        server.deployJs("big", """
                export const handler = async (event, context) => {
                  if (event.pad.length !== %d) throw new Error('the payload was cut: ' + event.pad.length);
                  if (context.attempt < 2) throw new Error('first time unlucky');
                  return event.n;
                };""".formatted(event(0, size).length() - "{\"n\":\"00\",\"pad\":\"\"}".length()),
                "\"retryDelays\":\"demonstration\"");
        int mostHeld = 0;
        for (int n = 0; n < events; n++) {
            assertEquals(202, invokeAsync("big", event(n, size)).status());
            mostHeld = Math.max(mostHeld, server.platform.asyncHeld());
        }
        assertTrue(mostHeld <= WINDOW, "at most " + WINDOW + " events in memory while they came in, not " + mostHeld);
        server.platform.settleAsync();
        assertEquals(events, invocations(server, "big"), "each ran once, and failed");
        assertEquals(0, server.platform.asyncHeld(), "the events waiting for their retry are not in memory");
        assertEquals(events, server.platform.asyncWaiting(), "they wait in the database");

        after(Duration.ofSeconds(1));
        assertEquals(2L * events, invocations(server, "big"), "each retried once");
        List<String> starts = logLines(server, "big").stream().filter(line -> line.startsWith("START ")).toList();
        Set<String> delivered = new HashSet<>();
        starts.stream().filter(line -> line.endsWith(" Attempt: 2")).forEach(line -> delivered.add(line.split(" ")[2]));
        assertEquals(events, delivered.size(), "every event delivered on its second attempt, whole");
        assertTrue(starts.stream().noneMatch(line -> line.endsWith(" Attempt: 3")), "and none needed a third");
        assertEquals(0, server.platform.asyncWaiting());
    }

    @Test
    @DisplayName("of throttled events waits in the database too, and runs once the function may run")
    void keepsThrottledEventsOutOfTheHeap() throws Exception {
        start(Quotas.DEFAULT);
        server.deployJs("off", "export const handler = async () => 'ran';", "\"reservedConcurrency\":0");
        for (int n = 0; n < 10; n++) {
            assertEquals(202, invokeAsync("off", "{}").status());
        }
        server.platform.settleAsync();
        assertEquals(0, invocations(server, "off"), "switched off: each attempt is throttled");
        assertEquals(0, server.platform.asyncHeld(), "backing off in the database, not in memory");
        assertEquals(10, server.platform.asyncWaiting());

        server.put("/api/functions/off", "{\"reservedConcurrency\":null}");
        after(Duration.ofSeconds(1));
        assertEquals(10, invocations(server, "off"), "each ran after its first backoff of 1 s");
        assertEquals(0, server.platform.asyncWaiting());
    }

    @Test
    @DisplayName("waiting in the database survives a restart, is counted against the quota after it, and runs")
    void survivesARestart() throws Exception {
        Quotas fiveEvents = new Quotas(100, MB, 75 * MB, 100, MB, 5, 100 * MB);
        start(fiveEvents);
        server.deployJs("off", "export const handler = async () => 'ran';", "\"reservedConcurrency\":0");
        for (int n = 0; n < 5; n++) {
            assertEquals(202, invokeAsync("off", "{}").status());
        }
        server.platform.settleAsync();
        server.close();

        clock = new ManualClock(clock.epochMillis());
        start(fiveEvents);
        assertRefusedAsLambda(invokeAsync("off", "{}"), 429, "TooManyRequestsException", "asyncBacklogEvents");
        server.put("/api/functions/off", "{\"reservedConcurrency\":null}");
        after(Duration.ofSeconds(1));
        assertEquals(5, invocations(server, "off"), "the five ran after the restart, when their backoff was over");
        assertEquals(202, invokeAsync("off", "{}").status());
    }

    @Test
    @DisplayName("refuses an event past the workspace's quota of waiting events with 429, and takes one again once they finish")
    void refusesPastTheEventQuota() throws Exception {
        start(new Quotas(100, MB, 75 * MB, 100, MB, 5, 100 * MB));
        server.deployJs("fails", FAILS, "");
        for (int n = 0; n < 5; n++) {
            assertEquals(202, invokeAsync("fails", "{}").status());
        }
        server.platform.settleAsync();
        assertRefusedAsLambda(invokeAsync("fails", "{}"), 429, "TooManyRequestsException", "asyncBacklogEvents");
        after(Duration.ofSeconds(60));
        after(Duration.ofSeconds(120));
        assertEquals(15, invocations(server, "fails"), "the five ran three times each, and were given up");
        assertEquals(202, invokeAsync("fails", "{}").status(), "room again");
    }

    @Test
    @DisplayName("refuses an event past the workspace's quota of waiting bytes with 429")
    void refusesPastTheByteQuota() throws Exception {
        start(new Quotas(100, MB, 75 * MB, 100, 400_000, 10_000, MB));
        server.deployJs("fails", FAILS, "");
        assertEquals(202, invokeAsync("fails", event(1, 400_000)).status());
        assertEquals(202, invokeAsync("fails", event(2, 400_000)).status());
        assertRefusedAsLambda(invokeAsync("fails", event(3, 400_000)), 429, "TooManyRequestsException",
                "asyncBacklogBytes");
        assertEquals(202, invokeAsync("fails", event(3, 200_000)).status(), "1,000,000 bytes: within 1 MB");
    }

    @Test
    @DisplayName("refuses an event over 1 MB with 413 RequestTooLargeException, as Lambda does")
    void refusesAnEventOver1Mb() throws Exception {
        start(Quotas.DEFAULT);
        server.deployJs("fails", FAILS, "");
        assertRefusedAsLambda(invokeAsync("fails", event(1, MB + 1)), 413, "RequestTooLargeException",
                "asyncPayloadBytes");
        assertEquals(202, invokeAsync("fails", event(1, MB)).status());
    }
}
