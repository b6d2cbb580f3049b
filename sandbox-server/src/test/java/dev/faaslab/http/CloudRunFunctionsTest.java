package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.START;
import static dev.faaslab.http.QueueSteps.counts;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.logLines;
import static dev.faaslab.http.QueueSteps.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.time.ManualClock;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A function in Cloud Run functions' style")
class CloudRunFunctionsTest {

    // Google's examples, unchanged (the license headers and region tags left out).

    /** cloud.google.com/functions/docs/writing/write-http-functions (nodejs-docs-samples functions/helloworld/helloworldHttp). */
    static final String HELLO_HTTP_JS = """
            'use strict';

            const functions = require('@google-cloud/functions-framework');
            const escapeHtml = require('escape-html');

            /**
             * Responds to an HTTP request using data from the request body parsed according
             * to the "content-type" header.
             *
             * @param {Object} req Cloud Function request context.
             * @param {Object} res Cloud Function response context.
             */
            functions.http('helloHttp', (req, res) => {
              const name =
                (req.query && req.query.name) || (req.body && req.body.name) || 'World';

              res.send(`Hello ${escapeHtml(name)}!`);
            });
            """;

    /** The same page's Python example (python-docs-samples functions/helloworld/main.py, functions_helloworld_http). */
    static final String HELLO_HTTP_PY = """
            import functions_framework
            from markupsafe import escape


            @functions_framework.http
            def hello_http(request):
                \"""HTTP Cloud Function.
                Args:
                    request (flask.Request): The request object.
                    <https://flask.palletsprojects.com/en/1.1.x/api/#incoming-request-data>
                Returns:
                    The response text, or any set of values that can be turned into a
                    Response object using `make_response`
                    <https://flask.palletsprojects.com/en/1.1.x/api/#flask.make_response>.
                \"""
                request_json = request.get_json(silent=True)
                request_args = request.args

                if request_json and "name" in request_json:
                    name = request_json["name"]
                elif request_args and "name" in request_args:
                    name = request_args["name"]
                else:
                    name = "World"
                return f"Hello {escape(name)}!"
            """;

    /** cloud.google.com/functions/docs/calling/pubsub (nodejs-docs-samples functions/v2/helloPubSub). */
    static final String HELLO_PUBSUB_JS = """
            const functions = require('@google-cloud/functions-framework');

            // Register a CloudEvent callback with the Functions Framework that will
            // be executed when the Pub/Sub trigger topic receives a message.
            functions.cloudEvent('helloPubSub', cloudEvent => {
              // The Pub/Sub message is passed as the CloudEvent's data payload.
              const base64name = cloudEvent.data.message.data;

              const name = base64name
                ? Buffer.from(base64name, 'base64').toString()
                : 'World';

              console.log(`Hello, ${name}!`);
            });
            """;

    /** The same page's Python example (python-docs-samples functions/v2/pubsub, functions_cloudevent_pubsub). */
    static final String HELLO_PUBSUB_PY = """
            import base64

            from cloudevents.http import CloudEvent
            import functions_framework


            # Triggered from a message on a Cloud Pub/Sub topic.
            @functions_framework.cloud_event
            def subscribe(cloud_event: CloudEvent) -> None:
                # Print out the data from Pub/Sub, to prove that it worked
                print(
                    "Hello, " + base64.b64decode(cloud_event.data["message"]["data"]).decode() + "!"
                )
            """;

    /** cloud.google.com/functions/docs/calling/storage (nodejs-docs-samples functions/v2/helloGCS). */
    static final String HELLO_GCS_JS = """
            const functions = require('@google-cloud/functions-framework');

            // Register a CloudEvent callback with the Functions Framework that will
            // be triggered by Cloud Storage.
            functions.cloudEvent('helloGCS', cloudEvent => {
              console.log(`Event ID: ${cloudEvent.id}`);
              console.log(`Event Type: ${cloudEvent.type}`);

              const file = cloudEvent.data;
              console.log(`Bucket: ${file.bucket}`);
              console.log(`File: ${file.name}`);
              console.log(`Metageneration: ${file.metageneration}`);
              console.log(`Created: ${file.timeCreated}`);
              console.log(`Updated: ${file.updated}`);
            });
            """;

