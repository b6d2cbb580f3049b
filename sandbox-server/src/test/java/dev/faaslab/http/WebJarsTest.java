package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.platform.PlatformLimits;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The browser libraries under /webjars")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebJarsTest {

    private static final Path WEB = Path.of("..", "web");
    private static final Pattern WEBJAR_URL = Pattern.compile("/webjars/[^'\"]+");

    @TempDir
    static Path data;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer(data, PlatformLimits.DEFAULT, WEB);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("are served without a version in the path, as JavaScript, with an ETag that answers 304")
    void servedWithoutVersion() {
        TestServer.Reply file = server.get("/webjars/codemirror__view/dist/index.js");
        assertEquals(200, file.status());
        assertEquals("text/javascript;charset=utf-8", file.header("Content-Type"));
        assertTrue(file.body().contains("class EditorView"), "the editor's view module");
        String etag = file.header("ETag");
        assertNotNull(etag);
        TestServer.Reply again = server.send(HttpRequest.newBuilder(server.uri("/webjars/codemirror__view/dist/index.js"))
                .header("If-None-Match", etag).GET().build());
        assertEquals(304, again.status());
    }

    @Test
    @DisplayName("answer 404 for an unknown library, a missing file, a directory or a path that climbs out")
    void refuseWhatIsNotAFile() {
        for (String path : List.of("/webjars/no-such-library/index.js", "/webjars/codemirror__view/dist/nothing.js",
                "/webjars/codemirror__view/dist", "/webjars/codemirror__view/../../META-INF/MANIFEST.MF",
                "/webjars/codemirror__view/%2e%2e/%2e%2e/dist/index.js", "/webjars/codemirror__view")) {
            TestServer.Reply reply = server.get(path);
            assertEquals(404, reply.status(), path + " should not be served");
        }
    }

    @Test
    @DisplayName("resolve every entry of the pages' import map, so no page refers to a library the build lacks")
    void importMapResolves() throws Exception {
        Matcher url = WEBJAR_URL.matcher(Files.readString(WEB.resolve("js/importmap.js")));
        List<String> checked = new ArrayList<>();
        while (url.find()) {
            assertEquals(200, server.get(url.group()).status(), "importmap.js maps a name to " + url.group()
                    + ", which the server does not have");
            checked.add(url.group());
        }
        assertTrue(checked.size() > 10, "the editor and the charts are mapped: " + checked);
    }

    @Test
    @DisplayName("are mapped before any module runs, on every page that uses the map")
    void importMapComesFirst() throws Exception {
        List<Path> pages;
        try (Stream<Path> files = Files.list(WEB)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        int using = 0;
        for (Path page : pages) {
            String html = Files.readString(page);
            int map = html.indexOf("<script src=\"/js/importmap.js\"></script>");
            if (map >= 0) {
                using++;
                int module = html.indexOf("<script type=\"module\"");
                assertTrue(module < 0 || map < module, page.getFileName() + " loads its modules before the import map");
            }
        }
        assertTrue(using >= 2, "the lesson and exercise pages use the import map");
    }
}
