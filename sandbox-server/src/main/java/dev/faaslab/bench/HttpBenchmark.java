package dev.faaslab.bench;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.http.WebServer;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Language;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures what the platform costs an HTTP request: the real server (the wiring {@code faaslab start}
 * uses, its database in a temporary directory) serving a tiny JavaScript function through its HTTP
 * trigger, against a bare Jetty handler that sends the same response, both driven by wrk in turn, each
 * after an uncounted warm-up so that the JIT compilers have done their work.
 */
public final class HttpBenchmark {

    static final String FUNCTION_NAME = "bench-hello";
    static final String BODY = "{\"hello\":\"world\"}";
    static final String CODE = "export const handler = async () => ({ statusCode: 200,"
            + " headers: { \"content-type\": \"application/json\" }, body: '" + BODY + "' });\n";

    /**
     * How to drive the servers.
     *
     * @param warmUpSlice  one uncounted run; they repeat until requests/s settle
     * @param maxWarmUp    when to stop warming up even if requests/s have not settled
     * @param duration     the measured run
     * @param connections  wrk's connections, each with one request in flight at a time
     * @param threads      wrk's threads
     */
    public record Settings(Duration warmUpSlice, Duration maxWarmUp, Duration duration, int connections, int threads) {

        public Settings {
            if (threads < 1 || connections < threads) {
                throw new IllegalArgumentException("wrk needs at least one connection per thread (" + threads + ")");
            }
            // Beyond the workspace's concurrency the platform throttles (429): that would measure refusals.
            int limit = PlatformLimits.DEFAULT.workspaceConcurrency();
            if (connections > limit) {
                throw new IllegalArgumentException("at most " + limit + " connections: the workspace's concurrency"
                        + " limit; more would be throttled");
            }
        }
    }

    /**
     * Two slices' requests/s within this share of each other count as settled. The JIT compilers (C2 for
     * Jetty and the platform, Graal for the guest's JavaScript) take tens of seconds on a busy 2-core
     * machine: after a fixed 5 s warm-up, the function served a tenth of its settled requests/s.
     */
    static final double SETTLED = 0.10;
    /** The JIT compilers count as done when they worked less than this share of a warm-up run. */
    static final double QUIET_JIT = 0.10;

    private final FunctionRuntime runtime;
    private final Wrk wrk;
    private final Settings settings;
    private final Path webRoot;
    private final PrintWriter progress;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JitActivity jit = new JitActivity();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * @param webRoot  the browser app's files, served as {@code faaslab start} does; null for none
     * @param progress where to say what is happening, or null
     */
    public HttpBenchmark(FunctionRuntime runtime, Wrk wrk, Settings settings, Path webRoot, PrintWriter progress) {
        this.runtime = runtime;
        this.wrk = wrk;
        this.settings = settings;
        this.webRoot = webRoot;
        this.progress = progress;
    }

    /**
     * Runs both servers in turn.
     *
     * @throws WrongResponseException when a server does not answer with the expected response
     * @throws IOException            when wrk fails
     */
    public HttpBenchResult run() throws Exception {
        Path data = Files.createTempDirectory("faaslab-bench-http");
        try {
            long[] coldStarts = new long[2];
            Measured function = measureFunction(data, coldStarts);
            note("starting a bare Jetty server");
            Measured bare;
            try (BareJetty jetty = BareJetty.start(BODY)) {
                bare = warmAndMeasure("bare Jetty", jetty.uri(), null);
            }
            WrkReport f = function.report();
            WrkReport b = bare.report();
            return new HttpBenchResult(f.requestsPerSecond(), b.requestsPerSecond(),
                    f.requestsPerSecond() / b.requestsPerSecond(), f.p99Ms(), f.p50Ms(), b.p50Ms(), b.p99Ms(),
                    function.cpuUsPerRequest(), bare.cpuUsPerRequest(), coldStarts[1], coldStarts[1] - coldStarts[0],
                    f.errors() + b.errors(), settings.connections(), (int) settings.duration().toSeconds(),
                    function.warmUpSeconds(), bare.warmUpSeconds(), runtime.mode().label());
        } finally {
            deleteRecursively(data);
        }
    }

    /**
     * One server's figures.
     *
     * @param cpuUsPerRequest this process's CPU time (all its threads: Jetty's, the platform's, the JIT's,
     *                        the collector's) over the measured requests. On a machine shared with other
     *                        work, requests/s fall with the CPU left over; this does far less.
     */
    private record Measured(WrkReport report, double cpuUsPerRequest, int warmUpSeconds) {
    }

