package dev.faaslab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.SharedTestRuntime;
import dev.faaslab.http.WebServer;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lessons' lab starters, run as the lab runs them: deployed on a real platform behind a real HTTP
 * server and invoked with the event samples the lab's picker offers. A lesson whose starter fails on its
 * own sample events would greet the learner with an error before they have changed a line.
 */
@DisplayName("The lessons")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonStartersTest {

    /** Tests run with the module as their working directory; the course lives beside it. */
    static final Path LESSONS = Path.of("..", "lessons");
    static final Path EVENTS = Path.of("..", "web", "events");

    static final Set<String> EVENT_KINDS = Set.of("http", "queue", "schedule", "upload", "custom");
    static final List<String> REQUIRED_FIELDS = List.of("id", "title", "order", "summary", "concepts", "function", "events");
    static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern LESSON_FOLDER = Pattern.compile("(\\d{2})-([a-z0-9-]+)");

    /** Every lab action the front end understands (see lessons/README.md). */
    static final Pattern LAB_LINK = Pattern.compile("#lab/(" + LabAction.ACTION.pattern() + ")");

    static final ObjectMapper JSON = new ObjectMapper();

    enum Language {
        JAVASCRIPT("nodejs", "index.mjs"),
        PYTHON("python", "lambda_function.py");

        final String runtime;
        final String file;

        Language(String runtime, String file) {
            this.runtime = runtime;
            this.file = file;
        }

        @Override
        public String toString() {
            return this == JAVASCRIPT ? "JavaScript" : "Python";
        }
    }

    /** One lesson folder: its Markdown, split into front matter fields and body. */
    record Lesson(Path folder, Map<String, String> frontMatter, String body) {

        static Lesson read(Path folder) {
            String text = readString(folder.resolve("lesson.md"));
            if (!text.startsWith("---\n")) {
                fail(folder + "/lesson.md should start with a '---' line opening its front matter");
            }
            int end = text.indexOf("\n---\n", 3);
            if (end < 0) {
                fail(folder + "/lesson.md should close its front matter with a '---' line");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : text.substring(4, end).split("\n")) {
                String withoutComment = line.replaceFirst("\\s+#.*$", "");
                int colon = withoutComment.indexOf(':');
                if (!withoutComment.isBlank() && colon > 0) {
                    fields.put(withoutComment.substring(0, colon).trim(), withoutComment.substring(colon + 1).trim());
                }
            }
            return new Lesson(folder, fields, text.substring(end + 5));
        }

        String field(String name) {
            return frontMatter.getOrDefault(name, "");
        }

        /** A flow list such as {@code [http, queue]}, as its items. */
        List<String> list(String name) {
            String value = field(name);
            if (!value.startsWith("[") || !value.endsWith("]")) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (String item : value.substring(1, value.length() - 1).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return items;
        }

        String id() {
            return field("id");
        }

        String code(Language language) {
            return readString(folder.resolve(language.file));
        }

        @Override
        public String toString() {
            return folder.getFileName().toString();
        }
    }

    static List<Lesson> lessons() {
        try (Stream<Path> folders = Files.list(LESSONS)) {
            List<Lesson> lessons = folders
                    .filter(path -> Files.isDirectory(path) && LESSON_FOLDER.matcher(path.getFileName().toString()).matches())
                    .sorted()
                    .map(Lesson::read)
                    .toList();
            assertFalse(lessons.isEmpty(), "expected lesson folders such as 01-what-serverless-is under " + LESSONS.toAbsolutePath());
            return lessons;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new AssertionError("could not read " + path.toAbsolutePath() + ": " + e, e);
        }
    }

    static JsonNode sample(String kind) {
        try {
            return JSON.readTree(readString(EVENTS.resolve(kind + ".json")));
        } catch (IOException e) {
            throw new AssertionError("web/events/" + kind + ".json is not JSON: " + e.getMessage(), e);
        }
    }

    // A real server: the platform on an H2 database in a temporary directory, Jetty on a free port.
    Sandbox sandbox;
    WebServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        sandbox = Sandbox.open(data, Clock.system(), SharedTestRuntime.get(), PlatformLimits.DEFAULT);
        server = WebServer.start(sandbox, "127.0.0.1", 0, null);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /**
     * Deploys a lesson's starter under its own name. The timeout is generous because a Python cold start
     * on a busy two-core machine can take seconds, and this test is about what the code returns.
     */
    void deploy(String name, Lesson lesson, Language language) {
        ObjectNode body = JSON.createObjectNode();
        body.put("runtime", language.runtime);
        body.put("code", lesson.code(language));
        body.put("timeoutSeconds", 30);
        HttpResponse<String> reply = send("PUT", "/api/functions/" + name, body.toString());
        assertTrue(reply.statusCode() == 200 || reply.statusCode() == 201,
                "deploying " + lesson + "/" + language.file + " should be accepted, but gave " + reply.statusCode() + ": " + reply.body());
    }

    /** Deployed starters by lesson and language: each Python deployment costs a cold start of seconds. */
    final Map<String, String> deployed = new ConcurrentHashMap<>();

    /** The starter deployed under the lesson's function name plus its runtime, the first time it is asked for. */
    String deployedOnce(Lesson lesson, Language language) {
        return deployed.computeIfAbsent(lesson + "/" + language, key -> {
            String name = lesson.field("function") + "-" + language.runtime;
            deploy(name, lesson, language);
            return name;
        });
    }

    /** Invokes through the REST API, as the lab's Invoke button does, and checks there was no function error. */
    JsonNode invoke(String name, JsonNode event, String what) {
        JsonNode invocation;
        int attempts = 0;
        do {
            HttpResponse<String> reply = send("POST", "/api/functions/" + name + "/invoke", event.toString());
            assertEquals(200, reply.statusCode(), what + ": the invoke call itself should succeed: " + reply.body());
            invocation = parse(reply.body());
            attempts++;
        } while (attempts < 3 && initTimedOut(invocation));
        assertFalse(invocation.has("error"), what + " should not fail, but gave " + invocation.path("error") + "\nlogs: " + invocation.path("logs"));
        return invocation;
    }

    /**
     * Whether the instance's Init phase ran out of Lambda's 10 seconds before the handler was called.
     * GraalPy's first cold starts in a fresh test JVM on a busy two-core machine can (the engine compiles
     * as it goes), which says nothing about the starter; the next cold start is quicker, so it is retried.
     */
    static boolean initTimedOut(JsonNode invocation) {
        return invocation.path("cold").asBoolean()
                && invocation.path("error").path("kind").asText().equals("TIMEOUT")
                && invocation.path("report").path("durationMs").asDouble() == 0;
    }

    HttpResponse<String> send(String method, String path, String body) {
        URI uri = server.uri().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request);
    }

    /** A request with a body of these bytes, labelled with this content type, as a client uploading it sends it. */
    HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).header("content-type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("expected JSON, got: " + text, e);
        }
    }

    static Stream<Arguments> startersAndTheirEvents() {
        List<Arguments> runs = new ArrayList<>();
        for (Lesson lesson : lessons()) {
            for (Language language : Language.values()) {
                for (String kind : lesson.list("events")) {
                    runs.add(Arguments.of(lesson, language, kind));
                }
            }
        }
        return runs.stream();
    }

    static Stream<Arguments> starters() {
        return lessons().stream().flatMap(lesson -> Stream.of(Language.values()).map(language -> Arguments.of(lesson, language)));
    }

    @Nested
    @DisplayName("have starters that")
    class Starters {

        @ParameterizedTest(name = "{0} in {1} answers the {2} event")
        @MethodSource("dev.faaslab.course.LessonStartersTest#startersAndTheirEvents")
        void answerTheirSampleEvents(Lesson lesson, Language language, String kind) {
            String name = deployedOnce(lesson, language);
            String what = lesson + " in " + language + " with web/events/" + kind + ".json";
            if (kind.equals("upload")) {
                // The bucket the sample names exists, as after a real upload: a starter may write beside the object.
                send("PUT", "/api/buckets/" + sample(kind).at("/Records/0/s3/bucket/name").asText(), null);
            }
            JsonNode result = invoke(name, sample(kind), what).path("result");
            expectShape(lesson, language, kind, result, what);
        }

        @ParameterizedTest(name = "{0} in {1} answers a GET through its HTTP trigger, as the traffic generator sends")
        @MethodSource("dev.faaslab.course.LessonStartersTest#starters")
        void answerTheTrafficGenerator(Lesson lesson, Language language) {
            String name = deployedOnce(lesson, language);
            // The first call is a cold start, made through the REST API whose reply says what went wrong, if
            // anything; the trigger would only answer 500. The GET then reaches the warm instance.
            invoke(name, sample("custom"), lesson + " in " + language + ", warming up");
            HttpResponse<String> reply = send("GET", "/fn/" + name + "?name=Ada", null);
            assertEquals(200, reply.statusCode(), "GET /fn/" + name + " should answer 200: " + reply.body());
        }

        /** What each lesson's starter is meant to show, checked on its result. */
        void expectShape(Lesson lesson, Language language, String kind, JsonNode result, String what) {
            switch (lesson.id()) {
                case "what-serverless-is" -> {
                    // Both the custom and the HTTP sample carry the name Ada, one directly and one in the query.
                    assertEquals("Hello, Ada!", result.path("message").asText(), what + " should greet Ada; result: " + result);
                    assertEquals(128, result.path("memoryLimitInMB").asInt(), what + " should report its memory size; result: " + result);
                    assertTrue(result.path("remainingTimeMs").isInt() && result.path("remainingTimeMs").asInt() > 0
                            && result.path("remainingTimeMs").asInt() <= 30_000, what + " should report the time left of"
                            + " its 30-second timeout, from its context; result: " + result);
                }
                case "queues-and-database-changes" -> {
                    JsonNode seen = result;
                    if (kind.equals("http")) {
                        assertEquals(200, result.path("statusCode").asInt(), what + " should answer with status 200; result: " + result);
                        seen = parse(result.path("body").asText());
                    }
                    assertEquals(kind, seen.path("kind").asText(), what + " should say which kind of event it saw; result: " + result);
                    if (kind.equals("queue")) {
                        assertEquals(2, seen.path("messages").asInt(), what + " should count both messages; result: " + result);
                        assertEquals(0, seen.path("batchItemFailures").size(), what + " should report no failures; result: " + result);
                    }
                }
                case "cold-and-warm-starts" -> {
                    // Counting from 1 on a fresh instance is checked below, on a function of its own.
                    assertTrue(result.path("invocations").asInt() >= 1, what + " should count its invocations; result: " + result);
                    assertEquals(language.runtime, result.path("runtime").asText(), what + " should name its runtime; result: " + result);
                }
                case "scaling-and-throttling" -> {
                    if (kind.equals("queue")) {
                        assertEquals(2, result.path("saved").asInt(), what + " should save both orders; result: " + result);
                        assertEquals(0, result.path("batchItemFailures").size(), what + " should report no failures; result: " + result);
                        return;
                    }
                    JsonNode seen = result;
                    if (kind.equals("http")) {
                        assertEquals(200, result.path("statusCode").asInt(), what + " should answer with status 200; result: " + result);
                        seen = parse(result.path("body").asText());
                    }
                    // The lesson's predictions reckon with half a second per request: rate × duration.
                    assertEquals(500, seen.path("workMs").asInt(), what + " should wait 500 ms per request; result: " + result);
                    assertTrue(seen.path("served").asInt() >= 1, what + " should count what its instance served; result: " + result);
                }
                case "asynchronous-events" -> {
                    JsonNode seen = kind.equals("http") ? parse(result.path("body").asText()) : result;
                    assertEquals(kind, seen.path("kind").asText(), what + " should say which kind of event it saw; result: " + result);
                    if (kind.equals("upload")) {
                        // Named after the upload, decoded: a duplicate delivery rewrites the same receipt.
                        assertEquals("receipts/uploads/cat photo.jpg.txt", result.at("/receipts/0").asText(),
                                what + " should write its receipt under receipts/, named after the decoded key; result: " + result);
                    }
                }
                case "http-functions" -> {
                    // The HTTP sample asks for Ada in its query; the custom one, a plain event, names her directly.
                    assertEquals(200, result.path("statusCode").asInt(), what + " should answer with status 200; result: " + result);
                    assertEquals("Hello, Ada!", parse(result.path("body").asText()).path("message").asText(),
                            what + " should greet Ada; result: " + result);
                }
                default -> {
                    // A lesson added later: that it ran without an error is checked already.
                }
            }
        }
    }

    @Nested
    @DisplayName("on queues and database changes")
    class QueuesAndDatabaseChanges {

        @ParameterizedTest(name = "in {0}, report only the queue message that is not JSON in batchItemFailures")
        @EnumSource(Language.class)
        void reportsOneBadMessage(Language language) {
            String name = deployedOnce(lesson("queues-and-database-changes"), language);
            ObjectNode event = (ObjectNode) sample("queue").deepCopy();
            ObjectNode second = (ObjectNode) event.path("Records").get(1);
            second.put("body", "two teas, please");

            JsonNode result = invoke(name, event, "the queue event with one bad body").path("result");

            JsonNode failures = result.path("batchItemFailures");
            assertEquals(1, failures.size(), "exactly one message should be reported failed; result: " + result);
            assertEquals(second.path("messageId").asText(), failures.get(0).path("itemIdentifier").asText(),
                    "the failed message should be named by its messageId; result: " + result);
        }

        @ParameterizedTest(name = "in {0}, count only the INSERT of a stream batch as a new order")
        @EnumSource(Language.class)
        void countsInsertsOnly(Language language) {
            String name = deployedOnce(lesson("queues-and-database-changes"), language);
            String keys = "{\"orderId\": {\"S\": \"o-1\"}}";
            String tea = "{\"orderId\": {\"S\": \"o-1\"}, \"item\": {\"S\": \"tea\"}}";
            String packed = "{\"orderId\": {\"S\": \"o-1\"}, \"item\": {\"S\": \"tea\"}, \"status\": {\"S\": \"packed\"}}";
            JsonNode event = parse("{\"Records\": [" + change("INSERT", keys, null, tea) + ", "
                    + change("MODIFY", keys, tea, packed) + ", " + change("REMOVE", keys, packed, null) + "]}");

            JsonNode result = invoke(name, event, "a stream batch of INSERT, MODIFY and REMOVE").path("result");

            assertEquals("stream", result.path("kind").asText(), "a stream batch is recognised; result: " + result);
            assertEquals(3, result.path("records").asInt(), "every record is read; result: " + result);
            assertEquals(1, result.path("newOrders").asInt(), "only the INSERT is a new order; result: " + result);
        }

        /** One DynamoDB Streams record, as Lambda hands it over; an image left out when null. */
        private static String change(String eventName, String keys, String oldImage, String newImage) {
            return "{\"eventName\": \"" + eventName + "\", \"eventSource\": \"aws:dynamodb\", \"dynamodb\": {\"Keys\": "
                    + keys + (oldImage == null ? "" : ", \"OldImage\": " + oldImage)
                    + (newImage == null ? "" : ", \"NewImage\": " + newImage) + "}}";
        }
    }

    @Nested
    @DisplayName("on asynchronous events")
    class AsynchronousEvents {

        @ParameterizedTest(name = "in {0}, write the upload's receipt into the bucket it came from, which makes the lesson's loop")
        @EnumSource(Language.class)
        void writesTheReceiptBesideTheUpload(Language language) {
            String name = deployedOnce(lesson("asynchronous-events"), language);
            send("PUT", "/api/buckets/photos", null);
            invoke(name, sample("upload"), "the upload sample");
            HttpResponse<String> receipt = send("GET", "/api/buckets/photos/objects/receipts/uploads/cat%20photo.jpg.txt", null);
            assertEquals(200, receipt.statusCode(), "the receipt should be in the upload's own bucket: " + receipt.body());
            assertTrue(receipt.body().startsWith("received uploads/cat photo.jpg"), receipt.body());
        }

        @ParameterizedTest(name = "in {0}, fail on the lesson's {{\"fail\": true}}, so that its asynchronous call is retried")
        @EnumSource(Language.class)
        void failsWhenAskedTo(Language language) {
            String name = deployedOnce(lesson("asynchronous-events"), language);
            HttpResponse<String> reply = send("POST", "/api/functions/" + name + "/invoke", "{\"fail\": true}");
            JsonNode error = parse(reply.body()).path("error");
            assertTrue(error.path("errorMessage").asText().contains("asked to fail"), "a function error: " + reply.body());
        }
    }

    @Nested
    @DisplayName("on HTTP functions")
    class HttpFunctions {

        @ParameterizedTest(name = "in {0}, greet a well-formed JSON body and answer 500 to one cut off, as the lesson's"
                + " first prediction says")
        @EnumSource(Language.class)
        void failsOnACutOffJsonBody(Language language) {
            String name = deployedOnce(lesson("http-functions"), language);
            invoke(name, sample("custom"), "warming up");
            HttpResponse<String> whole = send("POST", "/fn/" + name, "application/json",
                    "{\"name\": \"Ada\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, whole.statusCode(), whole.body());
            assertEquals("Hello, Ada!", parse(whole.body()).path("message").asText(), whole.body());
            HttpResponse<String> cutOff = send("POST", "/fn/" + name, "application/json",
                    "{\"name\": \"Ada\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(500, cutOff.statusCode(), "the starter parses carelessly, on purpose: " + cutOff.body());
        }

        @ParameterizedTest(name = "in {0}, echo a PNG upload's body as it arrived, base64-encoded")
        @EnumSource(Language.class)
        void echoesABinaryBody(Language language) {
            String name = deployedOnce(lesson("http-functions"), language);
            invoke(name, sample("custom"), "warming up");
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
            HttpResponse<String> reply = send("POST", "/fn/" + name, "image/png", png);
            assertEquals(200, reply.statusCode(), reply.body());
            JsonNode received = parse(reply.body()).path("received");
            assertTrue(received.path("isBase64Encoded").asBoolean(), reply.body());
            assertEquals("iVBORw0KGgoAAAANSUhEUg==", received.path("body").asText(), reply.body());
        }
    }

    @Nested
    @DisplayName("on cold and warm starts")
    class ColdAndWarmStarts {

        @ParameterizedTest(name = "in {0}, count 1 then 2 on one warm instance, with Init Duration on the cold start only")
        @EnumSource(Language.class)
        void countOnAWarmInstance(Language language) {
            // A function of its own, so that no other test has warmed an instance of it already.
            Lesson lesson = lesson("cold-and-warm-starts");
            String name = lesson.field("function") + "-" + language.runtime + "-counting";
            deploy(name, lesson, language);
            JsonNode event = sample("custom");

            JsonNode first = invoke(name, event, "the first invocation");
            JsonNode second = invoke(name, event, "the second invocation");

            assertEquals(1, first.path("result").path("invocations").asInt(), "the cold start counts 1: " + first.path("result"));
            assertEquals(2, second.path("result").path("invocations").asInt(), "the warm call counts 2: " + second.path("result"));
            assertEquals(first.path("instanceId").asText(), second.path("instanceId").asText(),
                    "one instance should serve both calls made one after the other");
            assertEquals(first.path("result").path("instanceStartedAt").asText(), second.path("result").path("instanceStartedAt").asText(),
                    "the instance's start time, set at Init, should survive to the warm call");
            assertTrue(first.path("cold").asBoolean() && !first.path("report").path("initDurationMs").isNull(),
                    "the first call should be a cold start with an Init Duration: " + first.path("report"));
            assertFalse(second.path("cold").asBoolean(), "the second call should be warm");
            assertTrue(second.path("report").path("initDurationMs").isNull(), "a warm call has no Init Duration: " + second.path("report"));
        }
    }

    @Nested
    @DisplayName("on cold and warm starts, with provisioned concurrency")
    class ProvisionedConcurrency {

        static final int PROVISIONED = 3;
        static final int BURST = 5;

        @Test
        @DisplayName("in JavaScript, initialise 3 instances before any request, and serve a burst of 5 with no Init on their"
                + " requests' path and at most 2 cold starts")
        void aBurstBeyondTheProvisionedInstances() throws Exception {
            Lesson lesson = lesson("cold-and-warm-starts");
            String name = lesson.field("function") + "-provisioned";
            ObjectNode body = JSON.createObjectNode();
            body.put("runtime", Language.JAVASCRIPT.runtime);
            body.put("code", lesson.code(Language.JAVASCRIPT));
            body.put("timeoutSeconds", 30);
            body.put("provisionedConcurrency", PROVISIONED);
            HttpResponse<String> reply = send("PUT", "/api/functions/" + name, body.toString());
            assertTrue(reply.statusCode() == 200 || reply.statusCode() == 201, reply.body());
            awaitProvisionedIdle(name);

            List<JsonNode> answers = burst(name, BURST);

            List<JsonNode> provisioned = answers.stream().filter(answer -> answer.path("provisioned").asBoolean()).toList();
            long cold = answers.stream().filter(answer -> answer.path("cold").asBoolean()).count();
            for (JsonNode answer : provisioned) {
                assertFalse(answer.path("cold").asBoolean(), "a provisioned instance ran Init before the burst: " + answer);
                assertTrue(answer.path("report").path("initDurationMs").isNull(), "no Init Duration: " + answer.path("report"));
            }
            // The starter works 200 ms, so the five overlap and two find no provisioned instance free; a request the
            // loaded machine sent late may find one free again, so that only one, or none, starts cold.
            assertTrue(provisioned.size() >= PROVISIONED, "every provisioned instance served: " + answers);
            assertEquals(BURST - provisioned.size(), cold, "the requests beyond them started on-demand instances, cold: "
                    + answers);
        }

        /** Polls the platform until its provisioned instances have run Init: they start in the background. */
        private void awaitProvisionedIdle(String name) throws InterruptedException {
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
            while (true) {
                JsonNode instances = parse(send("GET", "/api/functions/" + name + "/instances", null).body()).path("instances");
                long ready = instances.valueStream().filter(instance -> instance.path("provisioned").asBoolean()
                        && "idle".equals(instance.path("state").asText())).count();
                if (ready == PROVISIONED) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "the provisioned instances should be initialised: " + instances);
                Thread.sleep(100);
            }
        }

        /** {@code count} invocations released together, each on its own thread, as the lab's burst sends them. */
        private List<JsonNode> burst(String name, int count) throws Exception {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            try (var threads = java.util.concurrent.Executors.newFixedThreadPool(count)) {
                List<java.util.concurrent.Future<JsonNode>> futures = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    futures.add(threads.submit(() -> {
                        start.await();
                        return invoke(name, sample("http"), "a request of the burst");
                    }));
                }
                start.countDown();
                List<JsonNode> answers = new ArrayList<>();
                for (var future : futures) {
                    answers.add(future.get());
                }
                return answers;
            }
        }
    }

    @Nested
    @DisplayName("on statelessness and state elsewhere")
    class StatelessnessAndStateElsewhere {

        @ParameterizedTest(name = "in {0}, count in the table and in memory, and show the previous visitor's name")
        @EnumSource(Language.class)
        void countsInBothPlacesAndLeaksTheLastVisitor(Language language) {
            Lesson lesson = lesson("statelessness-and-state-elsewhere");
            String name = lesson.field("function") + "-" + language.runtime + "-counting";
            deploy(name, lesson, language);
            send("DELETE", "/api/tables/visits", null); // the other language's run made it; absent is fine too
            JsonNode before = invoke(name, parse("{\"name\": \"Ada\"}"), "a visit before the table exists");
            assertTrue(before.path("result").path("note").asText().contains("does not exist yet"),
                    "without the table, the starter says what to do rather than fail: " + before.path("result"));
            HttpResponse<String> table = send("PUT", "/api/tables/visits", "{\"partitionKey\": \"id\"}");
            assertTrue(table.statusCode() == 200 || table.statusCode() == 201, "the lesson's table: " + table.body());

            JsonNode ada = invoke(name, parse("{\"name\": \"Ada\"}"), "Ada's visit").path("result");
            JsonNode grace = invoke(name, parse("{\"name\": \"Grace\"}"), "Grace's visit").path("result");

            assertEquals(ada.path("tableCount").asInt() + 1, grace.path("tableCount").asInt(),
                    "the table counts each visit once: " + ada + " then " + grace);
            assertEquals(List.of(2, 3), List.of(ada.path("instanceCount").asInt(), grace.path("instanceCount").asInt()),
                    "one warm instance counts its own visits in memory: " + ada + " then " + grace);
            assertEquals("Ada", grace.path("previousVisitor").asText(), "Grace's answer leaks Ada's name, as the"
                    + " lesson shows: " + grace);
        }
    }

    Lesson lesson(String id) {
        return lessons().stream().filter(lesson -> lesson.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("expected a lesson with id " + id + " under " + LESSONS));
    }

    @Nested
    @DisplayName("are well-formed:")
    class WellFormed {

        @ParameterizedTest(name = "{0} has every front matter field, a valid function name and known event kinds")
        @MethodSource("dev.faaslab.course.LessonStartersTest#lessons")
        void frontMatter(Lesson lesson) {
            for (String field : REQUIRED_FIELDS) {
                assertFalse(lesson.field(field).isEmpty(), lesson + "/lesson.md should have a '" + field + ":' line in its front matter");
            }
            Matcher folder = LESSON_FOLDER.matcher(lesson.toString());
            assertTrue(folder.matches());
            assertEquals(Integer.parseInt(folder.group(1)), Integer.parseInt(lesson.field("order")),
                    lesson + ": 'order' should match the folder's number");
            assertEquals(folder.group(2), lesson.id(), lesson + ": 'id' should match the folder's name after the number");
            assertTrue(FUNCTION_NAME.matcher(lesson.field("function")).matches(),
                    lesson + ": 'function' should be 1 to 64 letters, digits, '-' or '_', not '" + lesson.field("function") + "'");
            assertFalse(lesson.list("concepts").isEmpty(), lesson + ": 'concepts' should be a list such as [cold starts, billing]");
            List<String> events = lesson.list("events");
            assertFalse(events.isEmpty(), lesson + ": 'events' should be a list such as [http, custom]");
            for (String kind : events) {
                assertTrue(EVENT_KINDS.contains(kind), lesson + ": event kind '" + kind + "' should be one of " + EVENT_KINDS);
            }
            for (Language language : Language.values()) {
                assertTrue(Files.isRegularFile(lesson.folder().resolve(language.file)), lesson + " should have a " + language + " starter, " + language.file);
            }
        }

        @ParameterizedTest(name = "{0} uses only lab links the front end understands")
        @MethodSource("dev.faaslab.course.LessonStartersTest#lessons")
        void labLinks(Lesson lesson) {
            Matcher anyLabLink = Pattern.compile("#lab/[^)\\s]*").matcher(lesson.body());
            int links = 0;
            while (anyLabLink.find()) {
                links++;
                assertTrue(LAB_LINK.matcher(anyLabLink.group()).matches(),
                        lesson + ": '" + anyLabLink.group() + "' is not a lab action; see lessons/README.md for the ones there are");
            }
            assertTrue(links > 0, lesson + " should send the learner to the lab at least once, e.g. [Deploy and invoke it](#lab/invoke)");
            Matcher linkTargets = Pattern.compile("\\]\\((#lab/[^)]*)\\)").matcher(lesson.body());
            int targets = 0;
            while (linkTargets.find()) {
                targets++;
            }
            assertEquals(links, targets, lesson + ": every #lab/ action should be the target of a Markdown link, [text](#lab/...)");
        }

        @ParameterizedTest(name = "{0} has no raw HTML outside code, since the server escapes it")
        @MethodSource("dev.faaslab.course.LessonStartersTest#lessons")
        void noRawHtml(Lesson lesson) {
            String prose = lesson.body().replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
            Matcher tag = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(\\s[^>]*)?/?>").matcher(prose);
            if (tag.find()) {
                fail(lesson + ": raw HTML such as '" + tag.group() + "' would be shown escaped, as text; write Markdown instead");
            }
        }

        @Test
        @DisplayName("give each lesson its own function name and order")
        void distinctNames() {
            Set<String> functions = new HashSet<>();
            Set<String> orders = new HashSet<>();
            for (Lesson lesson : lessons()) {
                assertTrue(functions.add(lesson.field("function")), lesson + ": function '" + lesson.field("function") + "' is used by another lesson");
                assertTrue(orders.add(lesson.field("order")), lesson + ": order " + lesson.field("order") + " is used by another lesson");
            }
        }

        @ParameterizedTest(name = "the {0} sample event is JSON the lab can send")
        @MethodSource("dev.faaslab.course.LessonStartersTest#eventKinds")
        void samples(String kind) {
            JsonNode event = sample(kind);
            assertNotNull(event);
            assertTrue(event.isObject(), "web/events/" + kind + ".json should hold a JSON object");
            assertNotEquals(0, event.size(), "web/events/" + kind + ".json should not be empty");
        }
    }

    static Stream<String> eventKinds() {
        return EVENT_KINDS.stream().sorted();
    }
}
