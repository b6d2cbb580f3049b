package dev.faaslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's commands, run through the real {@code ./faaslab} launcher in a child process. */
@DisplayName("The ./faaslab launcher")
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("faaslab.root", "..")).toAbsolutePath().normalize();

    record Run(int exitCode, String out, String err) {
    }

    /** Runs the launcher without rebuilding (the build that runs this test has just built it). */
    static Run launcher(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(ROOT.resolve("faaslab").toString());
        builder.command().addAll(List.of(args));
        builder.directory(ROOT.toFile());
        builder.environment().put("FAASLAB_NO_BUILD", "1");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("faaslab-out", ".txt");
        Path err = Files.createTempFile("faaslab-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./faaslab " + String.join(" ", args) + " did not finish in 300 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    @Test
    @DisplayName("invokes the README's JavaScript example: a result on stdout, the log and REPORT on stderr")
    void invokesTheJavaScriptExample() throws Exception {
        Run run = launcher(Map.of(), "invoke", "exercises/hello/index.mjs", "--event", "{\"name\":\"Ada\"}", "--repeat", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().allMatch(line -> line.contains("\"message\":\"Hello, Ada!\"")), run.out());
        assertTrue(run.err().contains("(cold start)") && run.err().contains("(warm)"), run.err());
        assertTrue(run.err().contains("INFO\tinvoked with { name: 'Ada' }"), run.err());
    }

    @Test
    @DisplayName("invokes the README's Python example")
    void invokesThePythonExample() throws Exception {
        Run run = launcher(Map.of(), "invoke", "exercises/hello/lambda_function.py", "--event", "{\"name\":\"Grace\"}");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"message\": \"Hello, Grace!\""), run.out());
    }

    @Test
    @DisplayName("refuses a malformed event with exit code 2 and where the JSON went wrong")
    void refusesMalformedEvents() throws Exception {
        Run run = launcher(Map.of(), "invoke", "exercises/hello/index.mjs", "--event", "{not json");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("not valid JSON at line 1, column 2"), run.err());
    }

    @Test
    @DisplayName("gives the README's error example, word for word, with exit code 1")
    void reportsTheReadmesErrorExample() throws Exception {
        Path dir = Files.createTempDirectory("faaslab-broken");
        Path broken = dir.resolve("broken.mjs");
        Files.writeString(broken, "export const handler = async (event) => {\n  return event.user.name;\n};\n");
        Run run = launcher(Map.of(), "invoke", broken.toString());
        assertEquals(ExitCode.FUNCTION_ERROR, run.exitCode(), run.err());
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains("$ ./faaslab invoke broken.mjs\n" + run.out()), "README.md shows this output:\n" + run.out());
        assertTrue(run.err().contains("ERROR\tTypeError: Cannot read property 'name' of undefined\n  at broken.mjs:2:10"), run.err());
        Files.delete(broken);
        Files.delete(dir);
    }

    @Test
    @DisplayName("benchmarks the runtime and prints the figures as one JSON object")
    void benchmarksAsJson() throws Exception {
        Run run = launcher(Map.of(), "bench", "--quick", "--json");
        assertEquals(0, run.exitCode(), run.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        for (String figure : new String[] {"js/coldStartMsP50", "js/warmInvokeUsP50", "js/coldStartsPerSecond", "js/libraryColdStartMsP50", "js/packageColdStartMsP50",
                "python/coldStartMsP50", "python/warmInvokeUsP50", "limits/timeoutOvershootMs", "limits/jsMemoryStopMs"}) {
            assertTrue(json.at("/" + figure).asDouble() > 0 || figure.endsWith("OvershootMs"), figure + " in " + run.out());
        }
        assertEquals("compiled", json.get("runtime").asText());
        assertTrue(run.err().contains("bench: JavaScript cold starts"), "progress on stderr: " + run.err());
    }

    @Test
    @DisplayName("benchmarks the HTTP trigger with wrk against bare Jetty and prints the figures as one JSON object")
    void benchmarksHttpAsJson() throws Exception {
        // --quick's runs, cut to a second each: a smoke test of the command, its warm-up and its figures, not a
        // measurement (four wrk runs of 2 s were most of this test's time).
        Run run = launcher(Map.of(), "bench", "http", "--quick", "--duration", "1", "--warm-up", "1", "--json");
        assertEquals(0, run.exitCode(), run.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        for (String figure : new String[] {"functionRps", "bareRps", "ratio", "functionP99Ms", "functionP50Ms",
                "bareP50Ms", "bareP99Ms", "instances"}) {
            assertTrue(json.path(figure).isNumber() && json.get(figure).asDouble() > 0, figure + " in " + run.out());
        }
        assertEquals(0, json.path("errors").asLong(-1), run.out());
        assertTrue(run.err().contains("warming up through the function (not counted)"), "progress on stderr: " + run.err());
    }

    @Test
    @DisplayName("times its own start-up, until /health answers and until a first function answers, as JSON")
    void benchmarksStartUpAsJson() throws Exception {
        Run run = launcher(Map.of(), "bench", "start", "--runs", "1", "--json");
        assertEquals(0, run.exitCode(), run.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        long ready = json.path("medianReadyMs").asLong(-1);
        long first = json.path("medianFirstInvocationMs").asLong(-1);
        assertTrue(ready > 0 && first >= ready, "ready, then a first function answered: " + run.out());
        assertEquals(1, json.path("readyMs").size(), run.out());
        assertTrue(run.err().contains("run 1 of 1: ready in"), "progress on stderr: " + run.err());
    }

    @Test
    @DisplayName("lists its commands with help")
    void listsItsCommands() throws Exception {
        Run run = launcher(Map.of(), "help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("invoke") && run.out().contains("bench") && run.out().contains("test"), run.out());
        Run invokeHelp = launcher(Map.of(), "help", "invoke");
        assertEquals(0, invokeHelp.exitCode(), invokeHelp.err());
        assertTrue(invokeHelp.out().contains("--repeat") && invokeHelp.out().contains("Exit codes:"), invokeHelp.out());
    }

    @Test
    @DisplayName("says what to install when it finds no JDK 25")
    void namesTheMissingJdk() throws Exception {
        Run run = launcher(Map.of("JAVA_HOME", "/nonexistent", "FAASLAB_JDK_CANDIDATES", "/nonexistent"), "help");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no JDK 25 or newer found") && run.err().contains("Temurin 25"), run.err());
    }

    @Test
    @DisplayName("says so at start-up when guest code can only be interpreted")
    void saysWhenInterpreted() throws Exception {
        Run run = launcher(Map.of("FAASLAB_NO_JIT", "1"), "invoke", "exercises/hello/index.mjs");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("optimizing compiler is not active"), run.err());
    }

    @Test
    @DisplayName("runs grade from the grader module, which asks for what it needs (or says it is not built yet)")
    void gradeNeedsItsArguments() throws Exception {
        // In a clean 'mvn verify' the grader module is packaged after this module's integration tests.
        Run run = launcher(Map.of(), "grade");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("grade"), run.err());
    }

    @Test
    @DisplayName("is documented truly: the README shows the exit codes the CLI uses")
    void readmeShowsTheExitCodes() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains(ExitCode.TABLE), "README.md must contain ExitCode.TABLE verbatim");
        assertTrue(readme.contains("./faaslab start") && readme.contains("./faaslab test"), "the two commands");
    }
}
