package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Quota;
import dev.faaslab.platform.Throttle;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.stream.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The OpenAPI document")
class OpenApiTest {

    static final JsonNode DOCUMENT = readResource();

    /**
     * A route whose method is {@code *} takes any method; the document lists it under every method an
     * OpenAPI path item can name.
     */
    static final List<String> OPENAPI_METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** The route table writes a rest-of-path parameter {@code {path...}}; OpenAPI has no such form. */
    static final String REST_OF_PATH = "...}";

    static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}]+)}");

    static final SchemaChecker CHECKER = new SchemaChecker(DOCUMENT);

    static final String ADDS = """
            export const handler = async (event) => {
              console.log('adding');
              return { sum: event.a + event.b };
            };""";
    static final String THROWS = "export const handler = async () => { throw new TypeError('not today'); };";

    // One server for every test: each starts an H2 database and Jetty, and these tests only read, or deploy
    // functions under names of their own.
    @TempDir
    static Path data;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Nested
    @DisplayName("matches the server's route table")
    class RouteTable {

        @Test
        @DisplayName("documents an operation for every route the server answers")
        void documentsEveryRoute() {
            Set<String> missing = new TreeSet<>(routedOperations());
            missing.removeAll(documentedOperations());
            assertTrue(missing.isEmpty(), "every route in WebServer.routes(…) has an operation in openapi.json;"
                    + " these have none: " + missing);
        }

        @Test
        @DisplayName("documents no operation the server does not answer")
        void documentsNothingElse() {
            Set<String> extra = new TreeSet<>(documentedOperations());
            extra.removeAll(routedOperations());
            assertTrue(extra.isEmpty(), "every operation in openapi.json is a route in WebServer.routes(…);"
                    + " these are not: " + extra);
        }

        @Test
        @DisplayName("declares each path's parameters, as required path parameters, and no others")
        void declaresPathParameters() {
            forEachOperation((path, method, operation) -> {
                Set<String> inTemplate = new TreeSet<>();
                Matcher matcher = TEMPLATE_PARAMETER.matcher(path);
                while (matcher.find()) {
                    inTemplate.add(matcher.group(1));
                }
                Set<String> declared = new TreeSet<>();
                for (JsonNode parameter : parameters(path, operation)) {
                    if (parameter.path("in").asText().equals("path")) {
                        declared.add(parameter.path("name").asText());
                        assertTrue(parameter.path("required").asBoolean(), method + " " + path + " declares the path"
                                + " parameter " + parameter.path("name") + " required, as OpenAPI demands");
                    }
                }
                assertEquals(inTemplate, declared,
                        method + " " + path + " declares the path parameters of its template");
            });
        }
    }

    @Nested
    @DisplayName("holds together")
    class Structure {

        @Test
        @DisplayName("is served at /api/openapi.json as its parts joined")
        void isServedAsJoined() {
            TestServer.Reply reply = server.get("/api/openapi.json");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("application/json", reply.header("Content-Type"), "the document is served as JSON");
            assertEquals(DOCUMENT, reply.json(), "GET /api/openapi.json answers the parts joined");
        }

        @Test
        @DisplayName("is OpenAPI 3.1 with a title and a version")
        void isOpenApi31() {
            assertEquals("3.1.0", DOCUMENT.path("openapi").asText(), "the document declares OpenAPI 3.1.0");
            assertFalse(DOCUMENT.path("info").path("title").asText().isEmpty(), "info.title is set");
            assertFalse(DOCUMENT.path("info").path("version").asText().isEmpty(), "info.version is set");
        }

        @Test
        @DisplayName("resolves every $ref inside itself")
        void resolvesEveryRef() {
            List<String> broken = new ArrayList<>();
            walk(DOCUMENT, "", (where, node) -> {
                JsonNode ref = node.get("$ref");
                if (ref != null && (!ref.asText().startsWith("#/")
                        || DOCUMENT.at(ref.asText().substring(1)).isMissingNode())) {
                    broken.add(where + " → " + ref.asText());
                }
            });
            assertTrue(broken.isEmpty(), "every $ref points to a part of the document; these do not: " + broken);
        }

        @Test
        @DisplayName("gives every operation a unique operationId, a summary and at least one response")
        void identifiesEveryOperation() {
            Map<String, String> owners = new HashMap<>();
            forEachOperation((path, method, operation) -> {
                String id = operation.path("operationId").asText();
                assertFalse(id.isEmpty(), method + " " + path + " has an operationId");
                String earlier = owners.put(id, method + " " + path);
                assertNull(earlier, "the operationId " + id + " of " + method + " " + path + " is unique");
                assertFalse(operation.path("summary").asText().isEmpty(), method + " " + path + " has a summary");
                assertTrue(operation.path("responses").size() > 0, method + " " + path + " documents a response");
            });
        }

        @Test
        @DisplayName("answers every 4xx and 5xx of the REST API and the HTTP trigger with the Error schema")
        void sharesOneErrorShape() {
            forEachOperation((path, method, operation) -> {
                if (path.startsWith("/2015-03-31/")) {
                    return;
                }
                operation.path("responses").properties().forEach(entry -> {
                    if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                        JsonNode schema = resolve(entry.getValue()).path("content").path("application/json")
                                .path("schema");
                        assertTrue(refersTo(schema, "#/components/schemas/Error"), method + " " + path + " answers "
                                + entry.getKey() + " with the shared Error schema (alone or as one of oneOf)");
                    }
                });
            });
        }

        @Test
        @DisplayName("answers every error of the Lambda Invoke API as Lambda does, with X-Amzn-ErrorType")
        void answersLambdaErrorsAsLambda() {
            JsonNode responses = operation("post", "/2015-03-31/functions/{name}/invocations").path("responses");
            responses.properties().forEach(entry -> {
                if (entry.getKey().startsWith("4")) {
                    JsonNode response = resolve(entry.getValue());
                    assertTrue(response.path("headers").path("X-Amzn-ErrorType").path("required").asBoolean(),
                            "the Invoke API's " + entry.getKey() + " has the X-Amzn-ErrorType header");
                    assertTrue(refersTo(response.path("content").path("application/json").path("schema"),
                            "#/components/schemas/LambdaError"), "the Invoke API's " + entry.getKey()
                            + " has the LambdaError body");
                }
            });
        }
    }

    @Nested
    @DisplayName("agrees with the code on")
    class Vocabulary {

        @Test
        @DisplayName("the fields of the PUT function body, none other allowed")
        void functionRequestFields() {
            JsonNode body = schema("FunctionRequest");
            assertEquals(new TreeSet<>(FunctionRequest.FIELDS), fieldNames(body.path("properties")),
                    "FunctionRequest lists exactly the fields FunctionRequest.FIELDS accepts");
            assertFalse(body.path("additionalProperties").asBoolean(true), "FunctionRequest refuses unknown fields");
            assertTrue(refersTo(operation("put", "/api/functions/{name}").path("requestBody").path("content")
                    .path("application/json").path("schema"), "#/components/schemas/FunctionRequest"),
                    "PUT /api/functions/{name} takes a FunctionRequest");
        }

        @Test
        @DisplayName("the fields of the queue and trigger bodies, none other allowed")
        void queueRequestFields() {
            Map<String, Set<String>> bodies = Map.of("QueueRequest", QueuesApi.QUEUE_FIELDS,
                    "SendMessageRequest", QueuesApi.SEND_FIELDS, "SendBatchRequest", QueuesApi.BATCH_FIELDS,
                    "ReceiveRequest", QueuesApi.RECEIVE_FIELDS, "EventSourceMappingRequest", EventSourceMappingsApi.MAPPING_FIELDS,
                    "EventSourceMappingUpdate", EventSourceMappingsApi.MAPPING_UPDATE_FIELDS);
            bodies.forEach((name, fields) -> {
                assertEquals(new TreeSet<>(fields), fieldNames(schema(name).path("properties")),
                        name + " lists exactly the fields QueuesApi accepts");
                assertFalse(schema(name).path("additionalProperties").asBoolean(true), name + " refuses unknown fields");
            });
        }

        @Test
        @DisplayName("the limits of a function's settings")
        void functionLimits() {
            JsonNode fields = schema("FunctionRequest").path("properties");
            assertRange(fields.path("memoryMb"), FunctionConfig.MIN_MEMORY_MB, FunctionConfig.MAX_MEMORY_MB,
                    "memoryMb");
            assertRange(fields.path("timeoutSeconds"), 1, FunctionConfig.MAX_TIMEOUT.toSeconds(), "timeoutSeconds");
            assertRange(fields.path("keepAliveSeconds"), FunctionSpec.MIN_KEEP_ALIVE.toSeconds(),
                    FunctionSpec.MAX_KEEP_ALIVE.toSeconds(), "keepAliveSeconds");
            assertRange(fields.path("provisionedConcurrency"), 0, FunctionSpec.MAX_PROVISIONED,
                    "provisionedConcurrency");
            assertEquals(FunctionConfig.DEFAULT_MEMORY_MB, fields.path("memoryMb").path("default").asInt(),
                    "memoryMb's default is FunctionConfig.DEFAULT_MEMORY_MB");
            assertEquals(FunctionConfig.DEFAULT_TIMEOUT.toSeconds(),
                    fields.path("timeoutSeconds").path("default").asLong(),
                    "timeoutSeconds' default is FunctionConfig.DEFAULT_TIMEOUT");
            assertEquals(FunctionSpec.DEFAULT_KEEP_ALIVE.toSeconds(),
                    fields.path("keepAliveSeconds").path("default").asLong(),
                    "keepAliveSeconds' default is FunctionSpec.DEFAULT_KEEP_ALIVE");
            assertRange(resolve(DOCUMENT.at("/components/parameters/Seconds")).path("schema"), 1,
                    FunctionMetrics.RETAINED_SECONDS, "the metrics' seconds");
        }

        @Test
        @DisplayName("the runtimes, error kinds, throttle reasons, quotas and runtime modes")
        void enumerations() {
            assertEquals(names(Arrays.stream(Quota.values()).map(Quota::field)), enumOf(schema("Quota")),
                    "Quota lists every Quota by its field");
            assertEquals(names(Arrays.stream(Quota.values()).map(Quota::field)),
                    fieldNames(schema("Account").path("properties").path("quotas").path("properties")),
                    "Account.quotas has a field for every Quota");
            assertEquals(names(Arrays.stream(Language.values()).map(Language::runtimeName)),
                    enumOf(schema("Runtime")), "Runtime lists every Language's runtime name");
            assertEquals(names(Arrays.stream(ErrorKind.values()).map(ErrorKind::name)),
                    enumOf(schema("FunctionError").path("properties").path("kind")),
                    "FunctionError.kind lists every ErrorKind");
            assertEquals(names(Arrays.stream(Throttle.Reason.values()).map(Throttle.Reason::name)),
                    enumOf(schema("ThrottleReason")), "ThrottleReason lists every Throttle.Reason");
            assertEquals(names(Stream.concat(Arrays.stream(RuntimeMode.values()).map(RuntimeMode::label),
                            Stream.of("starting"))),
                    enumOf(schema("Health").path("properties").path("runtimeMode")),
                    "Health.runtimeMode lists every RuntimeMode, and starting");
            assertEquals(names(Arrays.stream(Language.values()).map(Language::runtimeName)),
                    fieldNames(schema("Health").path("properties").path("engines").path("properties")),
                    "Health.engines has a field for every Language");
        }

        @Test
        @DisplayName("the fields of the table stream and stream trigger bodies, none other allowed")
        void streamRequestFields() {
            Map<String, Set<String>> bodies = Map.of("TableStreamRequest", StreamsApi.STREAM_FIELDS,
                    "StreamMappingRequest", StreamsApi.MAPPING_FIELDS);
            bodies.forEach((name, fields) -> {
                assertEquals(new TreeSet<>(fields), fieldNames(schema(name).path("properties")),
                        name + " lists exactly the fields StreamsApi accepts");
                assertFalse(schema(name).path("additionalProperties").asBoolean(true), name + " refuses unknown fields");
            });
        }

        @Test
        @DisplayName("the names of the live stream's events")
        void streamEventNames() throws ReflectiveOperationException {
            Set<String> sent = new TreeSet<>();
            for (Class<?> kind : StreamEvent.class.getPermittedSubclasses()) {
                sent.add(instanceOf(kind).type());
            }
            sent.add("ready"); // EventStreamApi writes it itself, first, when a stream opens
            assertEquals(sent, fieldNames(streamResponse().path("x-events")),
                    "GET /api/events documents, in x-events, a data schema for each event the stream sends");
        }
    }

    @Nested
    @DisplayName("describes what the server really answers")
    class RealResponses {

        @Test
        @DisplayName("for /health")
        void health() {
            assertDescribed(server.get("/health"), "get", "/health");
        }

        @Test
        @DisplayName("for creating, updating, reading and listing a function")
        void functions() {
            TestServer.Reply created = server.put("/api/functions/described-crud",
                    "{\"runtime\":\"nodejs\",\"code\":" + quoted(ADDS) + ",\"environment\":{\"GREETING\":\"hi\"}}");
            assertEquals(201, created.status(), created.body());
            assertDescribed(created, "put", "/api/functions/{name}");
            TestServer.Reply updated = server.put("/api/functions/described-crud",
                    "{\"memoryMb\":256,\"reservedConcurrency\":2,\"provisionedConcurrency\":0,\"revision\":1}");
            assertEquals(200, updated.status(), updated.body());
            assertDescribed(updated, "put", "/api/functions/{name}");

            assertDescribed(server.get("/api/functions/described-crud"), "get", "/api/functions/{name}");
            assertDescribed(server.get("/api/functions/described-crud/configuration"), "get",
                    "/api/functions/{name}/configuration");
            assertDescribed(server.get("/api/functions"), "get", "/api/functions");
            TestServer.Reply deleted = server.delete("/api/functions/described-crud");
            assertEquals(204, deleted.status(), deleted.body());
            assertDescribed(deleted, "delete", "/api/functions/{name}");
        }

        @Test
        @DisplayName("for invocations that succeed and that fail, and what they leave to watch")
        void invocations() {
            deploy("described-adds", ADDS);
            deploy("described-throws", THROWS);
            TestServer.Reply succeeded = server.post("/api/functions/described-adds/invoke", "{\"a\":1,\"b\":2}");
            assertEquals(3, succeeded.json().path("result").path("sum").asInt(), succeeded.body());
            assertDescribed(succeeded, "post", "/api/functions/{name}/invoke");
            TestServer.Reply failed = server.post("/api/functions/described-throws/invoke", "{}");
            assertEquals("TypeError", failed.json().path("error").path("errorType").asText(), failed.body());
            assertDescribed(failed, "post", "/api/functions/{name}/invoke");

            assertDescribed(server.get("/api/functions/described-adds/instances"), "get",
                    "/api/functions/{name}/instances");
            assertDescribed(server.get("/api/functions/described-adds/metrics?seconds=5"), "get",
                    "/api/functions/{name}/metrics");
            TestServer.Reply logs = server.get("/api/functions/described-adds/logs?limit=3");
            assertEquals(3, logs.json().path("lines").size(), logs.body());
            assertDescribed(logs, "get", "/api/functions/{name}/logs");
            assertDescribed(server.get("/api/billing"), "get", "/api/billing");
        }

        @Test
        @DisplayName("for publishing and reading versions")
        void versions() {
            deploy("described-versions", ADDS);
            TestServer.Reply published = server.post("/api/functions/described-versions/versions",
                    "{\"description\":\"the first\"}");
            assertEquals(201, published.status(), published.body());
            assertDescribed(published, "post", "/api/functions/{name}/versions");
            assertDescribed(server.get("/api/functions/described-versions/versions"), "get",
                    "/api/functions/{name}/versions");
            String number = published.json().path("version").asText();
            assertDescribed(server.get("/api/functions/described-versions/versions/" + number), "get",
                    "/api/functions/{name}/versions/{version}");
        }

        @Test
        @DisplayName("for creating, updating, reading, listing and deleting a schedule, and refusing a bad one")
        void schedules() {
            deploy("described-scheduled", ADDS);
            TestServer.Reply created = server.put("/api/schedules/described-tick",
                    "{\"expression\":\"rate(5 seconds)\",\"function\":\"described-scheduled\",\"input\":{\"a\":1,\"b\":2}}");
            assertEquals(201, created.status(), created.body());
            assertDescribed(created, "put", "/api/schedules/{name}");
            TestServer.Reply updated = server.put("/api/schedules/described-tick", "{\"expression\":\"cron(0 12 * * ? *)\",\"enabled\":false}");
            assertEquals(200, updated.status(), updated.body());
            assertDescribed(updated, "put", "/api/schedules/{name}");
            assertDescribed(server.get("/api/schedules/described-tick"), "get", "/api/schedules/{name}");
            assertDescribed(server.get("/api/schedules"), "get", "/api/schedules");
            TestServer.Reply refused = server.put("/api/schedules/described-bad", "{\"expression\":\"cron(0 12 * * * *)\",\"function\":\"described-scheduled\"}");
            assertEquals(400, refused.status(), refused.body());
            assertDescribed(refused, "put", "/api/schedules/{name}");
            assertDescribed(server.get("/api/schedules/described-nowhere"), "get", "/api/schedules/{name}");
            TestServer.Reply deleted = server.delete("/api/schedules/described-tick");
            assertEquals(204, deleted.status(), deleted.body());
            assertDescribed(deleted, "delete", "/api/schedules/{name}");
        }

        @Test
        @DisplayName("for billing settings, progress and the account")
        void billingAndProgress() {
            TestServer.Reply billing = server.get("/api/billing");
            TestServer.Reply settings = server.put("/api/billing", billing.json().path("settings").toString());
            assertEquals(200, settings.status(), settings.body());
            assertDescribed(settings, "put", "/api/billing");
            assertDescribed(server.put("/api/progress/lesson-1.described", "{\"done\":true}"), "put",
                    "/api/progress/{key}");
            assertDescribed(server.get("/api/progress"), "get", "/api/progress");
            assertDescribed(server.get("/api/account"), "get", "/api/account");
        }

        @Test
        @DisplayName("for refusals: a syntax error, an unknown function, a bad parameter, a throttle, a quota")
        void refusals() {
            TestServer.Reply overQuota = server.put("/api/functions/described-large",
                    "{\"runtime\":\"nodejs\",\"code\":" + quoted("x".repeat(1024 * 1024 + 1)) + "}");
            assertEquals(413, overQuota.status());
            assertEquals("codeBytesPerFunction", overQuota.json().path("error").path("quota").asText());
            assertDescribed(overQuota, "put", "/api/functions/{name}");

            TestServer.Reply syntax = server.put("/api/functions/described-broken",
                    "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => { return {; };\"}");
            assertEquals(400, syntax.status(), syntax.body());
            assertEquals("SyntaxError", syntax.json().path("error").path("code").asText(), syntax.body());
            assertTrue(syntax.json().path("error").has("location"), "a SyntaxError says where: " + syntax.body());
            assertDescribed(syntax, "put", "/api/functions/{name}");

            assertDescribed(server.get("/api/functions/described-nowhere"), "get", "/api/functions/{name}");
            assertDescribed(server.get("/api/functions/described-nowhere/logs?limit=0"), "get",
                    "/api/functions/{name}/logs");
            TestServer.Reply conflict = server.put("/api/functions/described-conflict",
                    "{\"runtime\":\"nodejs\",\"code\":" + quoted(ADDS) + ",\"revision\":7}");
            assertEquals(409, conflict.status(), conflict.body());
            assertDescribed(conflict, "put", "/api/functions/{name}");

            deploy("described-off", ADDS, ",\"reservedConcurrency\":0");
            TestServer.Reply throttled = server.post("/api/functions/described-off/invoke", "{}");
            assertEquals(429, throttled.status(), throttled.body());
            assertDescribed(throttled, "post", "/api/functions/{name}/invoke");
        }

        @Test
        @DisplayName("for the HTTP trigger: a result, a failed function, an unknown function")
        void trigger() {
            deploy("described-http", """
                    export const handler = async (event) => ({
                      method: event.requestContext.http.method,
                      path: event.rawPath,
                    });""");
            deploy("described-throws", THROWS);
            TestServer.Reply result = server.post("/fn/described-http/users/42", "{}");
            assertEquals("/users/42", result.json().path("path").asText(), result.body());
            assertDescribed(result, "post", "/fn/{name}/{path}");
            assertDescribed(server.get("/fn/described-throws"), "get", "/fn/{name}");
            assertDescribed(server.delete("/fn/described-nowhere"), "delete", "/fn/{name}");
        }

        @Test
        @DisplayName("for the Lambda Invoke API: each invocation type, a function error, a missing function")
        void lambdaInvoke() {
            deploy("described-adds", ADDS);
            deploy("described-throws", THROWS);
            String path = "/2015-03-31/functions/{name}/invocations";
            TestServer.Reply result = invokeAsLambda("described-adds", "RequestResponse", "Tail");
            assertEquals(3, result.json().path("sum").asInt(), result.body());
            assertNotNull(result.header("X-Amz-Log-Result"), "Tail adds the log's tail");
            assertDescribed(result, "post", path);
            TestServer.Reply failed = invokeAsLambda("described-throws", "RequestResponse", "None");
            assertEquals("Unhandled", failed.header("X-Amz-Function-Error"), failed.body());
            assertDescribed(failed, "post", path);
            assertDescribed(invokeAsLambda("described-adds", "Event", "None"), "post", path);
            assertDescribed(invokeAsLambda("described-adds", "DryRun", "None"), "post", path);
            assertDescribed(invokeAsLambda("described-nowhere", "RequestResponse", "None"), "post", path);
            assertDescribed(invokeAsLambda("described-adds", "Sometime", "None"), "post", path);
        }

        @Test
        @DisplayName("for queues, their messages and the triggers they feed")
        void queues() {
            TestServer.Reply dead = server.put("/api/queues/described-dlq", "");
            assertEquals(201, dead.status(), dead.body());
            assertDescribed(dead, "put", "/api/queues/{name}");
            TestServer.Reply created = server.put("/api/queues/described-queue", "{\"visibilityTimeoutSeconds\":60,"
                    + "\"redrivePolicy\":{\"deadLetterQueue\":\"described-dlq\",\"maxReceiveCount\":3}}");
            assertDescribed(created, "put", "/api/queues/{name}");
            assertDescribed(server.put("/api/queues/described-queue", "{\"delaySeconds\":0}"), "put",
                    "/api/queues/{name}");
            assertDescribed(server.get("/api/queues/described-queue"), "get", "/api/queues/{name}");
            assertDescribed(server.get("/api/queues"), "get", "/api/queues");
            String path = "/api/queues/{name}/messages";
            assertDescribed(server.post("/api/queues/described-queue/messages", "{\"body\":\"one\"}"), "post", path);
            assertDescribed(server.post("/api/queues/described-queue/messages", "{\"entries\":[{\"id\":\"a\","
                    + "\"body\":\"two\"},{\"id\":\"b\",\"body\":\"\"}]}"), "post", path);
            assertDescribed(server.post("/api/queues/described-queue/messages", "{\"body\":\"" + "x".repeat(300_000)
                    + "\"}"), "post", path);
            TestServer.Reply received = server.post("/api/queues/described-queue/receive", "{\"maxMessages\":1}");
            assertEquals(1, received.json().path("messages").size(), received.body());
            assertDescribed(received, "post", "/api/queues/{name}/receive");
            String handle = received.json().path("messages").get(0).path("receiptHandle").asText();
            String deletePath = "/api/queues/{name}/messages/{receiptHandle}";
            assertDescribed(server.delete("/api/queues/described-queue/messages/" + handle), "delete", deletePath);
            assertDescribed(server.delete("/api/queues/described-queue/messages/" + handle), "delete", deletePath);
            assertDescribed(server.post("/api/queues/described-queue/purge", ""), "post", "/api/queues/{name}/purge");

            deploy("described-consumer", ADDS);
            TestServer.Reply mapped = server.post("/api/event-source-mappings",
                    "{\"queue\":\"described-queue\",\"function\":\"described-consumer\"}");
            assertEquals(201, mapped.status(), mapped.body());
            assertDescribed(mapped, "post", "/api/event-source-mappings");
            String uuid = mapped.json().path("uuid").asText();
            String mappingPath = "/api/event-source-mappings/{uuid}";
            assertDescribed(server.get("/api/event-source-mappings/" + uuid), "get", mappingPath);
            assertDescribed(server.put("/api/event-source-mappings/" + uuid, "{\"batchSize\":5}"), "put", mappingPath);
            assertDescribed(server.get("/api/event-source-mappings"), "get", "/api/event-source-mappings");
            assertDescribed(server.delete("/api/queues/described-dlq"), "delete", "/api/queues/{name}");
            assertDescribed(server.delete("/api/event-source-mappings/" + uuid), "delete", mappingPath);
            assertDescribed(server.get("/api/event-source-mappings/" + uuid), "get", mappingPath);
            assertDescribed(server.delete("/api/queues/described-queue"), "delete", "/api/queues/{name}");
            assertDescribed(server.get("/api/queues/described-queue"), "get", "/api/queues/{name}");
        }

        @Test
        @DisplayName("for the live stream: text/event-stream, each event's data as documented for its name")
        void liveStream() {
            Map<String, JsonNode> schemas = new HashMap<>();
            streamResponse().path("x-events").properties().forEach(e -> schemas.put(e.getKey(), e.getValue()));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Set<String> seen = new TreeSet<>();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(server.uri("/api/events"))
                        .GET().build(), HttpResponse.BodyHandlers.ofLines());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                        "the stream is text/event-stream: " + response.headers());
                try (Stream<String> lines = response.body()) {
                    Iterator<String> line = lines.iterator();
                    String event = null;
                    while (!seen.containsAll(List.of("ready", "function", "instance", "log", "metrics"))) {
                        String text = line.next();
                        if (text.startsWith("event: ")) {
                            event = text.substring("event: ".length());
                        } else if (text.startsWith("data: ")) {
                            assertTrue(schemas.containsKey(event), "the stream's event '" + event + "' is documented");
                            JsonNode data = TestServer.JSON.readTree(text.substring("data: ".length()));
                            assertConforms(schemas.get(event), data, "the data of the stream's '" + event + "' event");
                            if (seen.add(event) && event.equals("ready")) {
                                // Subscribed: now make the platform say something of each kind.
                                deploy("described-stream", ADDS);
                                server.post("/api/functions/described-stream/invoke", "{\"a\":1,\"b\":1}");
                            }
                        }
                    }
                }
            });
        }

        @Test
        @DisplayName("for a table's stream, its records and the triggers it feeds")
        void tableStreams() {
            assertEquals(201, server.put("/api/tables/described-stream", "{\"partitionKey\":\"id\"}").status());
            String stream = "/api/tables/{table}/stream";
            assertDescribed(server.get("/api/tables/described-stream/stream"), "get", stream);
            assertDescribed(server.put("/api/tables/described-stream/stream", "{\"streamViewType\":\"SIDEWAYS\"}"),
                    "put", stream);
            assertDescribed(server.put("/api/tables/described-stream/stream",
                    "{\"streamViewType\":\"NEW_AND_OLD_IMAGES\"}"), "put", stream);
            assertDescribed(server.get("/api/tables/described-stream/stream"), "get", stream);
            assertEquals(201, server.put("/api/tables/described-stream/items/a", "{\"n\":1,\"l\":[true,null]}").status());
            assertEquals(200, server.put("/api/tables/described-stream/items/a", "{\"n\":2}").status());
            assertEquals(204, server.delete("/api/tables/described-stream/items/a").status());
            String records = "/api/tables/{table}/stream/records";
            assertDescribed(server.get("/api/tables/described-stream/stream/records"), "get", records);
            assertDescribed(server.get("/api/tables/described-stream/stream/records?after=2&limit=1"), "get", records);
            assertDescribed(server.get("/api/tables/described-stream/stream/records?after=x"), "get", records);
            deploy("described-stream-consumer", ADDS);
            TestServer.Reply mapped = server.post("/api/stream-mappings", "{\"table\":\"described-stream\","
                    + "\"function\":\"described-stream-consumer\",\"startingPosition\":\"LATEST\"}");
            assertEquals(201, mapped.status(), mapped.body());
            assertDescribed(mapped, "post", "/api/stream-mappings");
            assertDescribed(server.post("/api/stream-mappings", "{\"table\":\"described-stream\","
                    + "\"function\":\"described-stream-consumer\",\"startingPosition\":\"LATEST\"}"), "post",
                    "/api/stream-mappings");
            String uuid = mapped.json().path("uuid").asText();
            String mappingPath = "/api/stream-mappings/{uuid}";
            assertDescribed(server.get("/api/stream-mappings/" + uuid), "get", mappingPath);
            assertDescribed(server.get("/api/stream-mappings"), "get", "/api/stream-mappings");
            assertDescribed(server.delete("/api/stream-mappings/" + uuid), "delete", mappingPath);
            assertDescribed(server.get("/api/stream-mappings/" + uuid), "get", mappingPath);
            assertDescribed(server.delete("/api/tables/described-stream/stream"), "delete", stream);
            assertDescribed(server.delete("/api/tables/described-stream"), "delete", "/api/tables/{table}");
            assertDescribed(server.get("/api/tables/described-stream/stream"), "get", stream);
        }

        @Test
        @DisplayName("and would notice a missing, an unknown or a mistyped field")
        void checkerNoticesDrift() {
            JsonNode health = server.get("/health").json();
            JsonNode schema = documentedResponse("get", "/health", 200).path("content").path("application/json")
                    .path("schema");
            assertTrue(CHECKER.problems(schema, health).isEmpty(), "the real /health conforms");

            ObjectNode missing = health.deepCopy();
            missing.remove("status");
            ObjectNode unknown = health.deepCopy();
            unknown.put("colour", "green");
            ObjectNode mistyped = health.deepCopy();
            mistyped.put("uptimeSeconds", "long");
            for (JsonNode drifted : List.of(missing, unknown, mistyped)) {
                assertFalse(CHECKER.problems(schema, drifted).isEmpty(), "the checker refuses " + drifted);
            }
        }
    }

    // ---- the route table and the document's operations ----

    static Set<String> routedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Route route : server.server.routes()) {
            String path = route.template().endsWith(REST_OF_PATH)
                    ? route.template().substring(0, route.template().length() - REST_OF_PATH.length()) + "}"
                    : route.template();
            List<String> methods = route.method().equals("*") ? OPENAPI_METHODS
                    : List.of(route.method().toLowerCase(Locale.ROOT));
            methods.forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path));
        }
        return operations;
    }

    static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        forEachOperation((path, method, operation) -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path));
        return operations;
    }

    interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    static void forEachOperation(OperationVisitor visitor) {
        DOCUMENT.path("paths").properties().forEach(path -> {
            for (String method : OPENAPI_METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    visitor.visit(path.getKey(), method, operation);
                }
            }
        });
    }

    static JsonNode operation(String method, String path) {
        JsonNode operation = DOCUMENT.path("paths").path(path).path(method);
        assertFalse(operation.isMissingNode(), "the document has " + method.toUpperCase(Locale.ROOT) + " " + path);
        return operation;
    }

    /** The path item's parameters and the operation's, resolved (an operation's may override a path's). */
    static List<JsonNode> parameters(String path, JsonNode operation) {
        Map<String, JsonNode> byPlace = new LinkedHashMap<>();
        JsonNode pathItem = DOCUMENT.path("paths").path(path);
        for (JsonNode source : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : source) {
                JsonNode resolved = resolve(parameter);
                byPlace.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
            }
        }
        return List.copyOf(byPlace.values());
    }

    // ---- checking real replies against the document ----

    static JsonNode documentedResponse(String method, String path, int status) {
        JsonNode responses = operation(method, path).path("responses");
        JsonNode response = responses.has(Integer.toString(status)) ? responses.get(Integer.toString(status))
                : responses.path("default");
        assertFalse(response.isMissingNode(),
                method.toUpperCase(Locale.ROOT) + " " + path + " documents the status " + status);
        return resolve(response);
    }

    /** The reply's status, headers and body are as the document says for this operation. */
    static void assertDescribed(TestServer.Reply reply, String method, String path) {
        String what = method.toUpperCase(Locale.ROOT) + " " + path + " → " + reply.status();
        JsonNode response = documentedResponse(method, path, reply.status());
        response.path("headers").properties().forEach(header -> {
            JsonNode documented = resolve(header.getValue());
            String value = reply.header(header.getKey());
            if (documented.path("required").asBoolean()) {
                assertNotNull(value, what + " has the header " + header.getKey());
            }
            if (value != null) {
                assertConforms(documented.path("schema"), TextNode.valueOf(value),
                        what + ", header " + header.getKey());
            }
        });
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            assertEquals("", reply.body(), what + " has no body, as documented");
            return;
        }
        String contentType = reply.header("Content-Type");
        assertNotNull(contentType, what + " says its content type");
        JsonNode media = content.has("application/json") ? content.get("application/json") : content.path("*/*");
        assertFalse(media.isMissingNode(), what + " documents a body of type " + contentType);
        if (content.has("application/json")) {
            assertTrue(contentType.startsWith("application/json"),
                    what + " is JSON, as documented, not " + contentType);
            assertConforms(media.path("schema"), reply.json(), what + ", its body");
        }
    }

    static void assertConforms(JsonNode schema, JsonNode value, String what) {
        List<String> problems = CHECKER.problems(schema, value);
        assertTrue(problems.isEmpty(), () -> what + " conforms to its documented schema; it does not: " + problems
                + "\n  in " + value);
    }

    static TestServer.Reply invokeAsLambda(String name, String invocationType, String logType) {
        return server.send(HttpRequest.newBuilder(server.uri("/2015-03-31/functions/" + name + "/invocations"))
                .header("X-Amz-Invocation-Type", invocationType).header("X-Amz-Log-Type", logType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1,\"b\":2}")).build());
    }

    static void deploy(String name, String code) {
        deploy(name, code, "");
    }

    static void deploy(String name, String code, String moreFields) {
        server.deploy(name, "{\"runtime\":\"nodejs\",\"code\":" + quoted(code) + moreFields + "}");
    }

    static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }

    // ---- reading the document ----

    static JsonNode readResource() {
        return OpenApiDocument.joined();
    }

    static JsonNode schema(String name) {
        JsonNode schema = DOCUMENT.path("components").path("schemas").path(name);
        assertFalse(schema.isMissingNode(), "the document defines the schema " + name);
        return schema;
    }

    static JsonNode streamResponse() {
        return documentedResponse("get", "/api/events", 200);
    }

    /** Follows a Reference Object (or a chain of them) to what it names. */
    static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            assertTrue(hops < 10, "the $ref chain from " + node + " ends");
            current = DOCUMENT.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** Whether the schema is, or is one of the {@code oneOf} of, a reference to {@code target}. */
    static boolean refersTo(JsonNode schema, String target) {
        if (target.equals(schema.path("$ref").asText())) {
            return true;
        }
        for (JsonNode option : schema.path("oneOf")) {
            if (target.equals(option.path("$ref").asText())) {
                return true;
            }
        }
        return false;
    }

    interface NodeVisitor {
        void visit(String where, JsonNode node);
    }

    static void walk(JsonNode node, String where, NodeVisitor visitor) {
        if (node.isObject()) {
            visitor.visit(where, node);
            node.properties().forEach(e -> walk(e.getValue(), where + "/" + e.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, visitor);
            }
        }
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> enumOf(JsonNode schema) {
        Set<String> values = new TreeSet<>();
        schema.path("enum").forEach(value -> values.add(value.asText()));
        return values;
    }

    static Set<String> names(Stream<String> names) {
        return new TreeSet<>(names.toList());
    }

    static void assertRange(JsonNode schema, long minimum, long maximum, String what) {
        assertEquals(minimum, schema.path("minimum").asLong(-1), what + "'s minimum is " + minimum);
        assertEquals(maximum, schema.path("maximum").asLong(-1), what + "'s maximum is " + maximum);
    }

    /** A stream event made with zeros and nulls, only to ask its {@code type()}. */
    static StreamEvent instanceOf(Class<?> kind) throws ReflectiveOperationException {
        RecordComponent[] components = kind.getRecordComponents();
        assertNotNull(components, kind.getName() + " is a record, so that the test can make one to ask its type");
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] zeros = Arrays.stream(types).map(type -> type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0)
                : null).toArray();
        return (StreamEvent) kind.getDeclaredConstructor(types).newInstance(zeros);
    }

    /**
     * Checks a JSON value against a schema of the document: the JSON Schema 2020-12 keywords the document
     * uses ({@code $ref}, {@code allOf}, {@code oneOf}, {@code type}, {@code const}, {@code enum},
     * {@code required}, {@code properties}, {@code additionalProperties}, {@code propertyNames},
     * {@code maxProperties}, {@code items}, {@code minimum}, {@code maximum}, {@code pattern},
     * {@code minLength}), so that no validator library is needed. Others (formats, descriptions) are ignored.
     */
    static final class SchemaChecker {

        private final JsonNode document;

        SchemaChecker(JsonNode document) {
            this.document = document;
        }

        List<String> problems(JsonNode schema, JsonNode value) {
            List<String> problems = new ArrayList<>();
            check(schema, value, "$", problems);
            return problems;
        }

        private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
            if (schema.has("$ref")) {
                JsonNode target = document.at(schema.get("$ref").asText().substring(1));
                if (target.isMissingNode()) {
                    problems.add(at + " is to conform to " + schema.get("$ref").asText()
                            + ", which is not in the document");
                } else {
                    check(target, value, at, problems);
                }
            }
            for (JsonNode part : schema.path("allOf")) {
                check(part, value, at, problems);
            }
            if (schema.has("oneOf")) {
                int matching = 0;
                for (JsonNode option : schema.get("oneOf")) {
                    matching += problems(option, value).isEmpty() ? 1 : 0;
                }
                if (matching != 1) {
                    problems.add(at + " matches " + matching + " of its oneOf schemas, not exactly one");
                }
            }
            if (schema.has("const") && !schema.get("const").equals(value)) {
                problems.add(at + " is " + value + ", not " + schema.get("const"));
            }
            if (schema.has("enum") && !contains(schema.get("enum"), value)) {
                problems.add(at + " is " + value + ", not one of " + schema.get("enum"));
            }
            if (schema.has("type") && !hasType(schema.get("type"), value)) {
                problems.add(at + " is " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(value)
                        + ", not " + schema.get("type"));
                return;
            }
            if (value.isObject()) {
                checkObject(schema, value, at, problems);
            } else if (value.isArray() && schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
                }
            } else if (value.isNumber()) {
                BigDecimal number = value.decimalValue();
                if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
                    problems.add(at + " is " + value + ", below the minimum " + schema.get("minimum"));
                }
                if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
                    problems.add(at + " is " + value + ", above the maximum " + schema.get("maximum"));
                }
            } else if (value.isTextual()) {
                // JSON Schema's patterns match anywhere unless anchored, as find() does.
                if (schema.has("pattern")
                        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                    problems.add(at + " is " + value + ", which does not match " + schema.get("pattern"));
                }
                if (schema.has("minLength") && value.asText().codePointCount(0, value.asText().length())
                        < schema.get("minLength").asInt()) {
                    problems.add(at + " is shorter than " + schema.get("minLength") + " characters");
                }
            }
        }

        private void checkObject(JsonNode schema, JsonNode value, String at, List<String> problems) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + " lacks the required field '" + required.asText() + "'");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            value.properties().forEach(field -> {
                String where = at + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), where, problems);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(at + " has the undocumented field '" + field.getKey() + "'");
                } else if (additional != null && additional.isObject()) {
                    check(additional, field.getValue(), where, problems);
                }
                if (schema.has("propertyNames")) {
                    check(schema.get("propertyNames"), TextNode.valueOf(field.getKey()), where + " (its name)",
                            problems);
                }
            });
            if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
                problems.add(at + " has more than " + schema.get("maxProperties") + " fields");
            }
        }

        private static boolean hasType(JsonNode type, JsonNode value) {
            if (type.isArray()) {
                for (JsonNode one : type) {
                    if (hasType(one, value)) {
                        return true;
                    }
                }
                return false;
            }
            return switch (type.asText()) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "boolean" -> value.isBoolean();
                case "null" -> value.isNull();
                case "number" -> value.isNumber();
                // JSON Schema counts 2.0 as an integer: what matters is the value, not how it is written.
                case "integer" -> value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
                default -> throw new IllegalArgumentException("the checker does not know the type " + type);
            };
        }

        private static boolean contains(JsonNode values, JsonNode value) {
            for (JsonNode one : values) {
                if (one.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        private static String abbreviate(JsonNode value) {
            String text = value.toString();
            return text.length() > 60 ? text.substring(0, 60) + "…" : text;
        }
    }
}