    /** The same page's Python example (python-docs-samples functions/v2/storage, functions_cloudevent_storage). */
    static final String HELLO_GCS_PY = """
            from cloudevents.http import CloudEvent

            import functions_framework


            # Triggered by a change in a storage bucket
            @functions_framework.cloud_event
            def hello_gcs(cloud_event: CloudEvent) -> tuple:
                \"""This function is triggered by a change in a storage bucket.

                Args:
                    cloud_event: The CloudEvent that triggered this function.
                Returns:
                    The event ID, event type, bucket, name, metageneration, and timeCreated.
                \"""
                data = cloud_event.data

                event_id = cloud_event["id"]
                event_type = cloud_event["type"]

                bucket = data["bucket"]
                name = data["name"]
                metageneration = data["metageneration"]
                timeCreated = data["timeCreated"]
                updated = data["updated"]

                print(f"Event ID: {event_id}")
                print(f"Event type: {event_type}")
                print(f"Bucket: {bucket}")
                print(f"File: {name}")
                print(f"Metageneration: {metageneration}")
                print(f"Created: {timeCreated}")
                print(f"Updated: {updated}")

                return event_id, event_type, bucket, name, metageneration, timeCreated, updated
            """;

    /** Stand-ins for the npm and PyPI packages the HTTP examples import (escape-html, markupsafe): their escaping, no more. */
    static final String ESCAPE_HTML = "module.exports = (text) => String(text).replace(/[\"'&<>]/g, (c) =>"
            + " ({ '\"': '&quot;', \"'\": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);\n";
    static final String MARKUPSAFE = "def escape(text):\n    return (str(text).replace('&', '&amp;').replace('<', '&lt;')"
            + ".replace('>', '&gt;').replace('\"', '&#34;').replace(\"'\", '&#39;'))\n";

    /** Logs the CloudEvent it gets, as one line of JSON. */
    static final String RECORDER = """
            const functions = require('@google-cloud/functions-framework');
            functions.cloudEvent('recorder', (cloudEvent) => { console.log(JSON.stringify(cloudEvent)); });
            """;

