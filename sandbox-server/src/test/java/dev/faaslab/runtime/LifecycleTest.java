package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.deploy;
import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("An instance's lifecycle")
class LifecycleTest {

    private static final String JS_COUNTER = """
            let initialised = 0;
            initialised++;
            let calls = 0;
            export const handler = async () => ({ initialised, calls: ++calls });""";
    private static final String PY_COUNTER = """
            initialised = 0
            initialised += 1
            calls = 0
            def lambda_handler(event, context):
                global calls
                calls += 1
                return {'initialised': initialised, 'calls': calls}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"index.mjs", "lambda_function.py"})
    @DisplayName("runs init once, then serves warm invocations that keep their globals")
    void initialisesOnceThenStaysWarm(String file) {
        Deployment deployment = deploy(file, file.endsWith(".py") ? PY_COUNTER : JS_COUNTER);
        try (FunctionInstance instance = deployment.newInstance()) {
            List<InvocationResult> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(instance.invoke("{}"));
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("{\"initialised\":1,\"calls\":" + (i + 1) + "}", json(results.get(i)).replace(" ", ""));
            }
            assertEquals(List.of(true, false, false, false, false),
                    results.stream().map(result -> result.report().cold()).toList());
            assertNotNull(results.getFirst().report().initDurationMs());
            assertNull(results.get(1).report().initDurationMs());
            assertEquals(1, results.stream().map(result -> result.report().instanceId()).distinct().count());
            assertEquals(5, instance.invocations());
            assertEquals(FunctionInstance.State.IDLE, instance.state());
        }
    }

    @Test
    @DisplayName("gives every instance its own globals")
    void instancesDoNotShareGlobals() {
        Deployment deployment = deploy("index.mjs", JS_COUNTER);
        try (FunctionInstance first = deployment.newInstance(); FunctionInstance second = deployment.newInstance()) {
            first.invoke("{}");
            first.invoke("{}");
            InvocationResult fromSecond = second.invoke("{}");
            assertEquals("{\"initialised\":1,\"calls\":1}", json(fromSecond));
            assertTrue(fromSecond.report().cold());
            assertNotEquals(first.id(), second.id());
        }
    }

    @Test
    @DisplayName("initialised ahead of time (as provisioned concurrency does), serves its first request warm")
    void initialisedAheadServesWarm() {
        try (FunctionInstance instance = deploy("index.mjs", JS_COUNTER).newInstance()) {
            assertTrue(instance.initialise().isEmpty());
            assertTrue(instance.initDuration().isPresent());
            InvocationResult first = instance.invoke("{}");
            assertFalse(first.report().cold());
            assertEquals("{\"initialised\":1,\"calls\":1}", json(first));
        }
    }

    @Test
    @DisplayName("keeps an instance after a handled error, as Lambda does")
    void keepsTheInstanceAfterAFunctionError() {
        String code = "let calls = 0;\nexport const handler = async (event) => { calls++; if (event.fail) throw new Error('asked to'); return calls; };";
        try (FunctionInstance instance = deploy("index.mjs", code).newInstance()) {
            assertEquals("asked to", instance.invoke("{\"fail\":true}").error().errorMessage());
            InvocationResult next = instance.invoke("{}");
            assertEquals("2", json(next));
            assertFalse(next.report().cold());
        }
    }

    @Test
    @DisplayName("discards an instance after a timeout, so the next request cold-starts a fresh one")
    void discardsAfterATimeout() {
        String code = "let calls = 0;\nexport const handler = async (event) => { if (event.hang) for (;;) {} return ++calls; };";
        Deployment deployment = deploy(TestRuntime.config("index.mjs", code, Duration.ofSeconds(1), 128, java.util.Map.of()));
        FunctionInstance instance = deployment.newInstance();
        assertEquals(ErrorKind.TIMEOUT, instance.invoke("{\"hang\":true}").error().kind());
        assertEquals(FunctionInstance.State.DISCARDED, instance.state());
        assertThrows(IllegalStateException.class, () -> instance.invoke("{}"));
        try (FunctionInstance fresh = deployment.newInstance()) {
            InvocationResult result = fresh.invoke("{}");
            assertTrue(result.report().cold());
            assertEquals("1", json(result), "a fresh instance starts from its module again");
        }
    }

    @Test
    @DisplayName("discards an instance whose module failed to load")
    void discardsAfterAnInitFailure() {
        FunctionInstance instance = deploy("index.mjs", "throw new Error('bad config');\nexport const handler = async () => 1;").newInstance();
        InvocationResult result = instance.invoke("{}");
        assertEquals(ErrorKind.INIT, result.error().kind());
        assertEquals("bad config", result.error().errorMessage());
        assertEquals(new SourceLocation("index.mjs", 1, 7), result.error().location());
        assertTrue(result.report().cold());
        assertEquals(FunctionInstance.State.DISCARDED, instance.state());
    }

    @Nested
    @DisplayName("reports each invocation like Lambda's REPORT line")
    class Reports {

        @Test
        void billsInitAndDurationRoundedUpToTheMillisecond() {
            Report cold = Report.of("r", 1_200_000, 500_000L, 128, "i");
            assertEquals(2, cold.billedDurationMs(), "1.2 ms + 0.5 ms init is billed as 2 ms");
            assertEquals(3, Report.of("r", 3_000_000, null, 128, "i").billedDurationMs(), "exactly 3 ms stays 3 ms");
            assertEquals(4, Report.of("r", 3_000_001, null, 128, "i").billedDurationMs());
            assertEquals(1, Report.of("r", 10_000, null, 128, "i").billedDurationMs(), "never less than 1 ms");
        }

        @Test
        void formatsTheFieldsLambdaPrints() {
            String line = Report.of("req-1", 2_345_678, 912_000L, 256, "abc").format();
            assertEquals("REPORT RequestId: req-1\tDuration: 2.35 ms\tBilled Duration: 4 ms\tMemory Size: 256 MB"
                    + "\tInit Duration: 0.91 ms\tInstance: abc (cold start)", line);
        }

        @Test
        void measuresRealDurations() {
            try (FunctionInstance instance = deploy("index.mjs",
                    "export const handler = () => new Promise((resolve) => setTimeout(resolve, 50));").newInstance()) {
                Report report = instance.invoke("{}").report();
                assertTrue(report.durationMs() >= 45, report.format());
                assertTrue(report.billedDurationMs() >= Math.ceil(report.durationMs() + report.initDurationMs()) - 1, report.format());
                assertEquals(128, report.memorySizeMb());
            }
        }
    }
}
