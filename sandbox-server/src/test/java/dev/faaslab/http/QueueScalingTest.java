package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.counts;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.invocations;
import static dev.faaslab.http.QueueSteps.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.QueuePoller;
import dev.faaslab.metrics.MetricPoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue poller's concurrency, over real HTTP and in real time, with the poller's own background loop.
 * The functions meet in a table before they finish, so that batches overlap because the poller ran them at
 * once, not because the machine happened to be slow; each waits at most a few seconds, so that a poller that
 * never overlaps fails the test instead of hanging it.
 */
@DisplayName("A queue trigger under a backlog")
class QueueScalingTest {

    /** Counts itself in, then waits until {@code GATHER} invocations have arrived (at most 5 s). */
    static final String GATHERS = """
            import { table } from 'faaslab';
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            export const handler = async () => {
              const arrivals = table('arrivals');
              await arrivals.increment({ id: 'in' }, 'n', 1);
              const deadline = Date.now() + 5000;
              while ((await arrivals.get({ id: 'in' })).item.n < GATHER && Date.now() < deadline) await sleep(5);
            };""";

    /** Holds its batch until the test puts the item 'release' in the table (at most 20 s). */
    static final String HOLDS = """
            import { table } from 'faaslab';
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            export const handler = async () => {
              const deadline = Date.now() + 20000;
              while (!(await table('arrivals').get({ id: 'release' })).item && Date.now() < deadline) await sleep(5);
            };""";

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(data);
        assertEquals(201, server.put("/api/tables/arrivals", "{\"partitionKey\":\"id\"}").status());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** {@code count} messages waiting in the queue before its trigger exists, so the first poll sees them all. */
    void backlog(String queue, int count) {
        for (int i = 1; i <= count; i++) {
            send(server, queue, "job-" + i);
        }
    }

    JsonNode map(String queue, String function, String extra) {
        TestServer.Reply reply = server.post("/api/event-source-mappings", "{\"queue\":\"" + queue
                + "\",\"function\":\"" + function + "\",\"batchSize\":1" + extra + "}");
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    void awaitEmpty(String queue) {
        Await.until("the queue " + queue + " to empty", PATIENCE,
                () -> counts(server, queue).equals(List.of(0L, 0L, 0L)));
    }

    /** The most invocations of the function in flight at once, as the platform's metrics counted them. */
    long peak(String function) {
        return server.platform.metrics(WorkspaceId.LOCAL, function, 300).stream()
                .mapToLong(MetricPoint::concurrentPeak).max().orElse(0);
    }

    @Test
    @DisplayName("delivers several batches at once: the function scales out")
    void scalesOut() {
        server.deployJs("gather", GATHERS.replace("GATHER", "3"), "\"timeoutSeconds\":30");
        createQueue(server, "jobs", "{\"visibilityTimeoutSeconds\":180}");
        backlog("jobs", 6);
        map("jobs", "gather", "");
        awaitEmpty("jobs");
        assertEquals(6, invocations(server, "gather"), "one batch of one message each, none twice");
        assertTrue(peak("gather") >= 3, "three batches met in the function at once, so the poller ran them"
                + " together; the peak was " + peak("gather"));
        assertTrue(peak("gather") <= QueuePoller.MAX_CONCURRENT_BATCHES, "the poller's own cap holds");
    }

    @Test
    @DisplayName("holds to scalingConfig.maximumConcurrency, and reads it back")
    void maximumConcurrency() {
        server.deployJs("gather", GATHERS.replace("GATHER", "2"), "\"timeoutSeconds\":30");
        createQueue(server, "jobs", "{\"visibilityTimeoutSeconds\":180}");
        backlog("jobs", 8);
        JsonNode mapping = map("jobs", "gather", ",\"scalingConfig\":{\"maximumConcurrency\":2}");
        assertEquals("{\"maximumConcurrency\":2}", mapping.path("scalingConfig").toString(), mapping.toString());
        awaitEmpty("jobs");
        assertEquals(8, invocations(server, "gather"));
        assertEquals(2, peak("gather"), "two batches met (so they ran at once), and never more than two");
    }

    @Test
    @DisplayName("changes and removes scalingConfig through PUT, and keeps it across a restart")
    void scalingConfigThroughPut() throws Exception {
        server.deployJs("gather", GATHERS.replace("GATHER", "1"), "");
        createQueue(server, "jobs", "");
        String uuid = map("jobs", "gather", "").path("uuid").asText();
        assertEquals("{}", server.get("/api/event-source-mappings/" + uuid).json().path("scalingConfig").toString(),
                "no bound of its own");
        TestServer.Reply changed = server.put("/api/event-source-mappings/" + uuid,
                "{\"scalingConfig\":{\"maximumConcurrency\":5}}");
        assertEquals(200, changed.status(), changed.body());
        assertEquals(5, changed.json().path("scalingConfig").path("maximumConcurrency").asInt());
        TestServer.Reply tooLow = server.put("/api/event-source-mappings/" + uuid,
                "{\"scalingConfig\":{\"maximumConcurrency\":1}}");
        assertEquals(400, tooLow.status(), tooLow.body());
        assertTrue(tooLow.json().path("error").path("message").asText().contains("between 2 and 1000"),
                "Lambda's range, said: " + tooLow.body());
        assertEquals(200, server.put("/api/event-source-mappings/" + uuid, "{\"enabled\":false}").status());

        server.close();
        server = new TestServer(data);
        assertEquals(5, server.get("/api/event-source-mappings/" + uuid).json().path("scalingConfig")
                .path("maximumConcurrency").asInt(), "kept in the database; an update that does not name it keeps it");
        TestServer.Reply removed = server.put("/api/event-source-mappings/" + uuid, "{\"scalingConfig\":{}}");
        assertEquals("{}", removed.json().path("scalingConfig").toString(), removed.body());
    }

    @Test
    @DisplayName("over the function's reserved concurrency, has batches throttled: they come back one receive"
            + " nearer the dead-letter queue, and land there unprocessed")
    void throttledBatchesComeBack() {
        server.deployJs("narrow", HOLDS, "\"timeoutSeconds\":30,\"reservedConcurrency\":1");
        createQueue(server, "jobs-dlq", "");
        createQueue(server, "jobs", "{\"visibilityTimeoutSeconds\":1,"
                + "\"redrivePolicy\":{\"deadLetterQueue\":\"jobs-dlq\",\"maxReceiveCount\":1}}");
        backlog("jobs", 3);
        String uuid = map("jobs", "narrow", "").path("uuid").asText();
        Await.until("a batch throttled", PATIENCE,
                () -> server.platform.totals(WorkspaceId.LOCAL, "narrow").throttles() >= 2);
        assertTrue(server.get("/api/event-source-mappings/" + uuid).json().path("lastProcessingResult").asText()
                .contains("throttled"), "the mapping says why");
        TestServer.Reply released = server.put("/api/tables/arrivals/items/release", "{}");
        assertTrue(released.status() / 100 == 2, released.body());

        Await.until("the throttled messages in the dead-letter queue", PATIENCE,
                () -> counts(server, "jobs-dlq").getFirst() == 2);
        awaitEmpty("jobs");
        assertEquals(1, invocations(server, "narrow"), "only the batch that got the one instance ran");
        JsonNode dead = QueueSteps.receive(server, "jobs-dlq", 10);
        assertEquals(2, dead.size(), dead.toString());
    }
}
