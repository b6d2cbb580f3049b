package dev.faaslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.store.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./faaslab start} as a person runs it: a child process, killed or stopped as they would. */
@DisplayName("./faaslab start")
class ServerLauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("faaslab.root", "..")).toAbsolutePath().normalize();
    private static final Pattern URL = Pattern.compile("running at (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();

    /** A running server and everything it printed. */
    static final class Server {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        URI uri;

        Server(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                lines.add("<end>");
            });
        }

        /** The next line that contains {@code text}, waiting up to two minutes. */
        String await(String text) throws InterruptedException {
            while (true) {
                String line = lines.poll(120, TimeUnit.SECONDS);
                if (line == null || line.equals("<end>")) {
                    throw new AssertionError("the server never printed '" + text + "'; it printed " + seen);
                }
                seen.add(line);
                if (line.contains(text)) {
                    return line;
                }
            }
        }
    }

    static Server start(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(ROOT.resolve("faaslab").toString());
        builder.command().add("start");
        builder.command().addAll(List.of(args));
        builder.directory(ROOT.toFile());
        builder.environment().put("FAASLAB_NO_BUILD", "1");
        builder.redirectErrorStream(true);
        return new Server(builder.start());
    }

    static Server started(Path data) throws Exception {
        Server server = start("--port", "0", "--data", data.toString(), "--no-browser");
        Matcher url = URL.matcher(server.await("running at"));
        assertTrue(url.find());
        server.uri = URI.create(url.group(1));
        return server;
    }

    HttpResponse<String> put(Server server, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(Server server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("keeps its state in the PostgreSQL database --database names, through a kill -9 and a restart")
    void keepsStateInPostgresql(@TempDir Path data) throws Exception {
        String database = TestPostgres.get().url(data).toString();
        String[] args = {"--port", "0", "--data", data.toString(), "--no-browser", "--database", database};
        Server server = start(args);
        String running = server.await("running at");
        assertTrue(running.contains("(database " + database + ", bucket files in " + data), running);
        Matcher url = URL.matcher(running);
        assertTrue(url.find());
        server.uri = URI.create(url.group(1));
        HttpResponse<String> reply = put(server, "/api/functions/kept",
                "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => 42;\"}");
        assertEquals(201, reply.statusCode(), reply.body());
        server.process.toHandle().destroyForcibly();
        server.process.waitFor(30, TimeUnit.SECONDS);

        Server restarted = start(args);
        try {
            url = URL.matcher(restarted.await("running at"));
            assertTrue(url.find());
            restarted.uri = URI.create(url.group(1));
            JsonNode functions = JSON.readTree(get(restarted, "/api/functions").body()).path("functions");
            assertEquals(1, functions.size(), functions.toString());
            assertEquals("kept", functions.get(0).path("name").asText());
        } finally {
            restarted.process.destroy();
            restarted.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("loses nothing it acknowledged when killed with SIGKILL right after")
    void survivesKillMinusNine(@TempDir Path data) throws Exception {
        Server server = started(data);
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "fn" + i;
            HttpResponse<String> reply = put(server, "/api/functions/" + name,
                    "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => " + i + ";\"}");
            assertEquals(201, reply.statusCode(), reply.body());
            acknowledged.add(name);
        }
        assertEquals(200, put(server, "/api/progress/lesson-1", "{\"step\":3}").statusCode());
        assertEquals(201, client.send(HttpRequest.newBuilder(server.uri.resolve("/api/functions/fn9/versions"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        // SIGKILL: no shutdown hook, no flush. (Through the handle: Process.destroyForcibly also closes our pipes.)
        server.process.toHandle().destroyForcibly();
        server.process.waitFor(30, TimeUnit.SECONDS);

        Server restarted = started(data);
        try {
            JsonNode functions = JSON.readTree(get(restarted, "/api/functions").body()).path("functions");
            List<String> names = new ArrayList<>();
            functions.forEach(f -> names.add(f.path("name").asText()));
            assertEquals(acknowledged, names, "every acknowledged function is back");
            assertEquals(3, JSON.readTree(get(restarted, "/api/progress").body()).path("progress").path("lesson-1").path("step").asInt());
            assertEquals(1, JSON.readTree(get(restarted, "/api/functions/fn9/versions").body()).path("versions").size());
            HttpResponse<String> invoked = client.send(HttpRequest.newBuilder(restarted.uri.resolve("/api/functions/fn7/invoke"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(7, JSON.readTree(invoked.body()).path("result").asInt());
        } finally {
            restarted.process.destroy();
            restarted.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("--classroom on every address prints the first instructor's one-time link once, which signs them in;"
            + " then every route needs a session")
    void classroom(@TempDir Path data) throws Exception {
        // The README's command: ./faaslab start --classroom --host 0.0.0.0 (a free port, a fresh data directory).
        Server server = start("--classroom", "--host", "0.0.0.0", "--port", "0", "--data", data.toString(),
                "--no-browser");
        Matcher link = Pattern.compile("one-time sign-in link \\(24 h\\): http://[^/]+:(\\d+)/#/classroom/setup/(\\S+)")
                .matcher(server.await("one-time sign-in link"));
        assertTrue(link.find(), server.seen.toString());
        URI local = URI.create("http://127.0.0.1:" + link.group(1) + "/");
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(local.resolve("/api/functions")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        HttpResponse<String> setUp = client.send(HttpRequest.newBuilder(local.resolve("/api/classroom/setup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\""
                        + link.group(2) + "\",\"login\":\"ada\",\"name\":\"Ada\",\"password\":\"correct horse"
                        + " battery\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, setUp.statusCode(), setUp.body());
        server.process.toHandle().destroy();
        server.await("Stopped.");
        assertTrue(server.process.waitFor(60, TimeUnit.SECONDS));

        Server again = start("--classroom", "--port", "0", "--data", data.toString(), "--no-browser");
        String line = again.await("Classroom mode.");
        assertTrue(line.contains("Instructors sign in at http://127.0.0.1:"), "no second link once an instructor has"
                + " a password: " + line);
        again.process.toHandle().destroy();
        assertTrue(again.process.waitFor(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("stops cleanly on SIGTERM (as on Ctrl-C), letting an in-flight invocation finish")
    void stopsCleanly(@TempDir Path data) throws Exception {
        Server server = started(data);
        put(server, "/api/functions/slow", "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => { await new Promise(r => setTimeout(r, 1500)); return 'finished'; };\"}");
        var inFlight = client.sendAsync(HttpRequest.newBuilder(server.uri.resolve("/api/functions/slow/invoke"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (JSON.readTree(get(server, "/api/functions/slow/instances").body()).path("inFlight").asInt() == 0) {
            assertTrue(System.nanoTime() < deadline, "the invocation never started");
            Thread.sleep(10);
        }
        // SIGTERM, which the JVM handles as it handles Ctrl-C's SIGINT. Through the handle, which leaves our
        // end of the process's output open (Process.destroy closes it), so we can read "Stopped.".
        server.process.toHandle().destroy();
        assertEquals("finished", JSON.readTree(inFlight.get(60, TimeUnit.SECONDS).body()).path("result").asText());
        server.await("Stopped.");
        assertTrue(server.process.waitFor(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("says in one line that the port is in use, and exits with 7")
    void portInUse(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Server server = start("--port", Integer.toString(taken.getLocalPort()), "--data", data.toString(), "--no-browser");
            assertTrue(server.process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(ExitCode.CANNOT_START, server.process.exitValue());
            String line = server.await("faaslab start:");
            assertTrue(line.contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"), line);
            assertTrue(line.contains("--port N"), line);
        }
    }

    @Test
    @DisplayName("says in one line that the data directory cannot be used, and exits with 7")
    void unusableDataDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Server server = start("--port", "0", "--data", file.resolve("data").toString(), "--no-browser");
        assertTrue(server.process.waitFor(120, TimeUnit.SECONDS));
        assertNotEquals(0, server.process.exitValue());
        assertEquals(ExitCode.CANNOT_START, server.process.exitValue());
        String line = server.await("faaslab start:");
        assertTrue(line.contains(file.resolve("data").toString()) && line.contains("--data DIR"), line);
    }
}
