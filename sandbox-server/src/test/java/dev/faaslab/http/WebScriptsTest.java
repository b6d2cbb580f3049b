package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.stream.StreamEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The browser app's scripts (web/js) keep each thing the server and the pages share in one module: the live
 * stream's event names, requests and the reading of error answers, the DOM helpers. Read as text, since there
 * is no JavaScript build to check them; the browser tests (dev.faaslab.web) show that the pages still work.
 */
@DisplayName("The browser app's scripts")
class WebScriptsTest {

    static final Path JS = Path.of("..", "web", "js");
    static final Pattern STREAM_EVENT_NAMES = Pattern.compile("STREAM_EVENT_NAMES\\s*=\\s*Object\\.freeze\\(\\[([^\\]]*)]");
    static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Nested
    @DisplayName("listen to the live stream")
    class LiveStream {

        @Test
        @DisplayName("for exactly the events the server's StreamEvent records send, named in stream.js")
        void forTheEventsTheServerSends() throws Exception {
            TreeSet<String> sent = new TreeSet<>();
            for (Class<?> kind : StreamEvent.class.getPermittedSubclasses()) {
                sent.add(OpenApiTest.instanceOf(kind).type());
            }
            List<String> listened = streamEventNames();
            assertEquals(listened.size(), new TreeSet<>(listened).size(), "stream.js names each event once: " + listened);
            assertEquals(sent, new TreeSet<>(listened), "web/js/stream.js's STREAM_EVENT_NAMES should list the wire name "
                    + "(type()) of every record StreamEvent permits, and nothing else");
        }

        @Test
        @DisplayName("through one EventSource, opened in stream.js")
        void throughStreamJsOnly() throws IOException {
            assertEquals(Map.of("stream.js", 1), occurrences(Pattern.compile("\\bnew\\s+EventSource\\b")),
                    "only web/js/stream.js opens the live stream, with the names it lists");
        }
    }

    @Test
    @DisplayName("send every request through api.js, whose one reader turns error answers into ApiErrors")
    void requestThroughOneClient() throws IOException {
        assertEquals(Map.of("api.js", 1), occurrences(Pattern.compile("\\bfetch\\s*\\(|\\bXMLHttpRequest\\b")),
                "only web/js/api.js's request() calls fetch, so every page reads the server's "
                        + "{\"error\":{\"code\",\"message\"}} the same way");
    }

    @Test
    @DisplayName("define h(), palette() and escapeHtml() once, in dom.js")
    void defineDomHelpersOnce() throws IOException {
        for (String helper : List.of("h", "palette", "escapeHtml")) {
            Pattern definition = Pattern.compile("\\bfunction\\s+" + helper + "\\s*\\(|\\b(const|let|var)\\s+" + helper
                    + "\\s*=");
            assertEquals(Map.of("dom.js", 1), occurrences(definition),
                    helper + "() is defined in web/js/dom.js only; other modules import it");
        }
    }

    /** The names in stream.js's STREAM_EVENT_NAMES array, in order. */
    static List<String> streamEventNames() throws IOException {
        Matcher list = STREAM_EVENT_NAMES.matcher(Files.readString(JS.resolve("stream.js")));
        assertTrue(list.find(), "web/js/stream.js declares STREAM_EVENT_NAMES = Object.freeze([...])");
        List<String> names = new ArrayList<>();
        Matcher name = QUOTED.matcher(list.group(1));
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    /** How often the pattern occurs in each script of web/js that has it at all. */
    static Map<String, Integer> occurrences(Pattern pattern) throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> scripts = Files.list(JS)) {
            for (Path script : scripts.filter(path -> path.toString().endsWith(".js")).toList()) {
                long count = pattern.matcher(Files.readString(script)).results().count();
                if (count > 0) {
                    found.put(script.getFileName().toString(), (int) count);
                }
            }
        }
        assertTrue(Files.isRegularFile(JS.resolve("api.js")), "the scripts are read from " + JS.toAbsolutePath());
        return found;
    }
}
