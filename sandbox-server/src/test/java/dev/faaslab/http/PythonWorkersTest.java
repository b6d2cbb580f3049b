package dev.faaslab.http;

import static dev.faaslab.http.WorkerSteps.deployPython;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A Python Worker")
class PythonWorkersTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static TestServer.Reply ok(String function, TestServer.Reply reply) {
        return WorkerSteps.ok(server, function, reply);
    }

    @Test
    @DisplayName("runs Cloudflare's Python Hello World unchanged, the current WorkerEntrypoint form")
    void entrypointHelloWorld() {
        // Cloudflare's Python Workers example (developers.cloudflare.com/workers/languages/python/), as written there
        JsonNode deployed = deployPython(server, "py-hello", """
                from workers import WorkerEntrypoint, Response

                class Default(WorkerEntrypoint):
                    async def fetch(self, request):
                        return Response("Hello world!")
                """, null);
        assertEquals("entry.Default", deployed.path("handler").asText());
        TestServer.Reply reply = ok("py-hello", server.get("/fn/py-hello/"));
        assertEquals("Hello world!", reply.body());
        assertEquals("text/plain;charset=UTF-8", reply.header("content-type"));
    }

    @Test
    @DisplayName("runs the older on_fetch form of Cloudflare's Python Hello World unchanged")
    void onFetchHelloWorld() {
        // The earlier form of the same example (developers.cloudflare.com/workers/languages/python/, before WorkerEntrypoint)
        deployPython(server, "py-old", """
                from workers import Response

                async def on_fetch(request, env):
                    return Response("Hello world!")
                """, null);
        assertEquals("Hello world!", ok("py-old", server.get("/fn/py-old/")).body());
    }

    @Test
    @DisplayName("sees the request, its variables and a KV binding, and answers JSON with a status and headers")
    void requestEnvAndKv() {
        WorkerSteps.table(server, "pycache", "{\"partitionKey\":\"key\"}");
        deployEcho("py-echo");
        TestServer.Reply reply = ok("py-echo", server.send(HttpRequest.newBuilder(server.uri("/fn/py-echo/a?q=1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\":2}")).build()));
        assertEquals("yes", reply.header("x-worker"));
        JsonNode seen = reply.json();
        assertEquals("POST", seen.path("method").asText());
        assertTrue(seen.path("url").asText().endsWith("/fn/py-echo/a?q=1"), seen.toString());
        assertEquals("application/json", seen.path("type").asText());
        assertEquals(2, seen.path("n").asInt());
        assertEquals("blue", seen.path("color").asText());
        assertEquals("stored", seen.path("kv").asText());
        assertEquals("stored", server.get("/api/tables/pycache/items/k").json().path("item").path("value").asText(),
                "the same item the JavaScript binding writes");
    }

    /** The echo Worker, with a variable and a KV binding. */
    static void deployEcho(String name) {
        {
            String code = """
                    from workers import WorkerEntrypoint, Response

                    class Default(WorkerEntrypoint):
                        async def fetch(self, request):
                            body = await request.json()
                            await self.env.CACHE.put("k", "stored")
                            return Response.json({"method": request.method, "url": request.url,
                                                  "type": request.headers.get("Content-Type"), "n": body["n"],
                                                  "color": self.env.COLOR, "kv": await self.env.CACHE.get("k")},
                                                 status=200, headers={"x-worker": "yes"})
                    """;
            com.fasterxml.jackson.databind.node.ObjectNode body = TestServer.JSON.createObjectNode().put("runtime", "python")
                    .put("style", "cloudflare-workers").put("code", code).put("timeoutSeconds", 30);
            body.putObject("environment").put("COLOR", "blue");
            body.putObject("bindings").put("CACHE", "table:pycache");
            server.deploy(name, body.toString());
        }
    }

    @Test
    @DisplayName("answers Cloudflare's error page 1101 when the handler raises")
    void raises() {
        deployPython(server, "py-raise", """
                from workers import WorkerEntrypoint

                class Default(WorkerEntrypoint):
                    async def fetch(self, request):
                        raise ValueError("boom")
                """, null);
        TestServer.Reply reply = server.get("/fn/py-raise/");
        assertEquals(500, reply.status());
        assertTrue(reply.body().contains("Error 1101"), reply.body());
        assertTrue(server.get("/api/functions/py-raise/logs?limit=20").body().contains("boom"));
    }
}
