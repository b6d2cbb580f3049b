package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faaslab module against the server's real table and bucket services, as ./faaslab start wires them. */
@DisplayName("Functions on the server reach its real services through the faaslab module")
class SdkServicesTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
        assertEquals(201, server.put("/api/tables/visits", "{\"partitionKey\":\"page\"}").status());
        assertEquals(201, server.put("/api/buckets/notes", "").status());
        assertEquals(201, server.put("/api/queues/jobs", "").status());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String invoke(String name, String event) {
        TestServer.Reply reply = server.post("/api/functions/" + name + "/invoke", event);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().has("result"), reply.body());
        return reply.json().path("result").toString();
    }

    @Test
    @DisplayName("JavaScript counts visits in a table and writes a note to a bucket; Python reads both")
    void bothLanguages() {
        server.deployJs("counter", """
                import { table, bucket } from 'faaslab';
                export const handler = async () => {
                  const { value } = await table('visits').increment({ page: 'home' }, 'count', 1);
                  await bucket('notes').put('last.txt', 'visit ' + value, { contentType: 'text/plain' });
                  return value;
                };""", "\"timeoutSeconds\":60");
        deployPython("reader", """
                import faaslab
                from faaslab import table, bucket

                def lambda_handler(event, context):
                    try:
                        table('visits').put({'page': 'home'}, if_absent=True)
                    except faaslab.ConditionalCheckFailedException as e:
                        refused = type(e).__name__
                    got = table('visits').get({'page': 'home'})
                    return {'count': got['item']['count'], 'note': bucket('notes').get('last.txt')['body'], 'refused': refused}
                """);
        assertEquals("1", invoke("counter", "{}"));
        assertEquals("2", invoke("counter", "{}"));
        assertEquals("{\"count\":2,\"note\":\"visit 2\",\"refused\":\"ConditionalCheckFailedException\"}", invoke("reader", "{}"));
        TestServer.Reply logs = server.get("/api/functions/counter/logs?limit=100");
        assertTrue(logs.body().contains("SDK table.increment visits"), logs.body());
        assertTrue(logs.body().contains("SDK bucket.put notes"), logs.body());
        assertEquals(4, server.get("/api/functions/counter").json().path("totals").path("sdkCalls").asInt());
    }

    @Test
    @DisplayName("20 instances incrementing one counter 50 times each leave it at exactly 1,000")
    void concurrentIncrementsLoseNothing() {
        assertEquals(201, server.put("/api/tables/counters", "{\"partitionKey\":\"id\"}").status());
        // Each invocation first waits until all twenty are running (counted in the table itself), so the
        // twenty are concurrent, each on its own instance, and their increments interleave.
        server.deployJs("incrementer", """
                import { table } from 'faaslab';
                const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
                export const handler = async () => {
                  const counters = table('counters');
                  await counters.increment({ id: 'arrived' }, 'n', 1);
                  while ((await counters.get({ id: 'arrived' })).item.n < 20) await sleep(5);
                  for (let i = 0; i < 50; i++) await counters.increment({ id: 'hits' }, 'n', 1);
                  return 'done';
                };""", "\"timeoutSeconds\":120");
        List<CompletableFuture<TestServer.Reply>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(server.sendAsync(HttpRequest.newBuilder(server.uri("/api/functions/incrementer/invoke"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
        }
        Set<String> instances = new HashSet<>();
        for (CompletableFuture<TestServer.Reply> reply : pending) {
            TestServer.Reply done = reply.join();
            assertEquals(200, done.status(), done.body());
            assertEquals("\"done\"", done.json().path("result").toString(), done.body());
            instances.add(done.json().path("instanceId").asText());
        }
        assertEquals(20, instances.size(), "twenty instances ran at once");
        TestServer.Reply hits = server.get("/api/tables/counters/items/hits");
        assertEquals(200, hits.status(), hits.body());
        assertEquals(1000, hits.json().path("item").path("n").asInt(), "no increment lost: " + hits.body());
    }

    @Test
    @DisplayName("a missing table is the service's ResourceNotFoundException, catchable by name")
    void missingTable() {
        server.deployJs("lost", """
                const { table } = require('faaslab');
                exports.handler = async () => {
                  try { await table('nowhere').get({ id: 1 }); } catch (e) { return e.name; }
                };""", "\"timeoutSeconds\":60");
        assertEquals("\"ResourceNotFoundException\"", invoke("lost", "{}"));
    }

    @Test
    @DisplayName("both languages send to a queue, one message and a batch, objects as JSON")
    void queues() {
        server.deployJs("producer", """
                import { queue } from 'faaslab';
                export const handler = async () => {
                  await queue('jobs').send({ job: 'js' });
                  return (await queue('jobs').sendBatch(['a', { id: 'b', body: { n: 2 } }])) !== undefined;
                };""", "\"timeoutSeconds\":60");
        deployPython("py-producer", """
                from faaslab import queue

                def lambda_handler(event, context):
                    queue('jobs').send({'job': 'py'}, delay_seconds=0)
                    queue('jobs').send_batch(['c'])
                    return True
                """);
        assertEquals("true", invoke("producer", "{}"));
        assertEquals("true", invoke("py-producer", "{}"));
        TestServer.Reply received = server.post("/api/queues/jobs/receive", "{\"maxMessages\":10}");
        assertEquals(200, received.status(), received.body());
        String bodies = received.body();
        for (String expected : new String[] {"{\\\"job\\\":\\\"js\\\"}", "\"a\"", "{\\\"n\\\":2}", "{\\\"job\\\": \\\"py\\\"}"}) {
            assertTrue(bodies.contains(expected), expected + " in " + bodies);
        }
    }

    static void deployPython(String name, String code) {
        try {
            server.deploy(name, "{\"runtime\":\"python\",\"code\":" + TestServer.JSON.writeValueAsString(code)
                    + ",\"timeoutSeconds\":60}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
