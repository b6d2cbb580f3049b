package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.runtime.sdk.Lineage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda's recursive loop detection, over the REST API: a function that writes into the bucket that invokes it
 * is stopped after {@value Lineage#MAX_INVOCATIONS} invocations of one chain, and a filter its output does not
 * match breaks the loop before it starts.
 */
@DisplayName("A function that writes into the bucket that triggers it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecursiveLoopTest {

    /** Copies every uploaded object to a new key of the same bucket: the loop, unless a filter skips the copies. */
    static final String COPIER = """
            import { bucket } from 'faaslab';
            export const handler = async (event) => {
              const record = event.Records[0].s3;
              const key = decodeURIComponent(record.object.key.replace(/\\+/g, ' '));
              await bucket(record.bucket.name).put(key + '.copy', 'a copy of ' + key);
              return key;
            };""";

    TestServer server;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        server = new TestServer(temp.resolve("data"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("runs 16 times for one upload, then the platform drops the next event, counts it and says so in the log")
    void isStoppedAfterSixteenInvocations() {
        server.put("/api/queues/loops", "");
        server.deployJs("looper", COPIER, "\"onFailure\":\"loops\"");
        server.put("/api/buckets/looping", "");
        assertEquals(201, server.post("/api/buckets/looping/subscriptions", "{\"function\":\"looper\"}").status());

        server.put("/api/buckets/looping/objects/photo.jpg", "pixels");

        assertTrue(server.platform.awaitAsyncSettled(WorkspaceId.LOCAL, Duration.ofMinutes(3)),
                "every event of the chain should have finished or been dropped");
        var totals = server.platform.totals(WorkspaceId.LOCAL, "looper");
        assertEquals(Lineage.MAX_INVOCATIONS, totals.invocations(), "one chain runs the function 16 times, no more");
        assertEquals(1, totals.recursiveInvocationsDropped(), "the 17th event is dropped and counted");
        JsonNode metrics = server.get("/api/functions/looper/metrics").json();
        assertEquals(1, metrics.at("/totals/recursiveInvocationsDropped").asInt(), metrics.toString());
        List<LogEntry> log = server.platform.logs(WorkspaceId.LOCAL, "looper", 0, 1000);
        assertTrue(log.stream().anyMatch(line -> line.text().contains("Lambda stopped a recursive loop")
                        && line.text().contains("prefix or suffix")),
                "the function's log says what happened and what to do");
        JsonNode parked = server.post("/api/queues/loops/receive", "{\"maxMessages\":10}").json();
        assertEquals(1, parked.path("messages").size(), parked.toString());
        assertTrue(parked.at("/messages/0/body").asText().contains("\"condition\":\"RecursiveInvocationException\""),
                "the dropped event goes to the on-failure destination, as on Lambda: " + parked);
        assertEquals(17, server.get("/api/buckets/looping/objects").json().path("objects").size(),
                "the upload and the 16 copies the invocations wrote");
    }

    @Test
    @DisplayName("runs once per upload when its subscription's suffix does not match what it writes")
    void runsOnceWithAFilter() {
        server.deployJs("filtered", COPIER, "");
        server.put("/api/buckets/filtered-uploads", "");
        assertEquals(201, server.post("/api/buckets/filtered-uploads/subscriptions",
                "{\"function\":\"filtered\",\"suffix\":\".jpg\"}").status());

        server.put("/api/buckets/filtered-uploads/objects/one.jpg", "pixels");
        server.put("/api/buckets/filtered-uploads/objects/two.jpg", "pixels");

        assertTrue(server.platform.awaitAsyncSettled(WorkspaceId.LOCAL, Duration.ofMinutes(1)));
        var totals = server.platform.totals(WorkspaceId.LOCAL, "filtered");
        assertEquals(2, totals.invocations(), "one invocation per upload: the .copy objects fire nothing");
        assertEquals(0, totals.recursiveInvocationsDropped());
    }
}
