package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static dev.faaslab.runtime.TestRuntime.json;
import static dev.faaslab.runtime.TestRuntime.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A Python function")
class PythonContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("is called as handler(event, context) and its result is returned as JSON")
    void returnsTheHandlersResult() {
        String code = "def lambda_handler(event, context):\n    return {'doubled': event['n'] * 2, 'ok': True, 'none': None}\n";
        assertEquals("{\"doubled\": 42, \"ok\": true, \"none\": null}", json(invokeOnce("lambda_function.py", code, "{\"n\":21}")));
    }

    @Test
    @DisplayName("may use another handler name, as Lambda's handler setting allows")
    void honoursTheHandlerSetting() {
        FunctionConfig config = FunctionConfig.of("app.py", "def main(event, context):\n    return 'main'\n")
                .withHandler(HandlerName.parse("app.main"));
        assertEquals("\"main\"", json(invokeOnce(config, "{}")));
    }

    @Nested
    @DisplayName("gets Lambda's context object")
    class ContextObject {

        @Test
        void withTheFunctionsIdentityInSnakeCase() throws Exception {
            String code = """
                    def lambda_handler(event, context):
                        return {'function_name': context.function_name, 'function_version': context.function_version,
                                'memory_limit_in_mb': context.memory_limit_in_mb, 'arn': context.invoked_function_arn,
                                'request_id': context.aws_request_id, 'log_group_name': context.log_group_name,
                                'log_stream_name': context.log_stream_name}
                    """;
            InvocationResult result = invokeOnce(FunctionConfig.of("lambda_function.py", code).withName("thumbs"), "{}");
            JsonNode context = JSON.readTree(json(result));
            assertEquals("thumbs", context.get("function_name").asText());
            assertEquals("$LATEST", context.get("function_version").asText());
            assertEquals("128", context.get("memory_limit_in_mb").asText());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:thumbs", context.get("arn").asText());
            assertEquals(result.requestId(), context.get("request_id").asText());
            assertEquals("/aws/lambda/thumbs", context.get("log_group_name").asText());
            assertTrue(context.get("log_stream_name").asText().endsWith(result.report().instanceId()));
        }

        @Test
        void whoseRemainingTimeCountsDown() throws Exception {
            String code = """
                    import time
                    def lambda_handler(event, context):
                        before = context.get_remaining_time_in_millis()
                        time.sleep(0.2)
                        return [before, context.get_remaining_time_in_millis()]
                    """;
            JsonNode times = JSON.readTree(json(invokeOnce(
                    FunctionConfig.of("lambda_function.py", code).withTimeout(Duration.ofSeconds(5)), "{}")));
            assertTrue(times.get(0).asLong() <= 5000 && times.get(0).asLong() > 4000, times.toString());
            assertTrue(times.get(0).asLong() - times.get(1).asLong() >= 190, times.toString());
        }
    }

    @Test
    @DisplayName("logs through print and logging, with levels, and logging.info needs setLevel as on Lambda")
    void capturesPrintAndLogging() {
        String code = """
                import logging
                logger = logging.getLogger()
                def lambda_handler(event, context):
                    print('printed', 1, {'a': 2})
                    logger.info('hidden: the root logger is at WARNING by default')
                    logger.warning('careful')
                    logger.setLevel(logging.INFO)
                    logger.info('now shown')
                    logger.error('broken')
                    print('no newline', end='')
                """;
        InvocationResult result = invokeOnce("lambda_function.py", code, "{}");
        assertEquals(List.of("printed 1 {'a': 2}", "careful", "now shown", "broken", "no newline"), messages(result));
        assertEquals(List.of(LogLevel.INFO, LogLevel.WARN, LogLevel.INFO, LogLevel.ERROR, LogLevel.INFO),
                result.logs().stream().map(LogLine::level).toList());
    }

    @Test
    @DisplayName("sees its own environment variables and Lambda's, never the host's")
    void seesOnlyItsOwnEnvironment() throws Exception {
        String code = """
                import os
                def lambda_handler(event, context):
                    return {'table': os.environ.get('TABLE'), 'name': os.environ.get('AWS_LAMBDA_FUNCTION_NAME'),
                            'home': os.environ.get('HOME'), 'path': os.environ.get('PATH')}
                """;
        FunctionConfig config = FunctionConfig.of("lambda_function.py", code).withEnvironment(Map.of("TABLE", "orders"));
        JsonNode env = JSON.readTree(json(invokeOnce(config, "{}")));
        assertEquals("orders", env.get("table").asText());
        assertEquals("lambda_function", env.get("name").asText());
        assertTrue(env.get("home").isNull() && env.get("path").isNull(), env.toString());
    }

    @Nested
    @DisplayName("reports its errors as Lambda does, with the place in the learner's code")
    class Errors {

        @Test
        void raisedExceptionsHaveTypeMessageLineAndStackTrace() {
            String code = "def lambda_handler(event, context):\n    total = 0\n    return total / event['n']\n";
            FunctionError error = invokeOnce("lambda_function.py", code, "{\"n\":0}").error();
            assertEquals(ErrorKind.FUNCTION, error.kind());
            assertEquals("ZeroDivisionError", error.errorType());
            assertEquals("lambda_function.py", error.location().file());
            assertEquals(3, error.location().line());
            assertTrue(error.trace().getLast().contains("line 3, in lambda_handler"), error.trace().toString());
        }

        @Test
        void aSyntaxErrorIsReportedAtInitWithItsLine() {
            FunctionError error = invokeOnce("lambda_function.py",
                    "def lambda_handler(event, context):\n    return [1, 2\n\nx = )\n", "{}").error();
            assertEquals(ErrorKind.SYNTAX, error.kind());
            assertEquals("Runtime.UserCodeSyntaxError", error.errorType());
            assertTrue(error.location().line() >= 2, error.location().toString());
        }

        @Test
        void aMissingModuleIsAnImportError() {
            FunctionError error = invokeOnce("lambda_function.py",
                    "import requests\ndef lambda_handler(event, context):\n    pass\n", "{}").error();
            assertEquals(ErrorKind.INIT, error.kind());
            assertEquals("Runtime.ImportModuleError", error.errorType());
            assertTrue(error.errorMessage().contains("Unable to import module 'lambda_function'"), error.errorMessage());
        }

        @Test
        void aMissingHandlerSaysWhatTheModuleDefines() {
            FunctionError error = invokeOnce("lambda_function.py", "def handler(event, context):\n    pass\n", "{}").error();
            assertEquals("Runtime.HandlerNotFound", error.errorType());
            assertEquals("Handler 'lambda_handler' missing on module 'lambda_function'", error.errorMessage());
            assertTrue(error.hint().contains("lambda_function.handler"), error.hint());
        }

        @Test
        void aResultThatIsNotJsonIsAMarshalError() {
            FunctionError error = invokeOnce("lambda_function.py",
                    "def lambda_handler(event, context):\n    return {1, 2}\n", "{}").error();
            assertEquals("Runtime.MarshalError", error.errorType());
        }

        @Test
        void sysExitFailsTheInvocationOnly() {
            FunctionError error = invokeOnce("lambda_function.py",
                    "import sys\ndef lambda_handler(event, context):\n    sys.exit(1)\n", "{}").error();
            assertEquals("Runtime.ExitError", error.errorType());
        }
    }
}