    /**
     * The server as {@code faaslab start} wires it, stopped in the order its shutdown hook stops it.
     * {@code coldStarts} gets the function's cold starts before and after the measured run.
     */
    private Measured measureFunction(Path data, long[] coldStarts) throws Exception {
        note("starting the server (its database in " + data + ") and deploying a JavaScript function");
        try (Sandbox sandbox = Sandbox.open(data, Clock.system(), runtime, PlatformLimits.DEFAULT)) {
            Platform platform = sandbox.platform();
            try (WebServer server = WebServer.start(sandbox, "127.0.0.1", 0, webRoot)) {
                platform.save(WorkspaceId.LOCAL,
                        FunctionSpec.of(FUNCTION_NAME, Language.NODEJS, "index.handler", CODE), null);
                URI uri = server.uri().resolve("/fn/" + FUNCTION_NAME);
                Measured measured = warmAndMeasure("through the function", uri,
                        () -> coldStarts[0] = coldStarts(platform));
                coldStarts[1] = coldStarts(platform);
                return measured;
            }
        }
    }

    /**
     * Checks the response, warms up, then measures. {@code afterWarmUp} (when not null) runs between the
     * two, to note what the warm-up left.
     */
    private Measured warmAndMeasure(String what, URI uri, Runnable afterWarmUp) throws Exception {
        expectResponse(what, uri);
        int warmUpSeconds = warmUp(what, uri);
        if (afterWarmUp != null) {
            afterWarmUp.run();
        }
        note("measuring " + what + " for " + settings.duration().toSeconds() + " s");
        long cpuBefore = os.getProcessCpuTime();
        WrkReport report = wrk.run(uri, settings.threads(), settings.connections(), settings.duration());
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        return new Measured(report, report.requests() == 0 ? 0 : cpuNanos / 1e3 / report.requests(), warmUpSeconds);
    }

    /** Uncounted runs until requests/s settle (or the limit is reached); returns how long they took. */
    private int warmUp(String what, URI uri) throws IOException, InterruptedException {
        Duration slice = settings.warmUpSlice();
        if (slice.isZero()) {
            return 0;
        }
        note("warming up " + what + " (not counted): " + slice.toSeconds() + " s runs until requests/s settle,"
                + " at most " + settings.maxWarmUp().toSeconds() + " s; the JIT compiles the hot paths meanwhile");
        Duration spent = Duration.ZERO;
        double previous = -1;
        while (true) {
            long compiling = jit.compilingNanos();
            double rps = wrk.run(uri, settings.threads(), settings.connections(), slice).requestsPerSecond();
            double compiled = (jit.compilingNanos() - compiling) / 1e9;
            spent = spent.plus(slice);
            say(String.format(Locale.ROOT, "bench http:   %3d s: %,.0f requests/s; the JIT compilers busy %.1f s",
                    spent.toSeconds(), rps, compiled));
            // Both: requests/s can pause on a plateau while the compilers still work through their queue.
            boolean settled = previous > 0 && Math.abs(rps - previous) <= SETTLED * previous
                    && compiled <= QUIET_JIT * slice.toSeconds();
            previous = rps;
            if (settled || spent.plus(slice).compareTo(settings.maxWarmUp()) > 0) {
                return (int) spent.toSeconds();
            }
        }
    }

    /** One request before the load: its status, content type and body must be the function's. */
    private void expectResponse(String what, URI uri) throws IOException, InterruptedException, WrongResponseException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("content-type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("application/json") || !response.body().equals(BODY)) {
            throw new WrongResponseException("GET " + uri + " (" + what + ") answered " + response.statusCode()
                    + " with content type '" + type + "' and body " + response.body() + "; expected 200, application/json"
                    + " and " + BODY + ": the benchmark would measure failures");
        }
    }

    private static long coldStarts(Platform platform) {
        return platform.totals(WorkspaceId.LOCAL, FUNCTION_NAME).coldStarts();
    }

    private void note(String step) {
        say("bench http: " + step + " ...");
    }

    private void say(String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }

    /** Deletes a scratch directory and everything in it. */
    static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A server answered the benchmark's request with something else than the function's response. */
    public static final class WrongResponseException extends Exception {
        private static final long serialVersionUID = 1L;

        WrongResponseException(String message) {
            super(message);
        }
    }
}
