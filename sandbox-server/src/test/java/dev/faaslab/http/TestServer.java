package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.SharedTestRuntime;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real server for tests: an H2 file database in {@code dataDirectory}, the platform, and Jetty on a
 * free port, reached over real HTTP. Closing it stops it as Ctrl-C would; the data stays for a restart.
 * Public only for the browser tests in {@code dev.faaslab.web}, through {@link #serving}, {@link #uri} and
 * {@link #close}.
 */
public final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final Sandbox sandbox;
    final Platform platform;
    final WebServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestServer(Path dataDirectory, PlatformLimits limits, Path webRoot) throws Exception {
        this(dataDirectory, limits, webRoot, null, Clock.system());
    }

    /** A server whose time is {@code clock}'s: a {@code ManualClock} lets a test step through minutes at once. */
    TestServer(Path dataDirectory, Clock clock) throws Exception {
        this(dataDirectory, PlatformLimits.DEFAULT, null, null, clock);
    }

    /** A server with these limits (and quotas), its time {@code clock}'s. */
    TestServer(Path dataDirectory, PlatformLimits limits, Clock clock) throws Exception {
        this(dataDirectory, limits, null, null, clock);
    }

    /** A server teaching the lessons under {@code lessonsRoot}, its time {@code clock}'s. */
    static TestServer withLessons(Path dataDirectory, Path lessonsRoot, Clock clock) throws Exception {
        return new TestServer(dataDirectory, PlatformLimits.DEFAULT, null, lessonsRoot, clock);
    }

    /** A server that also answers to the names in {@code allowedHosts}, as {@code --allowed-hosts} makes it. */
    static TestServer withAllowedHosts(Path dataDirectory, List<String> allowedHosts) throws Exception {
        return new TestServer(dataDirectory, PlatformLimits.DEFAULT, null, null, Clock.system(), allowedHosts);
    }

    private TestServer(Path dataDirectory, PlatformLimits limits, Path webRoot, Path lessonsRoot, Clock clock)
            throws Exception {
        this(dataDirectory, limits, webRoot, lessonsRoot, clock, List.of());
    }

    private TestServer(Path dataDirectory, PlatformLimits limits, Path webRoot, Path lessonsRoot, Clock clock,
                       List<String> allowedHosts) throws Exception {
        this(dataDirectory, limits, webRoot, lessonsRoot, clock, allowedHosts, false);
    }

    private TestServer(Path dataDirectory, PlatformLimits limits, Path webRoot, Path lessonsRoot, Clock clock,
                       List<String> allowedHosts, boolean classroom) throws Exception {
        sandbox = Sandbox.open(dataDirectory, clock, SharedTestRuntime.get(), limits);
        platform = sandbox.platform();
        if (classroom) {
            sandbox.classroom();
        }
        try {
            server = WebServer.listen("127.0.0.1", 0, webRoot, lessonsRoot, allowedHosts);
            server.serve(sandbox);
        } catch (Exception e) {
            sandbox.close();
            throw e;
        }
    }

    /**
     * A server with the default limits that also serves the browser app's files from {@code webRoot} and
     * teaches the lessons in the {@code lessons} folder beside it, as {@code ./faaslab start} does.
     */
    public static TestServer serving(Path webRoot, Path dataDirectory) throws Exception {
        return new TestServer(dataDirectory, PlatformLimits.DEFAULT, webRoot, webRoot.resolveSibling("lessons"),
                Clock.system());
    }

    /** A server in classroom mode, as {@code ./faaslab start --classroom} runs it, with the lessons beside web/. */
    public static TestServer classroom(Path dataDirectory, Path webRoot) throws Exception {
        return new TestServer(dataDirectory, PlatformLimits.DEFAULT, webRoot,
                webRoot == null ? null : webRoot.resolveSibling("lessons"), Clock.system(), List.of(), true);
    }

    public dev.faaslab.wiring.Sandbox sandbox() {
        return sandbox;
    }

    TestServer(Path dataDirectory, PlatformLimits limits) throws Exception {
        this(dataDirectory, limits, (Path) null);
    }

    TestServer(Path dataDirectory) throws Exception {
        this(dataDirectory, PlatformLimits.DEFAULT);
    }

    /** A reply, with its body read as JSON when it is JSON. */
    record Reply(int status, HttpResponse<byte[]> response) {
        String body() {
            return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public URI uri(String path) {
        return server.uri().resolve(path);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    /** Creates or updates a function from a JSON body; fails the test unless it is accepted. */
    JsonNode deploy(String name, String json) {
        Reply reply = put("/api/functions/" + name, json);
        if (reply.status() != 200 && reply.status() != 201) {
            throw new AssertionError("deploying " + name + " gave " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** A JavaScript function; {@code extra} adds fields such as {@code "keepAliveSeconds":1}. */
    JsonNode deployJs(String name, String code, String extra) {
        try {
            String body = "{\"runtime\":\"nodejs\",\"code\":" + JSON.writeValueAsString(code)
                    + (extra.isEmpty() ? "" : "," + extra) + "}";
            return deploy(name, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON text, parsed. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Reply> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Reply(response.statusCode(), response));
    }

    /**
     * Stops the server as Ctrl-C would, after telling this test's client to take no new requests: that closes its
     * idle keep-alive connection, which Jetty's graceful stop otherwise waits a second for (a second a test, for
     * nothing a test looks at). Requests still in flight run on, and the graceful stop waits for them as before.
     */
    @Override
    public void close() throws Exception {
        client.shutdown();
        try {
            server.close();
            sandbox.close();
        } finally {
            client.shutdownNow();
        }
    }
}
