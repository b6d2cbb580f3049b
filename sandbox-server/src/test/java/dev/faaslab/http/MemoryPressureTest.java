package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's heap is shared by every instance; these fill it on purpose. Sizes are shares of this JVM's
 * heap's capacity for long-lived data, so that the test means the same under any -Xmx.
 */
@DisplayName("When instances keep more memory than the server has")
@Tag("own-heap")
// In a JVM of its own (the tag), the reclaiming test first: it sizes its instances by the heap, which must then
// hold nothing of the hundred instances' test.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryPressureTest {

    /** Keeps {@code mb} more megabytes on every call, in 8 MB pieces, pausing now and then as real work would. */
    static final String HOARDER = """
            const keep = [];
            export const handler = async (event) => {
              for (let i = 0; i < event.mb / 8; i++) {
                keep.push(new Uint8Array(8 * 2 ** 20));
                if (i % 4 === 3) await new Promise((resolve) => setTimeout(resolve, event.pauseMs ?? 0));
              }
              await new Promise((resolve) => setTimeout(resolve, event.holdMs ?? 0));
              return { keptMb: keep.length * 8 };
            };""";

    static final String SMALL = "export const handler = async () => ({ ok: true });";

    /** What the heap can hold of long-lived data, as the server reckons it: the old generation's size. */
    static final long HEAP_MB = oldGeneration().map(pool -> pool.getUsage().getMax()).filter(max -> max > 0)
            .orElse(Runtime.getRuntime().maxMemory()) >> 20;

    static java.util.Optional<java.lang.management.MemoryPoolMXBean> oldGeneration() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().contains("Old Gen") || pool.getName().contains("Tenured")).findFirst();
    }

    @TempDir
    Path data;

    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    CompletableFuture<TestServer.Reply> invoke(String name, String event) {
        return server.sendAsync(HttpRequest.newBuilder(server.uri("/api/functions/" + name + "/invoke"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build());
    }

    Set<String> idleInstances(String name) {
        Set<String> ids = new HashSet<>();
        for (JsonNode instance : server.get("/api/functions/" + name + "/instances").json().path("instances")) {
            if ("idle".equals(instance.path("state").asText())) {
                ids.add(instance.path("id").asText());
            }
        }
        return ids;
    }

    @Test
    @Order(1)
    @DisplayName("idle instances are reclaimed when the heap fills, those that may hold most first")
    void idleInstancesAreReclaimedFirst() throws Exception {
        server = new TestServer(data);
        server.deployJs("hoarder", HOARDER, "\"memoryMb\":1024,\"timeoutSeconds\":60");
        server.deployJs("small", SMALL, "");
        server.deployJs("big", HOARDER, "\"memoryMb\":1024,\"timeoutSeconds\":60");
        long share = HEAP_MB / 10 / 8 * 8;
        // Six instances at once, each then idle and keeping a tenth of the heap; three small idle ones.
        List<CompletableFuture<TestServer.Reply>> hoarders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hoarders.add(invoke("hoarder", "{\"mb\":" + share + ",\"holdMs\":1000}"));
        }
        List<CompletableFuture<TestServer.Reply>> smalls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            smalls.add(invoke("small", "{\"holdMs\":500}"));
        }
        hoarders.forEach(reply -> assertEquals(share, reply.join().json().path("result").path("keptMb").asLong(),
                reply.join().body()));
        smalls.forEach(reply -> assertEquals(200, reply.join().status()));
        assertEquals(6, idleInstances("hoarder").size());
        Set<String> smallOnes = idleInstances("small");

        // Four tenths more fill the heap.
        TestServer.Reply big = invoke("big", "{\"mb\":" + 4 * share + ",\"pauseMs\":10}").join();

        assertEquals(4 * share, big.json().path("result").path("keptMb").asLong(), big.body());
        int hoardersLeft = idleInstances("hoarder").size();
        assertTrue(hoardersLeft < 6, "idle hoarders were reclaimed: " + hoardersLeft + " of 6 left");
        assertEquals(smallOnes, idleInstances("small"), "instances that hold next to nothing are kept warm");
    }

    @Test
    @Order(2)
    @DisplayName("a hundred instances keeping memory at once end each with its result or a limit's error, and the server keeps serving")
    void aHundredAtOnce() throws Exception {
        server = new TestServer(data);
        for (int f = 0; f < 4; f++) {
            server.deployJs("hoarder" + f, HOARDER, "\"memoryMb\":128,\"timeoutSeconds\":120");
        }
        server.deployJs("neighbour", SMALL, "");
        // Each keeps 48 MB, within its 128 MB: together twice what a test JVM's heap holds (2.3 GB).
        for (int round = 0; round < 1; round++) {
            List<CompletableFuture<TestServer.Reply>> pending = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pending.add(invoke("hoarder" + i % 4, "{\"mb\":48,\"pauseMs\":5,\"holdMs\":500}"));
            }
            List<Integer> health = new CopyOnWriteArrayList<>();
            long worstHealthNanos = 0;
            while (!pending.stream().allMatch(CompletableFuture::isDone)) {
                long asked = System.nanoTime();
                health.add(server.get("/health").status());
                worstHealthNanos = Math.max(worstHealthNanos, System.nanoTime() - asked);
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            Map<String, Integer> messages = new TreeMap<>();
            for (CompletableFuture<TestServer.Reply> reply : pending) {
                JsonNode json = reply.join().json();
                // A 503 ServerBusy is the server's own memory running short outside the function (its answer
                // could not be built): the caller is told to try again, and nothing is acknowledged and lost.
                String outcome = json.path("result").has("keptMb") ? "result"
                        : reply.join().status() == 503 ? json.path("error").path("code").asText(reply.join().body())
                        : json.path("error").path("errorType").asText(reply.join().body());
                if (!outcome.equals("result")) {
                    messages.merge(json.path("error").path("errorMessage").asText(), 1, Integer::sum);
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
            System.out.printf("round %d: %s %s; /health answered %d times, the slowest in %d ms (heap %d MB)%n",
                    round, outcomes, messages, health.size(), worstHealthNanos / 1_000_000, HEAP_MB);
            // On a loaded machine a thrashing heap can hold an invocation past its two minutes: a limit too.
            assertTrue(Set.of("result", "Runtime.OutOfMemory", "Sandbox.Timedout", "ServerBusy")
                    .containsAll(outcomes.keySet()), "each ends with its result or a limit's error: " + outcomes);
            assertTrue(outcomes.getOrDefault("result", 0) > 0, "some fit: " + outcomes);
            assertTrue(health.stream().allMatch(status -> status == 200), "/health answered throughout: " + health);
            JsonNode neighbour = server.post("/api/functions/neighbour/invoke", "{}").json();
            assertTrue(neighbour.path("result").path("ok").asBoolean(), "a neighbour still gets its result: " + neighbour);
        }
    }
}
