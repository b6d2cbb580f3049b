package dev.faaslab.web;

import dev.faaslab.http.TestServer;
import java.io.IOException;
import java.net.URI;
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

    private Path data;
    private TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("faaslab-web-");
        server = TestServer.serving(BrowserSession.WEB_ROOT, data);
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
}