    @TempDir
    Path data;
    ManualClock clock;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(START);
        server = new TestServer(data, clock);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    JsonNode deploy(String name, String runtime, String handler, String code) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("runtime", runtime).put("style", "gcp-functions")
                .put("code", code);
        if (handler != null) {
            body.put("handler", handler);
        }
        return server.deploy(name, body.toString());
    }

    JsonNode deployFiles(String name, String runtime, String handler, String... pathsAndTexts) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("runtime", runtime).put("style", "gcp-functions")
                .put("handler", handler);
        ObjectNode files = body.putObject("files");
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return server.deploy(name, body.toString());
    }

    TestServer.Reply postJson(String path, String json) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static String header(TestServer.Reply reply, String name) {
        return reply.response().headers().firstValue(name).orElse("");
    }

    /** Waits until the function's log has a line containing {@code text}; returns the log. */
    List<String> awaitLog(String function, String text) {
        try {
            Await.until(function + " to log '" + text + "'", Duration.ofSeconds(30),
                    () -> logLines(server, function).stream().anyMatch(line -> line.contains(text)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its log: " + logLines(server, function), e);
        }
        return logLines(server, function);
    }

    @Nested
    @DisplayName("over HTTP")
    class OverHttp {

        @Test
        void runsGooglesHelloHttpInJavaScriptUnchanged() {
            JsonNode deployed = deployFiles("hello", "nodejs", "index.helloHttp", "index.js", HELLO_HTTP_JS,
                    "node_modules/escape-html/index.js", ESCAPE_HTML);
            assertEquals("gcp-functions", deployed.path("style").asText());
            TestServer.Reply plain = server.get("/fn/hello/");
            assertEquals(200, plain.status(), plain.body());
            assertEquals("Hello World!", plain.body());
            assertEquals("text/html; charset=utf-8", header(plain, "content-type"), "as Express's res.send(string) sets it");
            assertEquals("Hello Ada!", server.get("/fn/hello/?name=Ada").body());
            assertEquals("Hello &lt;b&gt;Bo&lt;/b&gt;!", postJson("/fn/hello/", "{\"name\":\"<b>Bo</b>\"}").body(),
                    "the JSON body parsed, by its content type");
        }

        @Test
        void runsGooglesHelloHttpInPythonUnchanged() {
            deployFiles("hello-py", "python", "main.hello_http", "main.py", HELLO_HTTP_PY, "markupsafe/__init__.py", MARKUPSAFE);
            TestServer.Reply plain = server.get("/fn/hello-py/");
            assertEquals(200, plain.status(), plain.body());
            assertEquals("Hello World!", plain.body());
            assertEquals("text/html; charset=utf-8", header(plain, "content-type"), "as Flask answers a string");
            assertEquals("Hello Ada!", server.get("/fn/hello-py/?name=Ada").body());
            assertEquals("Hello &lt;b&gt;Bo&lt;/b&gt;!", postJson("/fn/hello-py/", "{\"name\":\"<b>Bo</b>\"}").body());
        }

        @Test
        void withoutAHandlerTheEntryPointIsTheFunctionsOwnNameAsGcloudDeploysIt() {
            JsonNode deployed = deploy("myHttpFunction", "nodejs", null, """
                    import { http } from '@google-cloud/functions-framework';

                    http('myHttpFunction', (req, res) => {
                      // Your code here

                      // Send an HTTP response
                      res.send('OK');
                    });
                    """); // the ES module example of cloud.google.com/run/docs/write-http-functions, unchanged
            assertEquals("index.function", deployed.path("handler").asText());
            assertEquals("OK", server.get("/fn/myHttpFunction/").body());
        }

        @Test
        void givesExpressRequestAndResponse() {
            deploy("echo", "nodejs", "index.echo", """
                    const functions = require('@google-cloud/functions-framework');
                    functions.http('echo', (req, res) => {
                      const body = Buffer.isBuffer(req.body) ? 'buffer:' + req.body.toString('hex') : req.body;
                      res.status(201).set('X-Seen', 'yes').json({ method: req.method, path: req.path, query: req.query,
                        type: req.get('Content-Type'), body, raw: req.rawBody ? req.rawBody.toString() : null,
                        env: [process.env.K_SERVICE, process.env.FUNCTION_TARGET, process.env.AWS_REGION] });
                    });
                    """);
            TestServer.Reply json = postJson("/fn/echo/a/b?q=1&q=2&x=y", "{\"n\":1}");
            assertEquals(201, json.status(), json.body());
            assertEquals("yes", header(json, "x-seen"));
            assertEquals("application/json; charset=utf-8", header(json, "content-type"));
            JsonNode seen = TestServer.json(json.body());
            assertEquals("POST", seen.path("method").asText());
            assertEquals("/a/b", seen.path("path").asText(), "the path after the function's own URL");
            assertEquals("{\"q\":[\"1\",\"2\"],\"x\":\"y\"}", seen.path("query").toString());
            assertEquals("{\"n\":1}", seen.path("body").toString());
            assertEquals("{\"n\":1}", seen.path("raw").asText());
            assertEquals("[\"echo\",\"echo\",null]", seen.path("env").toString(), "Cloud Run's variables, not Lambda's");
            assertEquals("\"hi\"", body("echo", "text/plain", "hi").path("body").toString());
            assertEquals("{\"a\":\"1\",\"b\":\"x y\"}", body("echo", "application/x-www-form-urlencoded", "a=1&b=x+y")
                    .path("body").toString());
            assertEquals("\"buffer:0102\"", body("echo", "application/octet-stream", "\u0001\u0002").path("body").toString());
            assertTrue(TestServer.json(server.get("/fn/echo/").body()).path("body").isMissingNode(),
                    "no body: req.body undefined, as body-parser 2 leaves it");
        }

        JsonNode body(String function, String type, String text) {
            return TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/fn/" + function + "/"))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(text)).build()).body());
        }

        @Test
        void endsWithStatusAloneAndLogsTheExecution() {
            deploy("empty", "nodejs", "index.empty", """
                    const functions = require('@google-cloud/functions-framework');
                    functions.http('empty', (req, res) => { console.log('here'); res.status(204).end(); });
                    """);
            TestServer.Reply reply = server.get("/fn/empty/");
            assertEquals(204, reply.status());
            assertEquals("", reply.body());
            List<String> log = logLines(server, "empty");
            assertTrue(log.getFirst().startsWith("Function execution started, execution_id: "), log.toString());
            assertTrue(log.stream().anyMatch(l -> l.matches("Function execution took \\d+ ms, finished with status code: 204")),
                    log.toString());
            assertTrue(log.getLast().matches("REPORT execution_id: .*\tBilled Duration: \\d*00 ms\t.*"), log.getLast());
        }

        @Test
        void givesPythonAFlaskRequestAndTakesFlasksAnswers() {
            deploy("flask", "python", "main.answer", """
                    import functions_framework

                    @functions_framework.http
                    def answer(request):
                        if request.args.get('as') == 'tuple':
                            return ('made', 201, {'X-Made': 'yes'})
                        return {'method': request.method, 'path': request.path, 'q': request.args.getlist('q'),
                                'json': request.get_json(silent=True), 'type': request.headers.get('content-type'),
                                'data': request.data.decode()}
                    """);
            TestServer.Reply reply = postJson("/fn/flask/p?q=1&q=2", "{\"n\":1}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("application/json", header(reply, "content-type"));
            assertEquals("{\"data\":\"{\\\"n\\\":1}\",\"json\":{\"n\":1},\"method\":\"POST\",\"path\":\"/p\",\"q\":[\"1\",\"2\"],"
                    + "\"type\":\"application/json\"}\n", reply.body(), "Flask's JSON: keys sorted, compact, a newline");
            TestServer.Reply tuple = server.get("/fn/flask/?as=tuple");
            assertEquals(201, tuple.status());
            assertEquals("yes", header(tuple, "x-made"));
            assertEquals("made", tuple.body());
        }

        @Test
        void aThrownErrorOrARejectedPromiseIsTheFrameworksCrashResponse() {
            String throwers = """
                    const functions = require('@google-cloud/functions-framework');
                    functions.http('thrower', (req, res) => { throw new Error('boom'); });
                    functions.http('rejecter', async (req, res) => { throw new Error('later'); });
                    """;
            deploy("thrower", "nodejs", "index.thrower", throwers);
            deploy("raiser", "python", "main.raiser", """
                    import functions_framework

                    @functions_framework.http
                    def raiser(request):
                        raise RuntimeError('boom')
                    """);
            for (String path : List.of("/fn/thrower/", "/fn/raiser/")) {
                TestServer.Reply reply = server.get(path);
                assertEquals(500, reply.status(), path);
                assertEquals("crash", header(reply, "x-google-status"), path);
                assertEquals("Internal Server Error", reply.body(), path);
            }
            deploy("thrower", "nodejs", "index.rejecter", throwers);
            assertEquals("crash", header(server.get("/fn/thrower/"), "x-google-status"), "a rejected promise as well");
            assertTrue(logLines(server, "raiser").stream().anyMatch(l -> l.contains("finished with status: 'crash'")));
        }

        @Test
        void deliversACloudEventSentOverHttpInBinaryOrStructuredMode() {
            deploy("recorder", "nodejs", "index.recorder", RECORDER);
            TestServer.Reply binary = server.send(HttpRequest.newBuilder(server.uri("/fn/recorder/"))
                    .header("ce-specversion", "1.0").header("ce-type", "com.example.test").header("ce-source", "//test")
                    .header("ce-id", "b-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")).build());
            assertEquals(204, binary.status(), binary.body());
            TestServer.Reply structured = postJson("/fn/recorder/", "{\"specversion\":\"1.0\",\"type\":\"com.example.test\","
                    + "\"source\":\"//test\",\"id\":\"s-1\",\"data\":{\"k\":2}}");
            assertEquals(204, structured.status(), structured.body());
            List<String> log = logLines(server, "recorder");
            assertTrue(log.stream().anyMatch(l -> l.contains("\"id\":\"b-1\"") && l.contains("\"data\":{\"k\":1}")), log.toString());
            assertTrue(log.stream().anyMatch(l -> l.contains("\"id\":\"s-1\"") && l.contains("\"data\":{\"k\":2}")), log.toString());
            assertEquals(404, server.get("/fn/recorder/").status(), "a CloudEvent function takes POST only");
        }
    }

    @Nested
    @DisplayName("triggered by the platform's events")
    class Triggered {

        JsonNode mapQueue(String queue, String function) {
            TestServer.Reply reply = server.post("/api/event-source-mappings", "{\"queue\":\"" + queue
                    + "\",\"function\":\"" + function + "\"}");
            assertEquals(201, reply.status(), reply.body());
            return reply.json();
        }

        @Test
        void aQueueMessageIsAPubSubMessagePublishedEvent() {
            deploy("hello-pubsub", "nodejs", "index.helloPubSub", HELLO_PUBSUB_JS);
            deploy("subscribe", "python", "main.subscribe", HELLO_PUBSUB_PY);
            deploy("recorder", "nodejs", "index.recorder", RECORDER);
            for (String function : List.of("hello-pubsub", "subscribe", "recorder")) {
                createQueue(server, "q-" + function, "");
                mapQueue("q-" + function, function);
                send(server, "q-" + function, "Ada");
            }
            server.sandbox().queuePoller().pollOnce();
            awaitLog("hello-pubsub", "Hello, Ada!");
            awaitLog("subscribe", "Hello, Ada!");
            JsonNode event = TestServer.json(awaitLog("recorder", "messagePublished").stream()
                    .filter(l -> l.contains("messagePublished")).findFirst().orElseThrow().split("\t", 4)[3]);
            assertEquals("1.0", event.path("specversion").asText());
            assertEquals("google.cloud.pubsub.topic.v1.messagePublished", event.path("type").asText());
            assertEquals("//pubsub.googleapis.com/projects/faaslab/topics/q-recorder", event.path("source").asText());
            JsonNode message = event.path("data").path("message");
            assertEquals("QWRh", message.path("data").asText(), "the body, base64");
            assertEquals(event.path("id").asText(), message.path("messageId").asText());
            assertEquals("2026-11-23T10:00:00.000Z", message.path("publishTime").asText());
            assertEquals("projects/faaslab/subscriptions/q-recorder", event.path("data").path("subscription").asText());
            assertEquals(List.of(0L, 0L, 0L), counts(server, "q-recorder"), "acknowledged: deleted");
        }

        @Test
        void aCloudEventFunctionThatThrowsHasItsMessageDeliveredAgain() {
            deploy("picky", "nodejs", "index.picky", """
                    const functions = require('@google-cloud/functions-framework');
                    functions.cloudEvent('picky', (cloudEvent) => {
                      const body = Buffer.from(cloudEvent.data.message.data, 'base64').toString();
                      if (body === 'poison') throw new Error('cannot take ' + body);
                      console.log('took ' + body);
                    });
                    """);
            createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":30}");
            mapQueue("orders", "picky");
            send(server, "orders", "good");
            send(server, "orders", "poison");
            server.sandbox().queuePoller().pollOnce();
            awaitLog("picky", "took good");
            assertEquals(List.of(0L, 1L, 0L), counts(server, "orders"), "the poison message alone waits to come back");
            clock.advance(Duration.ofSeconds(30));
            server.sandbox().queuePoller().pollOnce();
            Await.until("the second delivery", Duration.ofSeconds(30), () -> logLines(server, "picky").stream()
                    .filter(l -> l.contains("cannot take poison")).count() >= 2);
        }

        @Test
        void anObjectPutIntoABucketIsACloudStorageFinalizedEvent() {
            deploy("hello-gcs", "nodejs", "index.helloGCS", HELLO_GCS_JS);
            deploy("hello-gcs-py", "python", "main.hello_gcs", HELLO_GCS_PY);
            deploy("recorder", "nodejs", "index.recorder", RECORDER);
            server.put("/api/buckets/uploads", "");
            for (String function : List.of("hello-gcs", "hello-gcs-py", "recorder")) {
                TestServer.Reply subscribed = server.post("/api/buckets/uploads/subscriptions", "{\"function\":\""
                        + function + "\",\"events\":[\"ObjectCreated:*\"]}");
                assertEquals(201, subscribed.status(), subscribed.body());
            }
            TestServer.Reply put = server.send(HttpRequest.newBuilder(server.uri("/api/buckets/uploads/objects/in/note.txt"))
                    .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("hello")).build());
            assertTrue(put.status() < 300, put.body());
            awaitLog("hello-gcs", "File: in/note.txt");
            assertTrue(logLines(server, "hello-gcs").stream().anyMatch(l -> l.endsWith("Event Type: google.cloud.storage.object.v1.finalized")));
            awaitLog("hello-gcs-py", "File: in/note.txt");
            JsonNode event = TestServer.json(awaitLog("recorder", "finalized").stream()
                    .filter(l -> l.contains("finalized")).findFirst().orElseThrow().split("\t", 4)[3]);
            assertEquals("//storage.googleapis.com/projects/_/buckets/uploads", event.path("source").asText());
            assertEquals("objects/in/note.txt", event.path("subject").asText());
            JsonNode object = event.path("data");
            assertEquals("uploads", object.path("bucket").asText());
            assertEquals("in/note.txt", object.path("name").asText());
            assertEquals("5", object.path("size").asText(), "a string, as Cloud Storage gives sizes");
            assertTrue(object.path("size").isTextual());
            assertEquals("text/plain", object.path("contentType").asText());
            assertEquals("XUFAKrxLKna5cZ2REBfFkg==", object.path("md5Hash").asText(), "MD5 of 'hello', base64");
            assertEquals(object.path("timeCreated").asText(), event.path("time").asText());
        }

        @Test
        void aScheduleIsACloudSchedulerJobPublishingToPubSub() throws Exception {
            // Schedules fire on the scheduler's own thread: a real clock, as SchedulesApiTest has, and a rate in seconds.
            try (TestServer live = new TestServer(data.resolve("live"))) {
                live.deploy("hello-pubsub", TestServer.JSON.createObjectNode().put("runtime", "nodejs")
                        .put("style", "gcp-functions").put("handler", "index.helloPubSub").put("code", HELLO_PUBSUB_JS).toString());
                TestServer.Reply created = live.put("/api/schedules/Friend", "{\"expression\":\"rate(5 seconds)\","
                        + "\"function\":\"hello-pubsub\"}");
                assertEquals(201, created.status(), created.body());
                Await.until("the schedule to fire", Duration.ofSeconds(60), () -> logLines(live, "hello-pubsub").stream()
                        .anyMatch(line -> line.endsWith("Hello, Friend!"))); // the job's message: the schedule's name
                assertEquals(204, live.delete("/api/schedules/Friend").status());
            }
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @Test
        void aFileThatRegistersNothingNamingTheStyleAndWhatItLookedFor() {
            TestServer.Reply js = server.put("/api/functions/nothing", "{\"runtime\":\"nodejs\",\"style\":\"gcp-functions\","
                    + "\"code\":\"exports.helloHttp = (req, res) => res.send('hi');\"}");
            assertEquals(400, js.status(), js.body());
            assertTrue(js.body().contains("Cloud Run functions (style gcp-functions)") && js.body().contains("functions.http(")
                    && js.body().contains("index.js calls neither"), js.body());
            TestServer.Reply py = server.put("/api/functions/nothing", "{\"runtime\":\"python\",\"style\":\"gcp-functions\","
                    + "\"code\":\"def hello_http(request):\\n    return 'hi'\\n\"}");
            assertEquals(400, py.status(), py.body());
            assertTrue(py.body().contains("@functions_framework.http") && py.body().contains("main.py decorates none"), py.body());
        }

        @Test
        void anEntryPointNotRegisteredListingWhatIs() {
            deploy("wrong", "nodejs", "index.hello", HELLO_PUBSUB_JS);
            JsonNode error = server.post("/api/functions/wrong/invoke", "{}").json().path("error");
            assertEquals("INIT", error.path("kind").asText(), error.toString());
            assertEquals("Runtime.HandlerNotFound", error.path("errorType").asText());
            assertTrue(error.path("errorMessage").asText().contains("'hello'")
                    && error.path("errorMessage").asText().contains("registers 'helloPubSub' (cloudevent)"), error.toString());
            assertTrue(error.path("hint").asText().contains("index.helloPubSub"), error.toString());
            // GraalPy's first context in a JVM can take longer than the 10 s init phase on a loaded machine: warm it first.
            deploy("wrong-py", "python", "main.subscribe", HELLO_PUBSUB_PY);
            server.post("/api/functions/wrong-py/invoke", "{}");
            deploy("wrong-py", "python", "main.hello", HELLO_PUBSUB_PY);
            JsonNode python = server.post("/api/functions/wrong-py/invoke", "{}").json().path("error");
            assertTrue(python.path("errorMessage").asText().contains("Found: 'subscribe' (cloudevent) instead"), python.toString());
            assertTrue(python.path("hint").asText().contains("main.subscribe"), python.toString());
        }
    }
}
