package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.platform.PlatformLimits;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A function in Cloudflare Workers' style")
class WorkersTest {

    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(data, PlatformLimits.DEFAULT, (Path) null);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /**
     * A Worker with a 30 s timeout: the first request of a test JVM loads and compiles the Fetch standard's classes and
     * whatwg-url, which on a loaded 2-core machine took seconds; what is tested is what the Worker answers.
     */
    JsonNode deployWorker(String name, String code) {
        return WorkerSteps.deploy(server, name, code, null);
    }

    @Test
    void runsCloudflaresHelloWorldUnchanged() {
        // Cloudflare's "Hello World" Worker (developers.cloudflare.com/workers/get-started/guide/), as written there
        JsonNode deployed = deployWorker("hello", """
                export default {
                  async fetch(request, env, ctx) {
                    return new Response("Hello World!");
                  },
                };
                """);
        assertEquals("cloudflare-workers", deployed.path("style").asText());
        assertEquals("index.default", deployed.path("handler").asText());
        TestServer.Reply reply = server.get("/fn/hello/");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("Hello World!", reply.body());
        assertEquals("text/plain;charset=UTF-8", reply.response().headers().firstValue("content-type").orElse(""));
    }

    @Test
    void seesTheRequestAsTheWebsFetchStandardHasIt() {
        deployWorker("echo", """
                export default {
                  async fetch(request, env, ctx) {
                    const url = new URL(request.url);
                    return Response.json({ method: request.method, path: url.pathname, q: url.searchParams.get('q'),
                      type: request.headers.get('content-type'), body: await request.text() }, { status: 201,
                      headers: { 'x-worker': 'yes' } });
                  },
                };
                """);
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri("/fn/echo/a/b?q=1"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi there")).build());
        assertEquals(201, reply.status(), reply.body());
        assertEquals("yes", reply.response().headers().firstValue("x-worker").orElse(""));
        JsonNode seen = TestServer.json(reply.body());
        assertEquals("POST", seen.path("method").asText());
        assertEquals("/fn/echo/a/b", seen.path("path").asText());
        assertEquals("1", seen.path("q").asText());
        assertEquals("text/plain", seen.path("type").asText());
        assertEquals("hi there", seen.path("body").asText());
    }

    @Test
    void aThrownErrorIsCloudflaresErrorPage1101() {
        deployWorker("thrower", "export default { async fetch() { throw new Error('boom'); } };");
        TestServer.Reply reply = server.get("/fn/thrower/");
        assertEquals(500, reply.status());
        assertTrue(reply.body().contains("Error 1101") && reply.body().contains("Worker threw exception"), reply.body());
    }

    @Test
    void aFileWithoutADefaultExportIsRefusedAtDeployNamingTheStyleAndWhatItLookedFor() {
        TestServer.Reply reply = server.put("/api/functions/nothing", "{\"runtime\":\"nodejs\",\"style\":"
                + "\"cloudflare-workers\",\"code\":\"export const handler = async () => 1;\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("Cloudflare Workers") && reply.body().contains("default export"), reply.body());
    }

    @Test
    void workersCodeDeployedInLambdasStyleIsToldWhichStyleRunsIt() {
        server.deployJs("lambda-by-mistake", "export default { async fetch(request) { return new Response('hi'); } };", "");
        TestServer.Reply reply = server.post("/api/functions/lambda-by-mistake/invoke", "{}");
        JsonNode error = TestServer.json(reply.body()).path("error");
        assertEquals("Runtime.HandlerNotFound", error.path("errorType").asText(), reply.body());
        assertTrue(error.path("hint").asText().contains("style to cloudflare-workers"), reply.body());
    }

    @Test
    void bindingsAreRefusedInEveryStyleButWorkers() {
        for (String style : java.util.List.of("aws-lambda", "netlify", "gcp-functions", "azure-functions")) {
            TestServer.Reply reply = server.put("/api/functions/bound", "{\"runtime\":\"nodejs\",\"style\":\"" + style
                    + "\",\"bindings\":{\"CACHE\":\"table:cache\"},\"code\":\"export default async () => new Response('x');\"}");
            assertEquals(400, reply.status(), style + ": " + reply.body());
            assertTrue(reply.body().contains("bindings are Cloudflare Workers'"), style + ": " + reply.body());
        }
    }

    @Test
    void anUnknownStyleIsRefusedNamingTheKnownOnes() {
        TestServer.Reply reply = server.put("/api/functions/odd", "{\"runtime\":\"nodejs\",\"style\":\"heroku\","
                + "\"code\":\"export const handler = async () => 1;\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("heroku") && reply.body().contains("cloudflare-workers"), reply.body());
    }
}
