package dev.faaslab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The benchmark's figures are not judged here (that is its job); that it runs and reports them is. */
@DisplayName("The runtime benchmark")
class RuntimeBenchmarkTest {

    @Test
    @DisplayName("measures every figure and prints them under the names the issue gives")
    void reportsEveryFigure() throws Exception {
        RuntimeBenchmark.Settings tiny = new RuntimeBenchmark.Settings(Duration.ZERO, 5, 50, Duration.ZERO, 2, 20,
                Duration.ofMillis(200), 1);
        BenchResult result;
        try (FunctionRuntime runtime = new FunctionRuntime(Clock.system(), dev.faaslab.style.Styles.all())) {
            result = new RuntimeBenchmark(runtime, tiny, null).run();
        }
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(result));
        for (String figure : new String[] {"coldStartMsP50", "warmInvokeUsP50", "coldStartsPerSecond", "libraryColdStartMsP50", "packageColdStartMsP50"}) {
            assertTrue(json.path("js").path(figure).asDouble() > 0, "js." + figure + " in " + json);
        }
        for (String figure : new String[] {"coldStartMsP50", "warmInvokeUsP50"}) {
            assertTrue(json.path("python").path(figure).asDouble() > 0, "python." + figure + " in " + json);
        }
        for (String style : dev.faaslab.style.Styles.all().names()) {
            for (String figure : new String[] {"coldStartMsP50", "warmInvokeUsP50"}) {
                assertTrue(json.path("styles").path(style).path(figure).asDouble() > 0, "styles." + style + "." + figure + " in " + json);
            }
        }
        assertTrue(json.path("limits").path("timeoutOvershootMs").asDouble() >= 0, json.toString());
        assertTrue(json.path("limits").path("jsMemoryStopMs").asDouble() > 0, json.toString());
        assertTrue(json.path("runtime").asText().matches("compiled|interpreted"), json.toString());
        assertTrue(result.describe().contains("JavaScript cold start"), result.describe());
    }
}
