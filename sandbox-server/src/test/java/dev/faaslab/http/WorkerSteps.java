package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The steps the Workers tests share: deploying a Worker, with its bindings, over real HTTP. */
final class WorkerSteps {

    private WorkerSteps() {
    }

    /**
     * A JavaScript Worker; {@code bindings} is JSON ({@code {"CACHE":"table:cache"}}) or null for none. Its timeout is
     * 30 s: a cold start on a loaded test machine can take more than the default 3 s.
     */
    static JsonNode deploy(TestServer server, String name, String code, String bindings) {
        return deploy(server, "nodejs", name, code, bindings);
    }

    /** A Python Worker. */
    static JsonNode deployPython(TestServer server, String name, String code, String bindings) {
        return deploy(server, "python", name, code, bindings);
    }

    private static JsonNode deploy(TestServer server, String runtime, String name, String code, String bindings) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("runtime", runtime).put("style", "cloudflare-workers")
                .put("code", code).put("timeoutSeconds", 30);
        if (bindings != null) {
            body.set("bindings", TestServer.json(bindings));
        }
        return server.deploy(name, body.toString());
    }

    /** Creates a table as the REST API does; {@code keys} is its JSON ({@code {"partitionKey":"key"}}). */
    static void table(TestServer server, String name, String keys) {
        TestServer.Reply reply = server.put("/api/tables/" + name, keys);
        if (reply.status() != 201) {
            throw new AssertionError("creating the table " + name + " gave " + reply.status() + ": " + reply.body());
        }
    }

    /** The reply, when it is a 200; else the test fails showing the function's log. */
    static TestServer.Reply ok(TestServer server, String function, TestServer.Reply reply) {
        org.junit.jupiter.api.Assertions.assertEquals(200, reply.status(), () -> reply.body() + "\n"
                + server.get("/api/functions/" + function + "/logs?limit=50").body());
        return reply;
    }
}
