package dev.faaslab.cli;

import static dev.faaslab.cli.InvokeCommandTest.faaslab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.cli.InvokeCommandTest.Run;
import dev.faaslab.sim.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("faaslab simulate")
class SimulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final String[] ISSUE_EXAMPLE = {"simulate", "--arrival-rate", "5", "--warm-mean", "0.2", "--cold-mean", "1",
            "--keep-alive", "60", "--max-concurrency", "3", "--duration", "3600", "--seed", "9", "--json"};

    @Test
    @DisplayName("with --json prints one object with the issue's keys")
    void printsJsonWithKeys() throws Exception {
        Run run = faaslab(ISSUE_EXAMPLE);
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode result = JSON.readTree(run.out());
        for (String key : new String[] {"coldStartProbability", "rejectionProbability", "averageInstances", "averageRunning",
                "averageIdle", "requests", "instanceLifeSpanSeconds", "responseTime", "cost", "series"}) {
            assertTrue(result.has(key), "the JSON has " + key + ": " + run.out());
        }
        assertTrue(result.get("rejectionProbability").asDouble() > 0, "5/s × 0.2 s on 3 instances rejects some");
        assertTrue(result.get("cost").has("breakEvenRequestsPerSecond"));
    }

    @Test
    @DisplayName("takes its defaults from SimOptions.DEFAULTS, the one place they are written")
    void defaultsAreTheOptionsDefaults() throws Exception {
        SimulateCommand command = new SimulateCommand();
        new picocli.CommandLine(command).parseArgs();
        assertEquals(SimOptions.DEFAULTS, command.options(SimOptions.DEFAULTS.durationSeconds()));
        String help = faaslab("simulate", "--help").out();
        assertTrue(help.contains("(default: 600, Lambda's observed 10 minutes)"), help);
        assertTrue(help.contains("--arrival-rate=R") && help.contains("(default: 1)"), help);
    }

    @Test
    @DisplayName("prints the same thing for the same seed")
    void sameSeedSameOutput() {
        assertEquals(faaslab(ISSUE_EXAMPLE).out(), faaslab(ISSUE_EXAMPLE).out());
    }

    @Test
    @DisplayName("without --json prints a report for people")
    void printsReport() {
        Run run = faaslab("simulate", "--arrival-rate", "2", "--duration", "600");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("P(cold start) = "), run.out());
        assertTrue(run.out().contains("Break-even"), run.out());
    }

    @Test
    @DisplayName("replays the bundled trace, one function of it")
    void replaysSample() throws Exception {
        Run run = faaslab("simulate", "--trace", "sample", "--trace-function", "synthetic-timer-5min", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(288, JSON.readTree(run.out()).get("requests").asLong(), "a day of one every 5 minutes");
    }

    @Test
    @DisplayName("reads measured durations, one a line in ms")
    void readsEmpiricalDurations() throws Exception {
        Path warm = dir.resolve("warm.txt");
        Files.writeString(warm, "# from REPORT lines\n12.5\n\n7.5\n");
        Run run = faaslab("simulate", "--warm-file", warm.toString(), "--keep-alive-policy", "forever", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        double mean = JSON.readTree(run.out()).get("responseTime").get("meanSeconds").asDouble();
        assertTrue(mean > 0.0075 && mean < 0.0125 + 0.01, "warm requests take 7.5 or 12.5 ms: " + mean);
    }

    @Nested
    @DisplayName("with bad usage exits with 2 and a one-line message naming the option")
    class BadUsage {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
                "--arrival-rate, -1",
                "--warm-mean, 0",
                "--max-concurrency, 0",
                "--keep-alive-policy, sometimes",
                "--pattern, bursty",
                "--service, uniform",
                "--seed, seven",
                "--memory, 64",
                "--trace, /no/such/file.csv",
                "--warm-file, /no/such/durations.txt",
                "--prices, /no/such/prices.json",
        })
        void namesTheOption(String option, String value) {
            Run run = faaslab("simulate", option, value);
            assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
            assertTrue(run.err().contains(option), "the message names " + option + ": " + run.err());
        }

        @Test
        @DisplayName("a malformed measured-durations file names its line")
        void badDurationFile() throws Exception {
            Path file = dir.resolve("durations.txt");
            Files.writeString(file, "12\nfast\n");
            Run run = faaslab("simulate", "--cold-file", file.toString());
            assertEquals(ExitCode.USAGE, run.exitCode());
            assertTrue(run.err().contains("durations.txt:2:"), run.err());
        }
    }

    @Nested
    @DisplayName("power")
    class Power {

        @Test
        @DisplayName("picks 1,769 MB for a CPU-bound function by cost, speed and balance at the default sizes")
        void picksOneVcpu() throws Exception {
            Run run = faaslab("simulate", "power", "--base-duration", "1", "--json");
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            JsonNode result = JSON.readTree(run.out());
            assertEquals(7, result.get("sizes").size());
            assertEquals(1769, result.get("cheapest").get("memoryMb").asInt(), "below 1,769 MB the GB-seconds are the same, and rounding up to 1 ms favours the whole vCPU");
            assertEquals(1769, result.get("fastest").get("memoryMb").asInt(), "3,008 MB is no faster for one thread, only dearer");
            assertEquals(1769, result.get("balanced").get("memoryMb").asInt());
        }

        @Test
        @DisplayName("balances cost and duration, each over its largest, with the weight given")
        void balances() throws Exception {
            Run run = faaslab("simulate", "power", "--base-duration", "1", "--memory-sizes", "128,1024,3008", "--json");
            JsonNode result = JSON.readTree(run.out());
            assertEquals(3008, result.get("fastest").get("memoryMb").asInt());
            assertEquals(128, result.get("cheapest").get("memoryMb").asInt(), "13.821 s at 128 MB bills fewest MB-ms");
            assertEquals(1024, result.get("balanced").get("memoryMb").asInt(),
                    "0.5 × 0.59 + 0.5 × 0.125 beats 128 MB's 0.5 × 0.59 + 0.5 × 1 and 3,008 MB's 0.5 × 1 + 0.5 × 0.072");
            Run costOnly = faaslab("simulate", "power", "--base-duration", "1", "--memory-sizes", "128,1024,3008",
                    "--balance-weight", "1", "--json");
            assertEquals(128, JSON.readTree(costOnly.out()).get("balanced").get("memoryMb").asInt());
        }

        @Test
        @DisplayName("requires --base-duration")
        void requiresBase() {
            Run run = faaslab("simulate", "power");
            assertEquals(ExitCode.USAGE, run.exitCode());
            assertTrue(run.err().contains("--base-duration"), run.err());
        }
    }

    @Test
    @DisplayName("bench sim --quick --json prints the simulator's speed")
    void benchSim() throws Exception {
        Run run = faaslab("bench", "sim", "--quick", "--json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode result = JSON.readTree(run.out());
        assertTrue(result.get("requestsPerSecond").asDouble() > 0, run.out());
        assertEquals(3, result.get("runs").size());
        assertTrue(result.has("dayAt1000RpsSeconds"));
    }
}
