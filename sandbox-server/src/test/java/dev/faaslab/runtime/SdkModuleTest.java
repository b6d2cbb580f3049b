package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.json;
import static dev.faaslab.runtime.TestRuntime.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.CounterService;
import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.runtime.sdk.SdkRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The faaslab SDK module")
class SdkModuleTest {

    static final WorkspaceId WORKSPACE = new WorkspaceId("ada");

    CounterService service;
    SdkBridge bridge;
    final AtomicInteger counted = new AtomicInteger();

    @BeforeEach
    void services() {
        service = new CounterService();
        SdkRegistry registry = new SdkRegistry();
        registry.register(service);
        bridge = SdkBridge.of(registry, WORKSPACE, reply -> counted.incrementAndGet());
    }

    InvocationResult invoke(FunctionConfig config) {
        try (FunctionInstance instance = TestRuntime.shared().deploy(config, bridge).newInstance()) {
            return instance.invoke("{}");
        }
    }

    /** Generous timeouts: a busy machine must not turn a result into a timeout. */
    static FunctionConfig config(String fileName, String code) {
        return FunctionConfig.of(fileName, code).withTimeout(Duration.ofSeconds(60));
    }

    InvocationResult invoke(String fileName, String code) {
        return invoke(config(fileName, code));
    }

    @Nested
    @DisplayName("in JavaScript")
    class InJavaScript {

        @Test
        @DisplayName("is imported as an ES module, and its calls return promises of the service's results")
        void esModule() {
            InvocationResult result = invoke("index.mjs", """
                    import { table } from 'faaslab';
                    export const handler = async () => {
                      const pending = table('orders').put({ id: 'a', total: 12 });
                      const isPromise = pending instanceof Promise;
                      await pending;
                      const { item } = await table('orders').get({ id: 'a' });
                      return { isPromise, item };
                    };
                    """);
            assertEquals("{\"isPromise\":true,\"item\":{\"id\":\"a\",\"total\":12}}", json(result));
            assertEquals(List.of("ada put orders", "ada get orders"), service.calls);
        }

        @Test
        @DisplayName("is required in CommonJS, and offers a default export and every service")
        void commonJs() {
            InvocationResult result = invoke("index.js", """
                    const { table, bucket, queue } = require('faaslab');
                    exports.handler = async () => {
                      await table('visits').increment({ id: 'home' }, 'count');
                      const { value } = await table('visits').increment({ id: 'home' }, 'count', 5);
                      return [value, typeof bucket('b').list, typeof queue('q').sendBatch, require('faaslab') === require('faaslab')];
                    };
                    """);
            assertEquals("[6,\"function\",\"function\",true]", json(result));
        }

        @Test
        @DisplayName("turns a refusal into an Error named by its code, which the handler can catch")
        void refusalIsCatchable() {
            InvocationResult result = invoke("index.mjs", """
                    import faaslab, { table, SdkError } from 'faaslab';
                    export const handler = async () => {
                      await table('orders').put({ id: 'a' }, { ifAbsent: true });
                      try {
                        await table('orders').put({ id: 'a' }, { ifAbsent: true });
                        return 'written twice';
                      } catch (e) {
                        if (e.name === 'ConditionalCheckFailedException') {
                          return [e.name, e instanceof Error, e instanceof SdkError, faaslab.SdkError === SdkError, e.message];
                        }
                        throw e;
                      }
                    };
                    """);
            assertEquals("[\"ConditionalCheckFailedException\",true,true,true,"
                    + "\"the item 'a' already exists in table 'orders'\"]", json(result));
        }

