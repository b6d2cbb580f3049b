package dev.faaslab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.http.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browser app as {@code ./faaslab start} serves it, for one test class: a real sandbox server on a free
 * port with the web root, the lessons and a fresh H2 database, gone after the class's last test.
 * {@code @RegisterExtension static final WebApp app = new WebApp();}; its {@code @BeforeAll} methods may
 * use it already.
 */
public final class WebApp implements BeforeAllCallback, AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final boolean classroom;
    private Path data;
    private TestServer server;

    /** The app as a plain {@code ./faaslab start} serves it: one learner, no accounts. */
    public WebApp() {
        this(false);
    }

    private WebApp(boolean classroom) {
        this.classroom = classroom;
    }

    /** The app as {@code ./faaslab start --classroom} serves it: instructors, classes, learners who join. */
    public static WebApp classroom() {
        return new WebApp(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("faaslab-web-");
        server = classroom ? TestServer.classroom(data, BrowserSession.WEB_ROOT)
                : TestServer.serving(BrowserSession.WEB_ROOT, data);
    }

    /** The token of the first instructor's one-time set-up link, as the server prints it at start-up. */
    public String setUpLinkToken() {
        return server.sandbox().classroom().setUpLink()
                .orElseThrow(() -> new IllegalStateException("an instructor has set up already"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** {@code path} on the server, such as {@code /lesson.html?id=…}. */
    public URI uri(String path) {
        if (server == null) {
            throw new IllegalStateException("register WebApp with @RegisterExtension on a static field");
        }
        return server.uri(path);
    }

    /**
     * Asks the server's REST API directly, as a test's own set-up does beside the browser: the answer as JSON (null
     * for none); an answer of 300 or more fails the test with its body.
     */
    public JsonNode api(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(3))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}
