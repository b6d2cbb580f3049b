package dev.faaslab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code faaslab bench start}: how long {@code ./faaslab start} takes, from launch until {@code /health}
 * answers, and until a first JavaScript function has answered through the HTTP trigger (which also waits
 * for the JavaScript engine). Each run is a new process on a new, empty data directory: the slowest case,
 * since the database is created and migrated too.
 */
public final class StartBenchmark {

    private static final Pattern URL = Pattern.compile("running at (http://\\S+/)");
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final Path launcher;
    private final PrintWriter progress;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public StartBenchmark(Path launcher, PrintWriter progress) {
        this.launcher = launcher;
        this.progress = progress;
    }

    /** Launches the server {@code runs} times, one after the other. */
    public StartBenchResult run(int runs) throws IOException, InterruptedException {
        List<Long> ready = new ArrayList<>();
        List<Long> firstInvocation = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long[] measured = once();
            ready.add(measured[0]);
            firstInvocation.add(measured[1]);
            progress.printf("bench start: run %d of %d: ready in %d ms, first function answered in %d ms%n", run, runs,
                    measured[0], measured[1]);
            progress.flush();
        }
        return StartBenchResult.of(ready, firstInvocation);
    }

    /** One launch: milliseconds until ready, and until the first function answered. */
    private long[] once() throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("faaslab-bench-start-");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "start", "--port", "0", "--data",
                data.toString(), "--no-browser").redirectErrorStream(true);
        builder.environment().put("FAASLAB_NO_BUILD", "1");
        long start = System.nanoTime();
        Process server = builder.start();
        try {
            CompletableFuture<URI> uri = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> readOutput(server, uri));
            URI base = uri.get(GIVE_UP.toSeconds(), TimeUnit.SECONDS);
            long deadline = start + GIVE_UP.toNanos();
            while (status(HttpRequest.newBuilder(base.resolve("/health")).GET().build()) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the server at " + base + " did not answer /health within " + GIVE_UP.toSeconds() + " s");
                }
                Thread.sleep(5);
            }
            long ready = System.nanoTime() - start;
            int deployed = status(HttpRequest.newBuilder(base.resolve("/api/functions/hello"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"runtime\":\"nodejs\",\"code\":\"export const handler ="
                            + " async () => ({ statusCode: 200, body: 'hello' });\"}")).build());
            if (deployed != 200 && deployed != 201) {
                throw new IOException("deploying a function answered " + deployed);
            }
            int invoked = status(HttpRequest.newBuilder(base.resolve("/fn/hello")).GET().build());
            if (invoked != 200) {
                throw new IOException("the first invocation answered " + invoked);
            }
            long first = System.nanoTime() - start;
            return new long[] {ready / 1_000_000, first / 1_000_000};
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the server did not print its URL within " + GIVE_UP.toSeconds() + " s", e);
        } finally {
            // SIGTERM, as Ctrl-C would; Process.destroy() would also close this side's pipes first.
            server.toHandle().destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.toHandle().destroyForcibly();
            }
            HttpBenchmark.deleteRecursively(data);
        }
    }

    private static void readOutput(Process server, CompletableFuture<URI> uri) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher url = URL.matcher(line);
                if (!uri.isDone() && url.find()) {
                    uri.complete(URI.create(url.group(1)));
                }
            }
            uri.completeExceptionally(new IOException("the server exited before printing its URL"));
        } catch (IOException e) {
            uri.completeExceptionally(e);
        }
    }

    private int status(HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
