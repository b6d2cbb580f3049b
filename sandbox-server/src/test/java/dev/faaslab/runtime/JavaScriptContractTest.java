package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static dev.faaslab.runtime.TestRuntime.json;
import static dev.faaslab.runtime.TestRuntime.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A JavaScript function")
class JavaScriptContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    @DisplayName("is called the way Lambda's Node.js runtime calls it")
    class HandlerShapes {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                ES module, exported async arrow       | index.mjs | export const handler = async (event) => ({ doubled: event.n * 2 });
                ES module, exported async function    | index.mjs | export async function handler(event) { return { doubled: event.n * 2 }; }
                ES module syntax in a .js file        | index.js  | export const handler = async (event) => ({ doubled: event.n * 2 });
                ES module syntax after a comment      | index.js  | /* doubles n */ export const handler = async (event) => ({ doubled: event.n * 2 });
                a comment saying export, in CommonJS  | index.js  | /* export nothing */ exports.handler = async (event) => ({ doubled: event.n * 2 });
                CommonJS, exports.handler             | index.js  | exports.handler = async (event) => ({ doubled: event.n * 2 });
                CommonJS, module.exports.handler      | index.js  | module.exports.handler = async function (event) { return { doubled: event.n * 2 }; };
                CommonJS, module.exports = object     | index.cjs | module.exports = { handler: async (event) => ({ doubled: event.n * 2 }) };
                callback style                        | index.js  | exports.handler = (event, context, callback) => callback(null, { doubled: event.n * 2 });
                callback after a timer                | index.js  | exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { doubled: event.n * 2 }), 5); };
                a promise resolved by a timer         | index.mjs | export const handler = (event) => new Promise((resolve) => setTimeout(() => resolve({ doubled: event.n * 2 }), 5));
                """)
        void returnsTheHandlersResult(String shape, String file, String code) {
            assertEquals("{\"doubled\":42}", json(invokeOnce(file, code, "{\"n\":21}")), shape);
        }

        @Test
        void awaitsTimersAndMicrotasksInOrder() {
            String code = """
                    export const handler = async () => {
                      const seen = [];
                      queueMicrotask(() => seen.push('microtask'));
                      await new Promise((resolve) => setTimeout(() => { seen.push('timeout'); resolve(); }, 10));
                      let ticks = 0;
                      await new Promise((resolve) => { const id = setInterval(() => { if (++ticks === 3) { clearInterval(id); resolve(); } }, 2); });
                      const cancelled = setTimeout(() => seen.push('cancelled'), 1);
                      clearTimeout(cancelled);
                      await new Promise((resolve) => setTimeout(resolve, 5));
                      seen.push('ticks:' + ticks);
                      return seen;
                    };""";
            assertEquals("[\"microtask\",\"timeout\",\"ticks:3\"]", json(invokeOnce("index.mjs", code, "{}")));
        }

        @Test
        void waitsForTheEventLoopAfterACallbackUnlessToldNotTo() {
            String waits = """
                    let fired = 0;
                    exports.handler = (event, context, callback) => {
                      setTimeout(() => { fired++; }, 20);
                      callback(null, 'done');
                    };""";
            InvocationResult waited = invokeOnce("index.js", waits, "{}");
            assertEquals("\"done\"", json(waited));
            assertTrue(waited.report().durationMs() >= 15, "the timer ran before the response: " + waited.report());

            String doesNotWait = waits.replace("setTimeout(() => { fired++; }, 20);",
                    "context.callbackWaitsForEmptyEventLoop = false; setTimeout(() => { fired++; }, 2000);");
            InvocationResult early = invokeOnce("index.js", doesNotWait, "{}");
            assertEquals("\"done\"", json(early));
            assertTrue(early.report().durationMs() < 1000, "answered without waiting: " + early.report());
        }

        @Test
        void answersNullWhenASynchronousHandlerReturnsAValueAsLambdaDoes() {
            InvocationResult result = invokeOnce("index.js", "exports.handler = (event) => ({ ignored: true });", "{}");
            assertEquals("null", json(result));
            assertTrue(result.logs().stream().anyMatch(line -> line.level() == LogLevel.WARN
                    && line.message().contains("async")), "a warning explains why: " + result.logs());
        }

        @Test
        void failsWhenThePromiseCanNeverSettle() {
            InvocationResult result = invokeOnce("index.mjs", "export const handler = () => new Promise(() => {});", "{}");
            assertEquals("Runtime.ExitError", result.error().errorType());
            assertEquals(ErrorKind.FUNCTION, result.error().kind());
        }
    }

    @Nested
    @DisplayName("reports its errors as Lambda does, with the place in the learner's code")
    class Errors {

        @Test
        void thrownErrorsHaveTypeMessageAndLocation() {
            String code = "export const handler = async (event) => {\n  const x = event.missing;\n  return x.length;\n};";
            InvocationResult result = invokeOnce("index.mjs", code, "{}");
            FunctionError error = result.error();
            LogLine logged = result.logs().getLast();
            assertEquals(LogLevel.ERROR, logged.level(), "the error is the invocation's last log line");
            assertTrue(logged.message().startsWith("TypeError: ") && logged.message().contains("at index.mjs:3:10"), logged.message());
            assertEquals(ErrorKind.FUNCTION, error.kind());
            assertEquals("TypeError", error.errorType());
            assertTrue(error.errorMessage().contains("length"), error.errorMessage());
            assertEquals(new SourceLocation("index.mjs", 3, 10), error.location(), "where x.length is read");
            assertTrue(error.trace().getFirst().startsWith("TypeError"), error.trace().toString());
        }

        @Test
        void callbackErrorsAndRejectionsAndThrownStringsAreErrorsToo() {
            assertEquals("Error", invokeOnce("index.js",
                    "exports.handler = (e, c, callback) => callback(new Error('no'));", "{}").error().errorType());
            assertEquals("RangeError", invokeOnce("index.mjs",
                    "export const handler = () => Promise.reject(new RangeError('out'));", "{}").error().errorType());
            FunctionError thrownString = invokeOnce("index.mjs",
                    "export const handler = async () => { throw 'plain'; };", "{}").error();
            assertEquals("string", thrownString.errorType());
            assertEquals("plain", thrownString.errorMessage());
        }

        @Test
        void aResponseThatIsNotJsonIsAMarshalError() {
            FunctionError error = invokeOnce("index.mjs",
                    "export const handler = async () => { const a = {}; a.self = a; return a; };", "{}").error();
            assertEquals("Runtime.MarshalError", error.errorType());
        }

        @Test
        void anErrorInATimerFailsTheInvocation() {
            FunctionError error = invokeOnce("index.mjs",
                    "export const handler = () => new Promise(() => { setTimeout(() => { throw new Error('late'); }, 1); });", "{}").error();
            assertEquals("late", error.errorMessage());
        }
    }

    @Nested
    @DisplayName("gets Lambda's context object")
    class ContextObject {

        @Test
        void withTheFunctionsIdentity() throws Exception {
            String code = """
                    export const handler = async (event, context) => ({
                      functionName: context.functionName, functionVersion: context.functionVersion,
                      memoryLimitInMB: context.memoryLimitInMB, invokedFunctionArn: context.invokedFunctionArn,
                      awsRequestId: context.awsRequestId, logGroupName: context.logGroupName,
                      logStreamName: context.logStreamName, waits: context.callbackWaitsForEmptyEventLoop });""";
            FunctionConfig config = FunctionConfig.of("index.mjs", code).withName("orders").withMemoryMb(256);
            InvocationResult result = invokeOnce(config, "{}");
            JsonNode context = JSON.readTree(json(result));
            assertEquals("orders", context.get("functionName").asText());
            assertEquals("$LATEST", context.get("functionVersion").asText());
            assertEquals("256", context.get("memoryLimitInMB").asText(), "a string, as in Node.js");
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:orders", context.get("invokedFunctionArn").asText());
            assertEquals(result.requestId(), context.get("awsRequestId").asText());
            assertEquals("/aws/lambda/orders", context.get("logGroupName").asText());
            assertTrue(context.get("logStreamName").asText().endsWith("[$LATEST]" + result.report().instanceId()),
                    context.get("logStreamName").asText());
            assertTrue(context.get("waits").asBoolean());
        }

        @Test
        void whoseRemainingTimeCountsDownAgainstTheTimeout() throws Exception {
            String code = """
                    export const handler = async (event, context) => {
                      const before = context.getRemainingTimeInMillis();
                      await new Promise((resolve) => setTimeout(resolve, 200));
                      return { before, after: context.getRemainingTimeInMillis() };
                    };""";
            JsonNode times = JSON.readTree(json(invokeOnce(
                    FunctionConfig.of("index.mjs", code).withTimeout(Duration.ofSeconds(5)), "{}")));
            long before = times.get("before").asLong();
            long after = times.get("after").asLong();
            assertTrue(before <= 5000 && before > 4000, "starts near the timeout: " + before);
            assertTrue(before - after >= 190, "counted down across the 200 ms wait: " + before + " -> " + after);
        }
    }

    @Nested
    @DisplayName("logs through console, captured per invocation with levels")
    class Console {

        @Test
        void eachMethodHasItsLevelAndNodesFormatting() {
            String code = """
                    export const handler = async () => {
                      console.log('plain', 42, { a: 1, b: [1, 'two'] });
                      console.info('%s has %d items', 'cart', 3);
                      console.warn('careful');
                      console.error(new Error('broken').message);
                      console.debug('details');
                      return null;
                    };""";
            InvocationResult result = invokeOnce("index.mjs", code, "{}");
            assertEquals(List.of("plain 42 { a: 1, b: [ 1, 'two' ] }", "cart has 3 items", "careful", "broken", "details"),
                    messages(result));
            assertEquals(List.of(LogLevel.INFO, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR, LogLevel.DEBUG),
                    result.logs().stream().map(LogLine::level).toList());
            assertTrue(result.logs().stream().allMatch(line -> line.requestId().equals(result.requestId())));
        }

        @Test
        void initLogsBelongToTheColdStartsInvocation() {
            InvocationResult result = invokeOnce("index.mjs",
                    "console.log('loading');\nexport const handler = async () => { console.log('handling'); };", "{}");
            assertEquals(List.of("loading", "handling"), messages(result));
            List<String> text = result.logText("$LATEST");
            assertTrue(text.getFirst().startsWith("START RequestId: " + result.requestId()), text.toString());
            assertTrue(text.get(text.size() - 2).startsWith("END RequestId: "), text.toString());
            assertTrue(text.getLast().startsWith("REPORT RequestId: "), text.toString());
        }
    }

    @Test
    @DisplayName("sees its own environment variables and Lambda's, never the host's")
    void seesOnlyItsOwnEnvironment() throws Exception {
        String code = "export const handler = async () => ({ table: process.env.TABLE, name: process.env.AWS_LAMBDA_FUNCTION_NAME, "
                + "home: process.env.HOME ?? null, path: process.env.PATH ?? null, keys: Object.keys(process.env) });";
        FunctionConfig config = FunctionConfig.of("index.mjs", code).withEnvironment(Map.of("TABLE", "orders"));
        JsonNode env = JSON.readTree(json(invokeOnce(config, "{}")));
        assertEquals("orders", env.get("table").asText());
        assertEquals("index", env.get("name").asText());
        assertTrue(env.get("home").isNull() && env.get("path").isNull(), env.toString());
        assertNotNull(System.getenv("PATH"), "the host does have a PATH");
    }
}
