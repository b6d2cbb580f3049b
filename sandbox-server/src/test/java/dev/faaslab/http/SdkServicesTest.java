package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
