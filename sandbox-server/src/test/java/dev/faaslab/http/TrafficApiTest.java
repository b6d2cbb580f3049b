package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.billing.Bill;
import dev.faaslab.platform.BillingSettings;
import dev.faaslab.time.ManualClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The traffic generator over real HTTP")
class TrafficApiTest {

    /** Waits as long as the query's {@code waitMs} says, so that a burst's requests overlap. */
    static final String WAITS = """
            export const handler = async (event) => {
              const waitMs = Number(event.queryStringParameters?.waitMs ?? 0);
              await new Promise((resolve) => setTimeout(resolve, waitMs));
              return { waited: waitMs };
            };""";
    /** No timers: under a manual clock it answers at once. */
    static final String ANSWERS = "export const handler = async (event) => ({ path: event.rawPath });";

    // One real-time server for the tests that need no clock of their own: each deploys functions of its own.
    @TempDir
    static Path shared;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(shared);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode start(TestServer on, String body) {
        TestServer.Reply reply = on.post("/api/traffic", body);
        assertEquals(202, reply.status(), "a valid plan starts a run: " + reply.body());
        OpenApiTest.assertDescribed(reply, "post", "/api/traffic");
        assertEquals(List.of("run"), QueueTriggerTest.fieldNames(reply.json()), "the run and nothing beside it");
        return reply.json().path("run");
    }

    static JsonNode run(TestServer on) {
        TestServer.Reply reply = on.get("/api/traffic");
        OpenApiTest.assertDescribed(reply, "get", "/api/traffic");
        return reply.json().path("run");
    }

    static JsonNode awaitEnd(TestServer on) {
        Await.until("the traffic run to end", Duration.ofSeconds(90), () -> !run(on).path("state").asText().equals("running"));
        return run(on);
    }

    @Nested
    @DisplayName("a burst")
    class Burst {

        @Test
        @DisplayName("of 10 to a function that waits gives 10 ok, and the platform counts 10 cold starts and 10 instances")
        void tenConcurrentRequests() {
            server.deployJs("burst-ten", WAITS, "\"timeoutSeconds\":10");
            JsonNode started = start(server, "{\"function\":\"burst-ten\",\"pattern\":\"burst\",\"burst\":10,"
                    + "\"query\":\"waitMs=2000\"}");
            assertEquals("running", started.path("state").asText(), "a run starts running: " + started);
            assertEquals("burst", started.path("pattern").asText());
            assertTrue(started.path("rps").isNull() && started.path("durationSeconds").isNull(),
                    "a burst has no rate and no duration: " + started);

            JsonNode ended = awaitEnd(server);
            assertEquals("finished", ended.path("state").asText(), "a burst finishes once every answer is in: " + ended);
            assertEquals(10, ended.path("sent").asInt(), "10 sent: " + ended);
            assertEquals(10, ended.path("completed").asInt(), "10 completed: " + ended);
            assertEquals(10, ended.path("ok").asInt(), "10 answered 2xx: " + ended);
            assertEquals(0, ended.path("throttled").asInt() + ended.path("errors").asInt() + ended.path("skipped").asInt(),
                    "none throttled, failed or skipped: " + ended);
            assertTrue(ended.path("latencyP50Ms").isNumber() && ended.path("latencyP99Ms").isNumber(),
                    "latency percentiles once requests completed: " + ended);

            JsonNode totals = server.get("/api/functions/burst-ten/metrics?seconds=300").json().path("totals");
            assertEquals(10, totals.path("invocations").asInt(), "the platform ran 10: " + totals);
            assertEquals(10, totals.path("coldStarts").asInt(), "all 10 concurrent requests started cold: " + totals);
            assertEquals(10, server.get("/api/functions/burst-ten/instances").json().path("instances").size(),
                    "one instance per concurrent request, still warm");
        }

        @Test
        @DisplayName("larger than the function's reserved concurrency gives that many ok and the rest throttled (429)")
        void beyondReservedConcurrency() {
            server.deployJs("burst-reserved", WAITS, "\"reservedConcurrency\":3,\"timeoutSeconds\":10");
            start(server, "{\"function\":\"burst-reserved\",\"pattern\":\"burst\",\"burst\":8,\"query\":\"waitMs=3000\"}");

            JsonNode ended = awaitEnd(server);
            assertEquals(8, ended.path("completed").asInt(), "8 completed: " + ended);
            assertEquals(3, ended.path("ok").asInt(), "as many ok as the reserved concurrency: " + ended);
            assertEquals(5, ended.path("throttled").asInt(), "the other 5 answered 429: " + ended);
            assertEquals(0, ended.path("errors").asInt(), "no errors: " + ended);
            assertEquals(5, server.get("/api/functions/burst-reserved/metrics?seconds=300").json().path("totals")
                    .path("throttles").asInt(), "the platform counted the 5 throttles");
        }
    }

