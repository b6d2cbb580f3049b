package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.platform.PlatformLimits;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Instance pools over real HTTP")
class ScalingTest {

    static final String WAITS_200_MS = """
            export const handler = async () => {
              await new Promise((resolve) => setTimeout(resolve, 200));
              return { ok: true };
            };""";

    static final String WAITS_FOR_QUERY = """
            export const handler = async (event) => {
              await new Promise((resolve) => setTimeout(resolve, event.waitMs ?? 0));
              return { waited: event.waitMs ?? 0 };
            };""";

    @TempDir
    Path data;

    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    HttpRequest invokeRequest(String name, String event) {
        return HttpRequest.newBuilder(server.uri("/api/functions/" + name + "/invoke"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build();
    }

    List<TestServer.Reply> burst(String name, String event, int count) {
        List<CompletableFuture<TestServer.Reply>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(server.sendAsync(invokeRequest(name, event)));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    int inFlight(String name) {
        return server.get("/api/functions/" + name + "/instances").json().path("inFlight").asInt();
    }

    /** Starts {@code count} requests that wait {@code waitMs}, and returns once all are running. */
    List<CompletableFuture<TestServer.Reply>> occupy(String name, int count, int waitMs) {
        List<CompletableFuture<TestServer.Reply>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(server.sendAsync(invokeRequest(name, "{\"waitMs\":" + waitMs + "}")));
        }
        Await.until(count + " requests in flight", Duration.ofSeconds(30), () -> inFlight(name) == count);
        return pending;
    }

    @Nested
    @DisplayName("a burst of 20 concurrent requests to a function that waits 200 ms")
    class Burst {

        @Test
        @DisplayName("starts 20 instances with 20 cold starts; 20 sequential requests then start none; after the keep-alive the pool is empty")
        void scalesOutReusesAndScalesToZero() throws Exception {
            server = new TestServer(data);
            server.deployJs("slow", WAITS_200_MS, "\"keepAliveSeconds\":2");
            // Twenty connections opened beforehand (by another function), so that the burst's requests
            // arrive together even on a busy machine, rather than one connection set-up at a time.
            server.deployJs("opener", WAITS_FOR_QUERY, "");
            burst("opener", "{\"waitMs\":1000}", 20);

            List<TestServer.Reply> replies = burst("slow", "{}", 20);
            Set<String> instances = new HashSet<>();
            for (TestServer.Reply reply : replies) {
                assertEquals(200, reply.status(), reply.body());
                assertTrue(reply.json().path("cold").asBoolean(), "every request of the burst starts cold: " + reply.body());
                instances.add(reply.json().path("instanceId").asText());
            }
            assertEquals(20, instances.size(), "one instance per concurrent request");
            assertEquals(20, server.get("/api/functions/slow/instances").json().path("instances").size());

            for (int i = 0; i < 20; i++) {
                JsonNode reply = server.post("/api/functions/slow/invoke", "{}").json();
                assertFalse(reply.path("cold").asBoolean(), "sequential request " + i + " finds a warm instance");
                assertTrue(instances.contains(reply.path("instanceId").asText()));
            }
            JsonNode totals = server.get("/api/functions/slow/metrics?seconds=60").json().path("totals");
            assertEquals(40, totals.path("invocations").asInt());
            assertEquals(20, totals.path("coldStarts").asInt(), "only the burst started instances");

            Await.until("the keep-alive to empty the pool", Duration.ofSeconds(30),
                    () -> server.get("/api/functions/slow/instances").json().path("instances").isEmpty());
            JsonNode cold = server.post("/api/functions/slow/invoke", "{}").json();
            assertTrue(cold.path("cold").asBoolean(), "after scaling to zero the next request starts cold");
        }
    }

    @Nested
    @DisplayName("reserved concurrency")
    class Reserved {

        @Test
        @DisplayName("throttles the request beyond it with 429 and Lambda's reason")
        void throttlesBeyondTheReservation() throws Exception {
            server = new TestServer(data);
            server.deployJs("capped", WAITS_FOR_QUERY, "\"reservedConcurrency\":2");
            List<CompletableFuture<TestServer.Reply>> running = occupy("capped", 2, 1500);

            TestServer.Reply third = server.post("/api/functions/capped/invoke", "{}");
            assertEquals(429, third.status(), third.body());
            assertEquals("TooManyRequestsException", third.json().path("error").path("code").asText());
            assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded",
                    third.json().path("error").path("reason").asText());
            running.forEach(reply -> assertEquals(200, reply.join().status()));
            assertEquals(1, server.get("/api/functions/capped/metrics").json().path("totals").path("throttles").asInt());
        }

        @Test
        @DisplayName("of 0 switches the function off")
        void zeroSwitchesOff() throws Exception {
            server = new TestServer(data);
            server.deployJs("off", WAITS_FOR_QUERY, "\"reservedConcurrency\":0");
            TestServer.Reply reply = server.post("/api/functions/off/invoke", "{}");
            assertEquals(429, reply.status());
            assertTrue(reply.json().path("error").path("message").asText().contains("switches it off"), reply.body());
        }
    }

    @Nested
    @DisplayName("provisioned concurrency of 3")
    class Provisioned {

        @Test
        @DisplayName("serves the first 3 concurrent requests without a cold start, and spills the 4th over to a cold on-demand instance")
        void noColdStartUpToN() throws Exception {
            server = new TestServer(data);
            server.deployJs("ready", WAITS_FOR_QUERY, "\"provisionedConcurrency\":3");
            Await.until("3 provisioned instances", Duration.ofSeconds(30),
                    () -> server.get("/api/functions/ready/instances").json().path("provisionedReady").asInt() == 3);

            List<TestServer.Reply> replies = burst("ready", "{\"waitMs\":100}", 3);
            for (TestServer.Reply reply : replies) {
                assertFalse(reply.json().path("cold").asBoolean(), reply.body());
                assertTrue(reply.json().path("provisioned").asBoolean(), reply.body());
            }
            List<CompletableFuture<TestServer.Reply>> running = occupy("ready", 3, 1500);
            JsonNode fourth = server.post("/api/functions/ready/invoke", "{}").json();
            assertTrue(fourth.path("cold").asBoolean(), "the 4th concurrent request spills over: " + fourth);
            assertFalse(fourth.path("provisioned").asBoolean());
            running.forEach(reply -> assertFalse(reply.join().json().path("cold").asBoolean()));
        }
    }

    @Nested
    @DisplayName("the platform's limits")
    class Limits {

        @Test
        @DisplayName("throttle a function that starts instances faster than the scaling rate")
        void scalingRate() throws Exception {
            server = new TestServer(data, new PlatformLimits(100, 3, Duration.ofSeconds(60)));
            server.deployJs("bursty", WAITS_FOR_QUERY, "");
            List<CompletableFuture<TestServer.Reply>> running = occupy("bursty", 3, 1500);
            TestServer.Reply fourth = server.post("/api/functions/bursty/invoke", "{}");
            assertEquals(429, fourth.status(), fourth.body());
            assertEquals("FunctionInvocationRateLimitExceeded", fourth.json().path("error").path("reason").asText());
            running.forEach(reply -> assertEquals(200, reply.join().status()));
            assertEquals(200, server.post("/api/functions/bursty/invoke", "{}").status(),
                    "a request that finds a warm instance needs no new one");
        }

        @Test
        @DisplayName("throttle the workspace beyond its concurrency")
        void workspaceConcurrency() throws Exception {
            server = new TestServer(data, new PlatformLimits(3, 100, Duration.ofSeconds(10)));
            server.deployJs("first", WAITS_FOR_QUERY, "");
            server.deployJs("second", WAITS_FOR_QUERY, "");
            List<CompletableFuture<TestServer.Reply>> running = occupy("first", 3, 1500);
            TestServer.Reply other = server.post("/api/functions/second/invoke", "{}");
            assertEquals(429, other.status(), other.body());
            assertEquals("ConcurrentInvocationLimitExceeded", other.json().path("error").path("reason").asText());
            running.forEach(reply -> assertEquals(200, reply.join().status()));
        }
    }
}
