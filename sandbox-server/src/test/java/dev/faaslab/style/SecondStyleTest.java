package dev.faaslab.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.SharedTestRuntime;
import dev.faaslab.http.WebServer;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionInstance;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a handler style touches neither the runtime nor the platform: {@link RawBodyStyle}, written here
 * in the test sources, runs functions through the same runtime as Lambda's style, with the shared core's
 * console, timers and limits.
 */
class SecondStyleTest {

    private static final FunctionRuntime RUNTIME = SharedTestRuntime.get();
    private static final RawBodyStyle RAW_BODY = new RawBodyStyle();

    private static Event.Http post(String body) {
        return new Event.Http("POST", "/", "", List.of(new Event.Header("Content-Type", "text/plain")),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "h", Ids.requestId(), 1_763_891_096_789L);
    }

    private static FunctionInstance instance(String code) {
        return RUNTIME.deploy(FunctionConfig.of("index.mjs", code), SdkBridge.standalone(), RAW_BODY).newInstance();
    }

    @Nested
    class AFunctionInTheRawBodyStyle {

        @Test
        void isCalledWithTheRequestBodyAsItsOnlyArgument() {
            try (FunctionInstance instance = instance(
                    "export const handler = (...args) => ({ count: args.length, body: args[0] });")) {
                InvocationResult result = instance.invoke(post("hello, raw"), Ids.requestId());
                assertEquals(new Outcome.Success("{\"count\":1,\"body\":\"hello, raw\"}"), result.outcome(),
                        "one argument, the body's text, and no Lambda event or context");
            }
        }

        @Test
        void hasTheSharedCoresConsoleAndTimers() {
            try (FunctionInstance instance = instance("""
                    export const handler = (body) => new Promise((resolve) => {
                      console.log('got', body);
                      setTimeout(() => resolve(body.toUpperCase()), 5);
                    });""")) {
                InvocationResult result = instance.invoke(post("later"), Ids.requestId());
                assertEquals(new Outcome.Success("\"LATER\""), result.outcome());
                assertTrue(result.logs().stream().anyMatch(line -> line.message().equals("got later")),
                        "console.log reaches the invocation's log: " + result.logs());
            }
        }

        @Test
        void getsItsAnswerMappedByItsStyle() {
            try (FunctionInstance instance = instance("export const handler = (body) => body.length;")) {
                HttpReply reply = RAW_BODY.response(instance.invoke(post("four"), Ids.requestId()).outcome());
                assertEquals(200, reply.status());
                assertEquals("4", new String(reply.body(), StandardCharsets.UTF_8));
            }
        }

        @Test
        void inPythonIsCalledWithTheBodyToo() {
            FunctionConfig config = FunctionConfig.of("lambda_function.py", """
                    def lambda_handler(*args):
                        print('got', args[0])
                        return {'count': len(args), 'body': args[0]}
                    """);
            try (FunctionInstance instance = RUNTIME.deploy(config, SdkBridge.standalone(), RAW_BODY).newInstance()) {
                InvocationResult result = instance.invoke(post("hello, snake"), Ids.requestId());
                assertEquals(new Outcome.Success("{\"count\": 1, \"body\": \"hello, snake\"}"), result.outcome(),
                        "one argument, the body's text, and no Lambda event or context: " + result.logs());
                assertTrue(result.logs().stream().anyMatch(line -> line.message().equals("got hello, snake")),
                        "print reaches the invocation's log through the shared core: " + result.logs());
            }
        }

        @Test
        void isStoppedByTheSameLimitsAsAnyOther() {
            FunctionConfig config = FunctionConfig.of("index.mjs", "export const handler = () => { for (;;) {} };")
                    .withTimeout(java.time.Duration.ofSeconds(1));
            try (FunctionInstance instance = RUNTIME.deploy(config, SdkBridge.standalone(), RAW_BODY).newInstance()) {
                InvocationResult result = instance.invoke(post("x"), Ids.requestId());
                assertEquals("Sandbox.Timedout", result.error().errorType());
            }
        }
    }

    @Test
    void aLambdaFunctionOnTheSameRuntimeKeepsLambdasContract() {
        try (FunctionInstance instance = RUNTIME.deploy(FunctionConfig.of("index.mjs",
                "export const handler = async (event, context) => [event.body, typeof context.awsRequestId];"))
                .newInstance()) {
            assertEquals(new Outcome.Success("[\"hello\",\"string\"]"),
                    instance.invoke(post("hello"), Ids.requestId()).outcome());
        }
    }

    /** The whole server, unchanged, on a runtime whose default style is the test's: the trigger maps by it. */
    @Test
    void aServerOnARuntimeOfTheSecondStyleServesItsFunctionsThroughTheTrigger(@TempDir Path data) throws Exception {
        try (FunctionRuntime runtime = new FunctionRuntime(Clock.system(), RAW_BODY);
             Sandbox sandbox = Sandbox.open(data, Clock.system(), runtime, PlatformLimits.DEFAULT)) {
            WebServer server = WebServer.listen("127.0.0.1", 0, null);
            try {
                server.serve(sandbox);
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> created = client.send(HttpRequest.newBuilder(server.uri().resolve("/api/functions/shout"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"runtime\":\"nodejs\",\"code\":"
                                + "\"export const handler = (body) => body.toUpperCase();\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(created.statusCode() / 100 == 2, "created: " + created.body());
                URI trigger = server.uri().resolve("/fn/shout");
                HttpResponse<String> reply = client.send(HttpRequest.newBuilder(trigger)
                        .POST(HttpRequest.BodyPublishers.ofString("quiet")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, reply.statusCode());
                assertEquals("\"QUIET\"", reply.body(), "the raw-body style's mapping, not API Gateway's");
                assertEquals("application/json", reply.headers().firstValue("content-type").orElse(null));
            } finally {
                server.close();
            }
        }
    }
}
