package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch inside a function, on a real server: its own workspace's functions, through their HTTP triggers, and nothing else. */
@DisplayName("A function's fetch")
class FetchTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
        // Answers with what its HTTP trigger received.
        server.deployJs("orders", """
                export const handler = async (event) => ({
                  statusCode: 201,
                  headers: { 'content-type': 'application/json', 'x-served-by': 'orders' },
                  cookies: ['seen=1'],
                  body: JSON.stringify({ method: event.requestContext.http.method, path: event.rawPath, query: event.queryStringParameters,
                    test: event.headers['x-test'], body: event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body }),
                });""", "");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static JsonNode invoke(String name) {
        TestServer.Reply reply = server.post("/api/functions/" + name + "/invoke", "{}");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("result");
    }

    @Test
    @DisplayName("calls another function of the workspace at /fn/{name}/…, with its method, query, headers and body, and reads its response")
    void callsAnotherFunction() {
        server.deployJs("front", """
                export const handler = async () => {
                  const response = await fetch('/fn/orders/list?page=2', { method: 'POST', headers: { 'X-Test': 'yes' },
                    body: JSON.stringify({ item: 'tea' }) });
                  return { status: response.status, ok: response.ok, type: response.headers.get('content-type'),
                    servedBy: response.headers.get('x-served-by'), cookies: response.headers.getSetCookie(),
                    json: await response.json(), url: response.url };
                };""", "");
        JsonNode result = invoke("front");
        assertEquals(201, result.path("status").asInt(), result.toString());
        assertTrue(result.path("ok").asBoolean());
        assertEquals("application/json", result.path("type").asText());
        assertEquals("orders", result.path("servedBy").asText());
        assertEquals("[\"seen=1\"]", result.path("cookies").toString());
        assertEquals("{\"method\":\"POST\",\"path\":\"/list\",\"query\":{\"page\":\"2\"},\"test\":\"yes\",\"body\":\"{\\\"item\\\":\\\"tea\\\"}\"}",
                result.path("json").toString());
        assertEquals("http://localhost/fn/orders/list?page=2", result.path("url").asText());
    }

    @Test
    @DisplayName("refuses the network with a message that says what it can reach, and answers 404 for a function that is not there")
    void refusesTheNetwork() {
        server.deployJs("outside", """
                export const handler = async () => {
                  const refused = await fetch('https://example.com/').catch((e) => e.name + ': ' + e.message);
                  const missing = await fetch('http://localhost/fn/nobody');
                  return { refused, missing: missing.status, text: await missing.text() };
                };""", "");
        JsonNode result = invoke("outside");
        assertTrue(result.path("refused").asText().startsWith("TypeError: fetch(\"https://example.com/\") is refused: FaaS Lab functions"
                + " have no network. fetch reaches your workspace's functions through their HTTP triggers, at /fn/{name}/…"), result.toString());
        assertEquals(404, result.path("missing").asInt());
        assertTrue(result.path("text").asText().contains("there is no function named 'nobody'"), result.toString());
    }

    @Test
    @DisplayName("stops a function that fetches itself after 16 calls in one chain, as Lambda stops loops")
    void stopsALoop() {
        server.deployJs("loop", """
                export const handler = async () => {
                  try {
                    const response = await fetch('/fn/loop');
                    const inner = await response.text();
                    return response.ok ? inner + '+1' : 'status ' + response.status + ': ' + inner;
                  } catch (e) {
                    return e.cause.code;
                  }
                };""", "\"timeoutSeconds\":30");
        TestServer.Reply reply = server.get("/fn/loop");
        assertEquals(200, reply.status(), reply.body());
        // The call from outside ran loop, which ran it 16 times more through fetch; the 17th was refused.
        assertEquals("LoopDetected" + "+1".repeat(16), reply.body());
    }
}