        @Test
        @DisplayName("fails the invocation with the refusal's code when the handler does not catch it")
        void uncaughtRefusal() {
            InvocationResult result = invoke("index.mjs", """
                    import { table } from 'faaslab';
                    export const handler = async () => table('orders').increment({ id: 'a' }, 'n', 1)
                      .then(() => table('orders').get({ id: 'a' }, 'n'))
                      .then(() => table('orders').frobnicate());
                    """);
            assertFalse(result.succeeded());
            assertEquals("TypeError", result.error().errorType(), "an unknown method is the language's own error");

            FunctionError refused = invoke("index.mjs", """
                    import { table } from 'faaslab';
                    export const handler = async () => {
                      await table('orders').put({ id: 'b' }, { ifAbsent: true });
                      await table('orders').put({ id: 'b' }, { ifAbsent: true });
                    };
                    """).error();
            assertEquals("ConditionalCheckFailedException", refused.errorType());
            assertEquals(new SourceLocation("index.mjs", 4, 25), refused.location(), "where the learner's code called");
        }
    }

    @Nested
    @DisplayName("in Python")
    class InPython {

        @Test
        @DisplayName("is imported, and its calls return the service's results synchronously")
        void imported() {
            InvocationResult result = invoke("lambda_function.py", """
                    from faaslab import table, bucket, queue

                    def lambda_handler(event, context):
                        table('orders').put({'id': 'a', 'total': 12}, if_absent=True)
                        table('visits').increment({'id': 'home'}, 'count')
                        visits = table('visits').increment({'id': 'home'}, 'count', 5)['value']
                        return {'item': table('orders').get({'id': 'a'})['item'], 'visits': visits,
                                'methods': callable(bucket('b').list) and callable(queue('q').send_batch)}
                    """);
            assertEquals("{\"item\": {\"id\": \"a\", \"total\": 12}, \"visits\": 6, \"methods\": true}", json(result));
        }

        @Test
        @DisplayName("raises a refusal as an exception class named by its code, a subclass of SdkError")
        void refusalIsCatchable() {
            InvocationResult result = invoke("lambda_function.py", """
                    import faaslab

                    def lambda_handler(event, context):
                        faaslab.table('orders').put({'id': 'a'}, if_absent=True)
                        try:
                            faaslab.table('orders').put({'id': 'a'}, if_absent=True)
                        except faaslab.ConditionalCheckFailedException as e:
                            return [type(e).__name__, isinstance(e, faaslab.SdkError), e.code, str(e)]
                    """);
            assertEquals("[\"ConditionalCheckFailedException\", true, \"ConditionalCheckFailedException\", "
                    + "\"the item 'a' already exists in table 'orders'\"]", json(result));
        }

        @Test
        @DisplayName("fails the invocation with the refusal's code when the handler does not catch it")
        void uncaughtRefusal() {
            FunctionError error = invoke("lambda_function.py", """
                    from faaslab import table

                    def lambda_handler(event, context):
                        table('orders').frobnicate_nothing = 1
                        return table('orders').put({'no id': True})
                    """).error();
            assertEquals("ValidationException", error.errorType());
            assertEquals(5, error.location().line());
        }
    }

    @Nested
    @DisplayName("keeps its limits")
    class Limits {

        @Test
        @DisplayName("refuses a request over 6 MB, and a result over 6 MB, with errors the handler can catch")
        void sizeLimits() {
            service.queryFiller = 6 * 1024 * 1024;
            InvocationResult result = invoke(config("index.mjs", """
                    import { table } from 'faaslab';
                    const outcome = (promise) => promise.then(() => 'accepted', (e) => e.name + ': ' + e.message);
                    export const handler = async () => [
                      await outcome(table('t').put({ id: 'a', text: 'x'.repeat(6 * 1024 * 1024) })),
                      await outcome(table('t').query({ partitionKey: 'a' })),
                      await outcome(table('t').put({ id: 'b', text: 'x'.repeat(1024) })),
                    ];
                    """).withMemoryMb(1024).withTimeout(Duration.ofSeconds(30)));
            String[] replies = json(result).split("\",\"");
            assertTrue(replies[0].matches("\\[\"RequestTooLargeException: table\\.put: the request is \\d+ bytes, over the SDK's limit of 6291456 bytes.*"), replies[0]);
            assertTrue(replies[1].matches("ResponseTooLargeException: table\\.query returned \\d+ bytes, over the SDK's limit of 6291456 bytes.*"), replies[1]);
            assertEquals("accepted\"]", replies[2], "a call within the limits still goes through");
        }

