package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every handler of the hostile corpus (src/test/resources/hostile) deployed and invoked on a real server,
 * ending as its header says, while the server keeps answering and a neighbour keeps working.
 */
@DisplayName("The hostile corpus")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCorpusTest {

    /** A neighbour that fails if anything of another function's context (its prototypes, its globals) reached it. */
    private static final String NEIGHBOUR = """
            export const handler = async () => ({
              ok: ({}).polluted === undefined && [].push.toString().includes('native code') && JSON.parse('1') === 1,
            });""";
    private static final Pattern REPORT_DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");

    private TestServer server;
    private final List<String> table = new CopyOnWriteArrayList<>();

    /** One file of the corpus and what its header expects. */
    record Case(String file, String tries, String expect, int timeoutSeconds, int memoryMb, int invocations, String code) {

        static Case read(Path path) {
            try {
                String code = Files.readString(path);
                String marker = path.toString().endsWith(".py") ? "#" : "//";
                return new Case(path.getFileName().toString(), header(code, marker, "tries", "?"),
                        header(code, marker, "expect", "?"), Integer.parseInt(header(code, marker, "timeout", "2")),
                        Integer.parseInt(header(code, marker, "memory", "128")),
                        Integer.parseInt(header(code, marker, "invocations", "1")), code);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String header(String code, String marker, String key, String otherwise) {
            Matcher found = Pattern.compile("(?m)^" + Pattern.quote(marker) + " " + key + ": (.+)$").matcher(code);
            return found.find() ? found.group(1).trim() : otherwise;
        }

        String runtime() {
            return file.endsWith(".py") ? "python" : "nodejs";
        }

        String name() {
            return file.replaceAll("[^A-Za-z0-9-]", "-");
        }

        @Override
        public String toString() {
            return file + " (" + tries + ")";
        }
    }

    static Stream<Case> corpus() throws IOException, URISyntaxException {
        Path folder = Path.of(HostileCorpusTest.class.getResource("/hostile").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".mjs") || file.toString().endsWith(".py"))
                    .sorted().map(Case::read).toList().stream();
        }
    }

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new TestServer(data);
        server.deployJs("neighbour", NEIGHBOUR, "");
        assertEquals("{\"ok\":true}", invoke("neighbour").body());
        table.add("| case | tries | outcome | past its deadline | slowest /health while it ran |");
        table.add("|---|---|---|---|---|");
    }

    @AfterAll
    void stop() throws Exception {
        Path report = Path.of("target", "hostile-corpus.md");
        Files.createDirectories(report.getParent());
        Files.write(report, table, StandardCharsets.UTF_8);
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void endsAsExpectedWhileTheServerAndANeighbourCarryOn(Case hostile) throws Exception {
        Health health = new Health();
        Thread prober = Thread.ofPlatform().daemon().name("health-prober").start(health::probe);
        String outcome;
        String late = "";
        try {
            TestServer.Reply deployed = server.put("/api/functions/" + hostile.name(), TestServer.JSON.writeValueAsString(
                    java.util.Map.of("runtime", hostile.runtime(), "code", hostile.code(),
                            "timeoutSeconds", hostile.timeoutSeconds(), "memoryMb", hostile.memoryMb())));
            if (hostile.expect().startsWith("refused ")) {
                assertEquals(400, deployed.status(), deployed.body());
                assertEquals(hostile.expect().substring("refused ".length()), deployed.json().path("error").path("code").asText(
                        deployed.json().path("code").asText()), deployed.body());
                outcome = "refused at deploy: " + hostile.expect().substring("refused ".length());
            } else {
                assertTrue(deployed.status() == 200 || deployed.status() == 201, deployed.body());
                TestServer.Reply last = null;
                for (int call = 1; call <= hostile.invocations(); call++) {
                    last = invoke(hostile.name());
                    if (call < hostile.invocations()) {
                        assertEquals(null, last.header("X-Amz-Function-Error"), "call " + call + " succeeds: " + last.body());
                    }
                }
                assertNotNull(last);
                String error = last.header("X-Amz-Function-Error") == null ? null : last.json().path("errorType").asText();
                if (hostile.expect().startsWith("result ")) {
                    assertEquals(null, error, last.body());
                    assertEquals(hostile.expect().substring("result ".length()), last.body());
                    outcome = "result " + last.body();
                } else {
                    assertNotNull(error, "the invocation fails: " + last.body());
                    if (!hostile.expect().equals("error")) {
                        List<String> allowed = List.of(hostile.expect().split(" \\| "));
                        assertTrue(allowed.contains(error), "expected " + allowed + ", got " + last.body());
                    }
                    outcome = error;
                }
                double duration = duration(last);
                if ("Sandbox.Timedout".equals(error)) {
                    double past = duration - hostile.timeoutSeconds() * 1000.0;
                    late = String.format(Locale.ROOT, "%.0f ms", past);
                    assertTrue(past < 1000, "ended within a second of its deadline: " + late);
                }
            }
        } finally {
            health.running.set(false);
            prober.join();
        }
        assertEquals(200, server.get("/health").status(), "the server still answers");
        assertEquals("{\"ok\":true}", invoke("neighbour").body(), "and the neighbour still works, untouched");
        assertTrue(health.failures.isEmpty(), "/health answered throughout: " + health.failures);
        table.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d ms |", hostile.file(), hostile.tries(), outcome, late,
                health.slowestMillis()));
        server.delete("/api/functions/" + hostile.name());
    }

    private TestServer.Reply invoke(String function) {
        return server.send(HttpRequest.newBuilder(server.uri("/2015-03-31/functions/" + function + "/invocations"))
                .header("X-Amz-Log-Type", "Tail").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    /** The invocation's Duration, from the REPORT line at the end of its log tail. */
    private static double duration(TestServer.Reply reply) {
        String log = new String(Base64.getDecoder().decode(reply.header("X-Amz-Log-Result")), StandardCharsets.UTF_8);
        Matcher found = REPORT_DURATION.matcher(log);
        double duration = -1;
        while (found.find()) {
            duration = Double.parseDouble(found.group(1));
        }
        return duration;
    }

    /** Asks /health every 20 ms while a case runs. */
    private final class Health {
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<String> failures = new ArrayList<>();
        long slowestNanos;

        void probe() {
            while (running.get()) {
                long start = System.nanoTime();
                try {
                    int status = server.get("/health").status();
                    if (status != 200) {
                        failures.add("status " + status);
                    }
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
                slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long slowestMillis() {
            return slowestNanos / 1_000_000;
        }
    }
}