    @Nested
    @DisplayName("a steady run on a manual clock")
    class Steady {

        @TempDir
        Path data;

        TestServer manual;
        final ManualClock clock = new ManualClock(1_800_000_000_000L);

        @AfterEach
        void stopManual() throws Exception {
            if (manual != null) {
                manual.close();
            }
        }

        void advanceSeconds(int seconds) {
            for (int i = 0; i < seconds; i++) {
                clock.advance(Duration.ofSeconds(1));
            }
        }

        void awaitSent(int sent) {
            Await.until(sent + " sent", Duration.ofSeconds(60), () -> run(manual).path("sent").asInt() == sent);
        }

        @Test
        @DisplayName("sends exactly rps × duration, rps each second, and then finishes")
        void sendsRpsTimesDuration() throws Exception {
            manual = new TestServer(data, clock);
            manual.deployJs("steady", ANSWERS, "");
            assertTrue(run(manual).isNull(), "no run before the first one");
            assertTrue(manual.delete("/api/traffic").json().path("run").isNull(), "DELETE with no run answers null");
            JsonNode started = start(manual, "{\"function\":\"steady\",\"pattern\":\"steady\",\"rps\":5,"
                    + "\"durationSeconds\":4,\"path\":\"/orders/7\"}");
            assertEquals(0, started.path("sent").asInt(), "nothing is due before the clock moves: " + started);
            for (int second = 1; second <= 3; second++) {
                advanceSeconds(1);
                awaitSent(5 * second);
            }
            advanceSeconds(1);
            JsonNode ended = awaitEnd(manual);
            assertEquals("finished", ended.path("state").asText(), "the run finished: " + ended);
            assertEquals(20, ended.path("sent").asInt(), "5 rps × 4 s = 20 sent: " + ended);
            assertEquals(20, ended.path("ok").asInt(), "all 20 answered 2xx: " + ended);
            assertEquals(4.0, ended.path("elapsedSeconds").asDouble(), 1e-9, "it lasted 4 s of the clock: " + ended);
            advanceSeconds(3);
            assertEquals(20, manual.get("/api/functions/steady/metrics?seconds=60").json().path("totals")
                    .path("invocations").asInt(), "the function ran 20 times, and no more after the run");
        }

        @Test
        @DisplayName("stops on DELETE: state stopped, no more sends, and a new run may start")
        void stops() throws Exception {
            manual = new TestServer(data, clock);
            manual.deployJs("stoppable", ANSWERS, "");
            start(manual, "{\"function\":\"stoppable\",\"pattern\":\"steady\",\"rps\":10,\"durationSeconds\":60}");
            advanceSeconds(1);
            awaitSent(10);

            TestServer.Reply stopped = manual.delete("/api/traffic");
            assertEquals(200, stopped.status(), stopped.body());
            OpenApiTest.assertDescribed(stopped, "delete", "/api/traffic");
            assertEquals("stopped", stopped.json().path("run").path("state").asText(), "DELETE stops it: " + stopped.body());
            advanceSeconds(5);
            Await.until("the stopped run's requests to complete", Duration.ofSeconds(60),
                    () -> run(manual).path("completed").asInt() == 10);
            JsonNode after = run(manual);
            assertEquals("stopped", after.path("state").asText(), "it stays stopped: " + after);
            assertEquals(10, after.path("sent").asInt(), "nothing sent after the stop, though 5 s passed: " + after);
            assertEquals(1.0, after.path("elapsedSeconds").asDouble(), 1e-9, "elapsed time ends at the stop: " + after);

            JsonNode next = start(manual, "{\"function\":\"stoppable\",\"pattern\":\"burst\",\"burst\":1}");
            assertTrue(!next.path("id").asText().equals(after.path("id").asText()), "a new run has a new id");
        }
    }

    @Nested
    @DisplayName("when the server stops")
    class ServerStop {

        @TempDir
        Path data;

