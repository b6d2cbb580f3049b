package dev.faaslab.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One runtime for the whole test JVM, as a server has one: Python's one-time start is paid once. */
final class TestRuntime {

    private static final FunctionRuntime SHARED = dev.faaslab.SharedTestRuntime.get();

    private TestRuntime() {
    }

    static FunctionRuntime shared() {
        return SHARED;
    }

    static Deployment deploy(String fileName, String code) {
        return SHARED.deploy(FunctionConfig.of(fileName, code));
    }

    static Deployment deploy(FunctionConfig config) {
        return SHARED.deploy(config);
    }

    /** One invocation on a fresh instance, which is then closed. */
    static InvocationResult invokeOnce(String fileName, String code, String event) {
        return invokeOnce(FunctionConfig.of(fileName, code), event);
    }

    static InvocationResult invokeOnce(FunctionConfig config, String event) {
        try (FunctionInstance instance = SHARED.deploy(config).newInstance()) {
            return instance.invoke(event);
        }
    }

    static FunctionConfig config(String fileName, String code, Duration timeout, int memoryMb, Map<String, String> env) {
        return FunctionConfig.of(fileName, code).withTimeout(timeout).withMemoryMb(memoryMb).withEnvironment(env);
    }

    static String json(InvocationResult result) {
        if (!(result.outcome() instanceof Outcome.Success(String json))) {
            throw new AssertionError("expected a result, got " + result.error().describe());
        }
        return json;
    }

    static List<String> messages(InvocationResult result) {
        return result.logs().stream().map(LogLine::message).toList();
    }
}