        @Test
        @DisplayName("ends at the invocation's timeout while a call still runs, and the instance is not used again")
        void timeBounded() {
            service.blockDeletes = true;
            FunctionConfig config = FunctionConfig.of("index.mjs", """
                    import { table } from 'faaslab';
                    let calls = 0;
                    export const handler = async () => { calls++; await table('t').delete({ id: 'a' }); return calls; };
                    """).withTimeout(Duration.ofSeconds(1));
            try (FunctionInstance instance = TestRuntime.shared().deploy(config, bridge).newInstance()) {
                InvocationResult result = instance.invoke("{}");
                assertEquals(ErrorKind.TIMEOUT, result.error().kind());
                assertFalse(service.deleteFinished, "the invocation ended while the call was still running");
                assertEquals(FunctionInstance.State.DISCARDED, instance.state(), "the instance is discarded, as after any timeout");
            } finally {
                service.release();
            }
            service.blockDeletes = false;
            try (FunctionInstance fresh = TestRuntime.shared().deploy(config, bridge).newInstance()) {
                assertEquals("1", json(fresh.invoke("{}")), "a new instance serves the next request");
            }
        }
    }

    @Nested
    @DisplayName("counts every call")
    class Counting {

        @Test
        @DisplayName("with a log line naming the service, operation, resource, time and any refusal's code")
        void logLines() {
            InvocationResult result = invoke("lambda_function.py", """
                    import faaslab

                    def lambda_handler(event, context):
                        faaslab.table('orders').put({'id': 'a'}, if_absent=True)
                        try:
                            faaslab.table('orders').put({'id': 'a'}, if_absent=True)
                        except faaslab.SdkError:
                            pass
                        return faaslab.table('orders').get({'id': 'a'})['item']['id']
                    """);
            assertEquals("\"a\"", json(result));
            List<String> sdk = messages(result).stream().filter(m -> m.startsWith("SDK ")).toList();
            assertEquals(3, sdk.size(), "one line per call: " + messages(result));
            assertTrue(sdk.get(0).matches("SDK table\\.put orders \\d+\\.\\d ms"), sdk.get(0));
            assertTrue(sdk.get(1).matches("SDK table\\.put orders \\d+\\.\\d ms ConditionalCheckFailedException"), sdk.get(1));
            assertTrue(sdk.get(2).matches("SDK table\\.get orders \\d+\\.\\d ms"), sdk.get(2));
            assertEquals(3, counted.get(), "and tells the platform of each, for the function's metrics");
        }
    }

    @Nested
    @DisplayName("run on its own, without the server (./faaslab invoke)")
    class Standalone {

        @Test
        @DisplayName("loads, and its calls fail saying that services need ./faaslab start")
        void explains() {
            FunctionError js = TestRuntime.invokeOnce(config("index.mjs", """
                    import { queue } from 'faaslab';
                    export const handler = async () => queue('jobs').send({ job: 1 });
                    """), "{}").error();
            assertEquals("ServiceUnavailableException", js.errorType(), js.describe());
            assertTrue(js.errorMessage().startsWith("queue.send: services (table, bucket, queue) run in the FaaS Lab server"), js.errorMessage());
            assertTrue(js.errorMessage().contains("./faaslab start"), js.errorMessage());

            FunctionError python = TestRuntime.invokeOnce(config("lambda_function.py", """
                    from faaslab import bucket

                    def lambda_handler(event, context):
                        return bucket('photos').put('a.txt', 'hello', content_type='text/plain')
                    """), "{}").error();
            assertEquals("ServiceUnavailableException", python.errorType(), python.describe());
            assertTrue(python.errorMessage().contains("./faaslab start"), python.errorMessage());
        }
    }
}