        @Test
        @DisplayName("ends the run going, with requests in flight, and the server's close returns")
        void endsRuns() throws Exception {
            TestServer stopping = new TestServer(data);
            try {
                stopping.deployJs("stopping", WAITS, "\"timeoutSeconds\":10");
                start(stopping, "{\"function\":\"stopping\",\"pattern\":\"steady\",\"rps\":5,\"durationSeconds\":300,"
                        + "\"query\":\"waitMs=5000\"}");
                Await.until("requests in flight", Duration.ofSeconds(60),
                        () -> stopping.get("/api/functions/stopping/instances").json().path("inFlight").asInt() > 0);
            } finally {
                // A guard against a hang, not a timing assertion: a generator left sending would keep close() waiting.
                assertTimeoutPreemptively(Duration.ofSeconds(60), stopping::close,
                        "the server stops with a traffic run going");
            }
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refusals {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                no function           | function        | {"pattern":"steady","rps":10}
                no pattern            | pattern         | {"function":"refused","rps":10}
                an unknown pattern    | pattern         | {"function":"refused","pattern":"zigzag","rps":10}
                a simulator's pattern | pattern         | {"function":"refused","pattern":"diurnal","rps":10}
                no rps for steady     | rps             | {"function":"refused","pattern":"steady"}
                rps 0                 | rps             | {"function":"refused","pattern":"steady","rps":0}
                rps 201               | rps             | {"function":"refused","pattern":"sine","rps":201}
                rps as text           | rps             | {"function":"refused","pattern":"steady","rps":"ten"}
                durationSeconds 0     | durationSeconds | {"function":"refused","pattern":"steady","rps":1,"durationSeconds":0}
                durationSeconds 301   | durationSeconds | {"function":"refused","pattern":"spike","rps":1,"durationSeconds":301}
                no burst for burst    | burst           | {"function":"refused","pattern":"burst"}
                burst 0               | burst           | {"function":"refused","pattern":"burst","burst":0}
                burst 201             | burst           | {"function":"refused","pattern":"burst","burst":201}
                method HEAD           | method          | {"function":"refused","pattern":"burst","burst":1,"method":"HEAD"}
                a path without /      | path            | {"function":"refused","pattern":"burst","burst":1,"path":"orders"}
                a path with a query   | path            | {"function":"refused","pattern":"burst","burst":1,"path":"/a?b=c"}
                a body that is JSON   | body            | {"function":"refused","pattern":"burst","burst":1,"body":{"a":1}}
                the Host header       | headers         | {"function":"refused","pattern":"burst","burst":1,"headers":{"Host":"x"}}
                a header of a number  | headers         | {"function":"refused","pattern":"burst","burst":1,"headers":{"x-n":1}}
                an unknown field      | rate            | {"function":"refused","pattern":"steady","rps":1,"rate":5}
                """)
        @DisplayName("a bad field with 400, naming it")
        void badField(String what, String field, String body) {
            server.deployJs("refused", ANSWERS, "");
            TestServer.Reply reply = server.post("/api/traffic", body);
            assertEquals(400, reply.status(), what + " is refused with 400: " + reply.body());
            OpenApiTest.assertDescribed(reply, "post", "/api/traffic");
            assertEquals("BadRequest", reply.json().path("error").path("code").asText(), reply.body());
            assertTrue(reply.json().path("error").path("message").asText().contains("'" + field + "'"),
                    "the message names the field '" + field + "': " + reply.body());
        }

        @Test
        @DisplayName("a pattern of the simulator's with 400 that says which makes it")
        void simulatorsPattern() {
            server.deployJs("refused", ANSWERS, "");
            TestServer.Reply reply = server.post("/api/traffic", "{\"function\":\"refused\",\"pattern\":\"on-off\",\"rps\":1}");
            assertEquals(400, reply.status(), reply.body());
            assertEquals("the field 'pattern' must be steady, spike, sine or burst, not 'on-off': on-off is a pattern of"
                    + " the simulator (POST /api/simulations)", reply.json().path("error").path("message").asText());
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"rps, 1, 200", "durationSeconds, 1, 300", "burst, 1, 200"})
        @DisplayName("a number out of range with 400, giving the range")
        void range(String field, int min, int max) {
            server.deployJs("refused", ANSWERS, "");
            String others = field.equals("rps") ? "\"pattern\":\"steady\"" : field.equals("burst")
                    ? "\"pattern\":\"burst\"" : "\"pattern\":\"steady\",\"rps\":1";
            TestServer.Reply reply = server.post("/api/traffic", "{\"function\":\"refused\"," + others + ",\""
                    + field + "\":" + (max + 1) + "}");
            assertEquals(400, reply.status(), reply.body());
            assertTrue(reply.json().path("error").path("message").asText().contains("between " + min + " and " + max),
                    "the message gives the range " + min + "–" + max + ": " + reply.body());
        }

        @Test
        @DisplayName("a body over 64 KB with 400, naming the field")
        void bodyTooLarge() {
            server.deployJs("refused", ANSWERS, "");
            TestServer.Reply reply = server.post("/api/traffic", "{\"function\":\"refused\",\"pattern\":\"burst\","
                    + "\"burst\":1,\"body\":\"" + "x".repeat(64 * 1024 + 1) + "\"}");
            assertEquals(400, reply.status(), reply.body());
            assertTrue(reply.json().path("error").path("message").asText().contains("'body'"), reply.body());
        }

        @Test
        @DisplayName("an unknown function with 404, as the functions API says it")
        void unknownFunction() {
            TestServer.Reply reply = server.post("/api/traffic", "{\"function\":\"nope\",\"pattern\":\"burst\",\"burst\":1}");
            assertEquals(404, reply.status(), reply.body());
            OpenApiTest.assertDescribed(reply, "post", "/api/traffic");
            assertEquals("there is no function named 'nope' in this workspace: create it with PUT /api/functions/nope",
                    reply.json().path("error").path("message").asText());
        }

        @Test
        @DisplayName("a second run while one is going with 409, saying how to stop it")
        void secondRun() {
            server.deployJs("busy", ANSWERS, "");
            start(server, "{\"function\":\"busy\",\"pattern\":\"steady\",\"rps\":1,\"durationSeconds\":120}");
            try {
                TestServer.Reply second = server.post("/api/traffic", "{\"function\":\"busy\",\"pattern\":\"burst\",\"burst\":1}");
                assertEquals(409, second.status(), second.body());
                OpenApiTest.assertDescribed(second, "post", "/api/traffic");
                assertEquals("Conflict", second.json().path("error").path("code").asText());
                assertTrue(second.json().path("error").path("message").asText().contains("DELETE /api/traffic"),
                        "the message says how to stop the run: " + second.body());
            } finally {
                assertEquals("stopped", server.delete("/api/traffic").json().path("run").path("state").asText());
            }
        }
    }

    @Nested
    @DisplayName("reports on the live stream")
    class LiveStream {

        @Test
        @DisplayName("a traffic event with the final counts when a run ends, and metrics events with the second's costUsd")
        void trafficAndCost() {
            server.deployJs("streamed", WAITS, "");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(server.uri("/api/events"))
                        .GET().build(), HttpResponse.BodyHandlers.ofLines());
                JsonNode finalTraffic = null;
                JsonNode costed = null;
                try (Stream<String> lines = response.body()) {
                    Iterator<String> line = lines.iterator();
                    String event = null;
                    while (finalTraffic == null || costed == null) {
                        String text = line.next();
                        if (text.startsWith("event: ")) {
                            event = text.substring("event: ".length());
                            continue;
                        }
                        if (!text.startsWith("data: ")) {
                            continue;
                        }
                        JsonNode data = TestServer.json(text.substring("data: ".length()));
                        switch (event) {
                            case "ready" -> start(server, "{\"function\":\"streamed\",\"pattern\":\"burst\",\"burst\":3,"
                                    + "\"query\":\"waitMs=100\"}");
                            case "traffic" -> {
                                OpenApiTest.assertConforms(OpenApiTest.schema("StreamTrafficEvent"), data,
                                        "the traffic event");
                                if (data.path("run").path("function").asText().equals("streamed")
                                        && !data.path("run").path("state").asText().equals("running")) {
                                    finalTraffic = data.path("run");
                                }
                            }
                            case "metrics" -> {
                                if (data.path("function").asText().equals("streamed")
                                        && data.path("point").path("invocations").asInt() > 0) {
                                    costed = data;
                                }
                            }
                            default -> { }
                        }
                    }
                }
                assertEquals("finished", finalTraffic.path("state").asText(), "the last traffic event: " + finalTraffic);
                assertEquals(3, finalTraffic.path("completed").asInt(), "its final counts: " + finalTraffic);
                assertEquals(3, finalTraffic.path("ok").asInt(), "its final counts: " + finalTraffic);

                JsonNode point = costed.path("point");
                assertTrue(costed.path("costUsd").isNumber(), "a metrics event carries costUsd as a number: " + costed);
                assertEquals(0, Bill.onDemand(BillingSettings.DEFAULT.prices(), point.path("invocations").asLong(),
                                point.path("billedMbMs").asLong()).compareTo(costed.path("costUsd").decimalValue()),
                        "costUsd is the second's on-demand cost, as the metrics API computes it: " + costed);
                assertTrue(costed.path("costUsd").decimalValue().signum() > 0, "a second with invocations costs something");
            });
        }
    }

    @Test
    @DisplayName("is documented with exactly the fields its POST body takes")
    void documentedFields() {
        JsonNode request = OpenApiTest.schema("TrafficRequest");
        assertEquals(new TreeSet<>(TrafficApi.FIELDS), OpenApiTest.fieldNames(request.path("properties")),
                "TrafficRequest lists exactly the fields TrafficApi.FIELDS accepts");
        assertTrue(!request.path("additionalProperties").asBoolean(true), "TrafficRequest refuses unknown fields");
    }

}
