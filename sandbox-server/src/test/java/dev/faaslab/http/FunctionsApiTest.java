package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The REST API")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionsApiTest {

    static final String HELLO = "export const handler = async (event) => ({ greeting: `hello ${event.name ?? 'world'}` });";

    TestServer server;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new TestServer(data);
        server.deployJs("hello", HELLO, "\"environment\":{\"GREETING\":\"hi\"}");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Nested
    @DisplayName("for functions")
    class Functions {

        @Test
        @DisplayName("creates with 201, updates with 200 and a new revision, and keeps fields an update leaves out")
        void createsAndUpdates() {
            TestServer.Reply created = server.put("/api/functions/crud", "{\"runtime\":\"python\",\"code\":\"def lambda_handler(event, context):\\n    return 1\\n\",\"memoryMb\":256}");
            assertEquals(201, created.status(), created.body());
            assertEquals(1, created.json().path("revision").asInt());
            assertEquals("lambda_function.lambda_handler", created.json().path("handler").asText());

            TestServer.Reply updated = server.put("/api/functions/crud", "{\"timeoutSeconds\":10}");
            assertEquals(200, updated.status(), updated.body());
            assertEquals(2, updated.json().path("revision").asInt());
            assertEquals(256, updated.json().path("memoryMb").asInt(), "memory was left out, so it stays");
            assertEquals(10, updated.json().path("timeoutSeconds").asInt());

            JsonNode listed = server.get("/api/functions").json().path("functions");
            assertTrue(listed.findValuesAsText("name").contains("crud"));
            assertFalse(listed.get(0).has("code"), "the list leaves the code out");

            assertEquals(204, server.delete("/api/functions/crud").status());
            assertEquals(404, server.get("/api/functions/crud").status());
            assertEquals(404, server.delete("/api/functions/crud").status());
        }

        @Test
        @DisplayName("shows a function with its code, state, totals and cost")
        void showsAFunction() {
            JsonNode hello = server.get("/api/functions/hello").json();
            assertEquals("nodejs", hello.path("runtime").asText());
            assertEquals(HELLO, hello.path("code").asText());
            assertEquals("hi", hello.path("environment").path("GREETING").asText());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:hello", hello.path("arn").asText());
            assertTrue(hello.path("state").has("inFlight"));
            assertTrue(hello.path("totals").has("coldStarts"));
            assertTrue(hello.path("cost").has("totalUsd"));
        }

        @Test
        @DisplayName("invokes with the result, the REPORT, the logs and the cost")
        void invokes() {
            JsonNode reply = server.post("/api/functions/hello/invoke", "{\"name\":\"Ada\"}").json();
            assertEquals("hello Ada", reply.path("result").path("greeting").asText());
            assertTrue(reply.path("report").path("text").asText().startsWith("REPORT RequestId: "));
            JsonNode logs = reply.path("logs");
            assertTrue(logs.get(0).asText().startsWith("START RequestId: " + reply.path("requestId").asText()));
            assertTrue(logs.get(logs.size() - 1).asText().startsWith("REPORT"));
            assertTrue(reply.path("costUsd").decimalValue().signum() > 0);
        }

        @Test
        @DisplayName("returns a function error with 200, its type and where it happened")
        void functionErrors() {
            server.deployJs("thrower", "export const handler = async () => { throw new TypeError('no way'); };", "");
            TestServer.Reply reply = server.post("/api/functions/thrower/invoke", "{}");
            assertEquals(200, reply.status());
            assertEquals("TypeError", reply.json().path("error").path("errorType").asText());
            assertEquals("no way", reply.json().path("error").path("errorMessage").asText());
        }
    }

    @Nested
    @DisplayName("for versions")
    class Versions {

        @Test
        @DisplayName("publishes immutable numbered versions, invokes each, and republishing unchanged code returns the same version")
        void publishesVersions() {
            server.deployJs("versioned", "export const handler = async () => 'one';", "");
            TestServer.Reply first = server.post("/api/functions/versioned/versions", "{\"description\":\"first\"}");
            assertEquals(201, first.status(), first.body());
            assertEquals("1", first.json().path("version").asText());
            assertEquals("1", server.post("/api/functions/versioned/versions", "").json().path("version").asText(),
                    "nothing changed, so no new version");

            server.deployJs("versioned", "export const handler = async () => 'two';", "");
            assertEquals("2", server.post("/api/functions/versioned/versions", "{}").json().path("version").asText());

            assertEquals("one", server.post("/api/functions/versioned/invoke?version=1", "{}").json().path("result").asText());
            assertEquals("two", server.post("/api/functions/versioned/invoke?version=2", "{}").json().path("result").asText());
            JsonNode latest = server.post("/api/functions/versioned/invoke", "{}").json();
            assertEquals("two", latest.path("result").asText());
            assertEquals("$LATEST", latest.path("version").asText());
            assertEquals(2, server.get("/api/functions/versioned/versions").json().path("versions").size());
            assertTrue(server.get("/api/functions/versioned/versions/1").json().path("code").asText().contains("'one'"));
            assertEquals(404, server.post("/api/functions/versioned/invoke?version=3", "{}").status());
        }
    }

    @Nested
    @DisplayName("for logs and metrics")
    class Watching {

        @Test
        @DisplayName("lets go of a function's instances on DELETE …/instances, so that the next request is a cold start")
        void replacesInstances() {
            server.deployJs("fresh", "export const handler = async () => 1;", "");
            assertTrue(server.post("/api/functions/fresh/invoke", "{}").json().path("cold").asBoolean(), "the first is cold");
            assertFalse(server.post("/api/functions/fresh/invoke", "{}").json().path("cold").asBoolean(), "the second warm");
            assertEquals(1, server.get("/api/functions/fresh/instances").json().path("instances").size());

            TestServer.Reply replaced = server.delete("/api/functions/fresh/instances");
            assertEquals(204, replaced.status(), replaced.body());
            OpenApiTest.assertDescribed(replaced, "delete", "/api/functions/{name}/instances");
            assertEquals(0, server.get("/api/functions/fresh/instances").json().path("instances").size(),
                    "the idle instance left at once");
            assertTrue(server.post("/api/functions/fresh/invoke", "{}").json().path("cold").asBoolean(),
                    "the next request starts a fresh instance");
            assertEquals(404, server.delete("/api/functions/no-such-function/instances").status());
        }

        @Test
        @DisplayName("keeps START, the function's lines, END and REPORT, and counts per second")
        void logsAndMetrics() {
            server.deployJs("chatty", "export const handler = async () => { console.log('tick'); return 1; };", "");
            for (int i = 0; i < 3; i++) {
                server.post("/api/functions/chatty/invoke", "{}");
            }
            JsonNode lines = server.get("/api/functions/chatty/logs?limit=100").json().path("lines");
            assertEquals(12, lines.size(), "4 lines per invocation");
            assertTrue(lines.get(1).path("text").asText().endsWith("INFO\ttick"));
            long last = lines.get(11).path("sequence").asLong();
            assertEquals(0, server.get("/api/functions/chatty/logs?after=" + last).json().path("lines").size());

            JsonNode metrics = server.get("/api/functions/chatty/metrics?seconds=120").json();
            assertEquals(3, metrics.path("totals").path("invocations").asInt());
            assertEquals(1, metrics.path("totals").path("coldStarts").asInt());
            long counted = 0;
            for (JsonNode point : metrics.path("points")) {
                counted += point.path("invocations").asLong();
            }
            assertEquals(3, counted, "the per-second points add up to the total");
        }
    }

    @Nested
    @DisplayName("for progress")
    class Progress {

        @Test
        @DisplayName("stores a JSON document per key")
        void storesProgress() {
            assertEquals(200, server.put("/api/progress/lesson-1", "{\"done\":true}").status());
            assertTrue(server.get("/api/progress").json().path("progress").path("lesson-1").path("done").asBoolean());
        }
    }

    static Stream<Arguments> badInputs() {
        String big = "{\"runtime\":\"nodejs\",\"code\":\"" + "x".repeat(6 * 1024 * 1024 + 1) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "PUT", "/api/functions/bad", "{\"runtime\": nodejs}", 400, "InvalidJson", "line 1, column"),
                Arguments.of("an empty body", "PUT", "/api/functions/bad", "", 400, "BadRequest", "JSON body"),
                Arguments.of("a body that is not an object", "PUT", "/api/functions/bad", "[1]", 400, "BadRequest", "JSON object"),
                Arguments.of("a wrong type", "PUT", "/api/functions/bad", "{\"runtime\":\"nodejs\",\"code\":\"x\",\"memoryMb\":\"lots\"}", 400, "BadRequest", "'memoryMb' must be a whole number"),
                Arguments.of("an unknown field", "PUT", "/api/functions/bad", "{\"runtime\":\"nodejs\",\"code\":\"x\",\"colour\":1}", 400, "BadRequest", "unknown field 'colour'"),
                Arguments.of("an unknown runtime", "PUT", "/api/functions/bad", "{\"runtime\":\"cobol\",\"code\":\"x\"}", 400, "BadRequest", "unknown runtime 'cobol'"),
                Arguments.of("memory out of range", "PUT", "/api/functions/bad", "{\"runtime\":\"nodejs\",\"code\":\"x\",\"memoryMb\":64}", 400, "BadRequest", "memory must be between 128 and 10240"),
                Arguments.of("a missing code field", "PUT", "/api/functions/bad", "{\"runtime\":\"nodejs\"}", 400, "BadRequest", "needs \"code\""),
                Arguments.of("a JavaScript syntax error", "PUT", "/api/functions/bad", "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => {\"}", 400, "SyntaxError", "index.js:1"),
                Arguments.of("a Python syntax error", "PUT", "/api/functions/bad", "{\"runtime\":\"python\",\"code\":\"def lambda_handler(event, context)\\n    return 1\\n\"}", 400, "SyntaxError", "lambda_function.py:1"),
                Arguments.of("an oversize body", "PUT", "/api/functions/bad", big, 413, "PayloadTooLarge", "6 MB"),
                Arguments.of("a bad name", "PUT", "/api/functions/no%20spaces", "{\"runtime\":\"nodejs\",\"code\":\"x\"}", 400, "BadRequest", "must be 1 to 64"),
                Arguments.of("an unknown function", "GET", "/api/functions/nobody", "", 404, "NotFound", "no function named 'nobody'"),
                Arguments.of("invoking an unknown function", "POST", "/api/functions/nobody/invoke", "{}", 404, "NotFound", "nobody"),
                Arguments.of("a malformed event", "POST", "/api/functions/hello/invoke", "{oops", 400, "InvalidJson", "line 1, column"),
                // Found by RestApiBodyFuzzTest: bytes Jackson takes for UTF-32 and cannot decode were a 500.
                Arguments.of("a body that is no Unicode text", "PUT", "/api/functions/bad", "W\0\0\0\0\0\0\0ello", 400, "InvalidJson", "UTF-8"),
                Arguments.of("an event that is no Unicode text", "POST", "/api/functions/hello/invoke", "W\0\0\0\0\0\0\0ello", 400, "InvalidJson", "UTF-8"),
                Arguments.of("an oversize event", "POST", "/api/functions/hello/invoke", "\"" + "x".repeat(6 * 1024 * 1024) + "\"", 413, "PayloadTooLarge", "6 MB"),
                Arguments.of("an outdated revision", "PUT", "/api/functions/hello", "{\"revision\":99}", 409, "Conflict", "revision"),
                Arguments.of("a reservation beyond the workspace", "PUT", "/api/functions/hello", "{\"reservedConcurrency\":1000}", 400, "BadRequest", "more than the workspace can reserve"),
                Arguments.of("a bad query parameter", "GET", "/api/functions/hello/metrics?seconds=abc", "", 400, "BadRequest", "whole number"),
                Arguments.of("an unknown route", "GET", "/api/nothing-here", "", 404, "NotFound", "openapi.json"),
                Arguments.of("a wrong method", "PATCH", "/api/functions/hello", "{}", 405, "MethodNotAllowed", "GET"));
    }

    @ParameterizedTest(name = "{0} gets {4} {5}")
    @MethodSource("badInputs")
    @DisplayName("refuses bad input with the right status and a clear error")
    void refusesBadInput(String what, String method, String path, String body, int status, String code, String says) {
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertEquals(status, reply.status(), what + ": " + reply.body());
        JsonNode error = reply.json().path("error");
        assertEquals(code, error.path("code").asText(), reply.body());
        assertTrue(error.path("message").asText().contains(says), "the message says '" + says + "': " + reply.body());
        if (code.equals("SyntaxError")) {
            assertNotNull(error.get("location"), "a syntax error says where");
            assertTrue(error.path("location").path("line").asInt() >= 1);
        }
    }
}
