package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@code URL} a function gets passes the URL standard's own tests: every entry of web-platform-tests'
 * {@code urltestdata.json} (see {@code wpt/README.md}), parsed inside the sandbox, each of its parts compared.
 * The entries whatwg-url 14.2.0 and tr46 5.0.0 (the newest on Maven Central) still get wrong are named below, each
 * with why: the test fails if one of them starts passing too, so that the list stays true.
 */
@DisplayName("A JavaScript function's URL")
class UrlStandardTest {

    private static final String HANDLER = """
            const PARTS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
            export const handler = async (cases) => {
              const wrong = [];
              const wrongInputs = new Set();
              let checked = 0;
              for (const c of cases) {
                if (typeof c === 'string') continue; // a comment
                checked++;
                let url = null;
                let error = null;
                try { url = c.base === null || c.base === undefined ? new URL(c.input) : new URL(c.input, c.base); } catch (e) { error = e; }
                const name = JSON.stringify(c.input) + (c.base ? ' against ' + JSON.stringify(c.base) : '');
                const before = wrong.length;
                if (c.failure) {
                  if (!error) wrong.push(name + ' parsed as ' + url.href + ', but is not a URL');
                  else if (!(error instanceof TypeError) || error.code !== 'ERR_INVALID_URL') wrong.push(name + ' threw ' + error);
                  if (URL.canParse(c.input, c.base === null ? undefined : c.base)) wrong.push(name + ': canParse says yes');
                  if (wrong.length > before) wrongInputs.add(c.input);
                  continue;
                }
                if (error) { wrong.push(name + ' threw ' + error); wrongInputs.add(c.input); continue; }
                for (const part of PARTS) {
                  if (part in c && url[part] !== c[part]) wrong.push(name + ': ' + part + ' is ' + JSON.stringify(url[part]) + ', not ' + JSON.stringify(c[part]));
                }
                if ('searchParams' in c && url.searchParams.toString() !== c.searchParams) wrong.push(name + ': searchParams');
                if (wrong.length > before) wrongInputs.add(c.input);
              }
              return { checked, wrong, wrongInputs: [...wrongInputs] };
            };
            """;

    /** Inputs the library gets wrong, and why. */
    private static final Map<String, String> KNOWN_WRONG = Map.ofEntries(
            // tr46 5.0.0 predates the URL standard's check that an xn-- label is valid Punycode (tr46 5.1).
            Map.entry("http://a.b.c.xn--pokxncvks", "tr46 5.0.0"), Map.entry("http://10.0.0.xn--pokxncvks", "tr46 5.0.0"),
            Map.entry("http://a.b.c.XN--pokxncvks", "tr46 5.0.0"), Map.entry("http://a.b.c.Xn--pokxncvks", "tr46 5.0.0"),
            Map.entry("http://10.0.0.XN--pokxncvks", "tr46 5.0.0"), Map.entry("http://10.0.0.xN--pokxncvks", "tr46 5.0.0"),
            Map.entry("file://xn--/p", "tr46 5.0.0"), Map.entry("https://xn--/", "tr46 5.0.0"),
            // whatwg-url 14.2.0 counts the userinfo's code points but indexes its UTF-16 units: an emoji's second half
            // becomes U+FFFD and the last character is lost (Node's own URL, ada, gets it right).
            Map.entry("http://😀x@host/", "whatwg-url 14.2.0"), Map.entry("http://a:😀x@host/", "whatwg-url 14.2.0"));

    @Test
    @DisplayName("parses every example of the URL standard's tests (web-platform-tests' urltestdata.json) as the standard says")
    void passesTheStandardsTests() throws IOException {
        String data;
        try (InputStream in = UrlStandardTest.class.getResourceAsStream("wpt/urltestdata.json")) {
            data = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int entries = 0;
        for (JsonNode entry : Json.MAPPER.readTree(data)) {
            entries += entry.isObject() ? 1 : 0;
        }
        FunctionConfig config = TestRuntime.config("index.mjs", HANDLER, Duration.ofSeconds(60), 512, Map.of());
        JsonNode result = Json.MAPPER.readTree(json(TestRuntime.invokeOnce(config, data)));
        assertEquals(entries, result.get("checked").asInt(), "every entry was checked");
        java.util.Set<String> wrongInputs = new java.util.TreeSet<>(result.get("wrongInputs").valueStream().map(JsonNode::asText).toList());
        assertEquals(new java.util.TreeSet<>(KNOWN_WRONG.keySet()), wrongInputs, () -> "wrong, of " + result.get("checked")
                + ":\n" + String.join("\n", result.get("wrong").valueStream().map(JsonNode::asText).toList()));
    }

    private static final String REQUESTS = """
            export const handler = async (cases) => {
              const wrong = [];
              let checked = 0;
              for (const c of cases) {
                if (typeof c === 'string' || c.failure || (c.base !== null && c.base !== undefined)) continue;
                if (c.protocol !== 'http:' && c.protocol !== 'https:') continue;
                // The input as written (a Request reads it against http://localhost, so that fetch('/path') reaches the
                // workspace's own functions) and the href the standard gives it, which takes the short way, without
                // whatwg-url, when it qualifies: either way the URL must be the one parsing gives.
                let expected;
                try { expected = new URL(c.input, 'http://localhost').href; } catch (e) { expected = 'threw'; }
                for (const [input, want] of [[c.input, expected], [c.href, c.href]]) {
                  checked++;
                  let url;
                  try { url = new Request(input).url; } catch (e) { url = 'threw'; }
                  if (url !== want) wrong.push({ input: c.input, text: JSON.stringify(input) + ' gave ' + JSON.stringify(url) + ', not ' + JSON.stringify(want) });
                }
              }
              return { checked, wrong };
            };
            """;

    @Test
    @DisplayName("a Request shows each http(s) example's URL as the standard serializes it, by whichever way it was read")
    void requestsKeepTheStandardsSerialization() throws IOException {
        String data;
        try (InputStream in = UrlStandardTest.class.getResourceAsStream("wpt/urltestdata.json")) {
            data = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        FunctionConfig config = TestRuntime.config("index.mjs", REQUESTS, Duration.ofSeconds(60), 512, Map.of());
        JsonNode result = Json.MAPPER.readTree(json(TestRuntime.invokeOnce(config, data)));
        assertTrue(result.get("checked").asInt() > 200, result.toString());
        // Inputs whatwg-url itself gets wrong (above) fail both ways alike; they are not the Request's doing.
        java.util.List<String> wrong = result.get("wrong").valueStream()
                .filter(entry -> !KNOWN_WRONG.containsKey(entry.get("input").asText()))
                .map(entry -> entry.get("text").asText()).toList();
        assertEquals(java.util.List.of(), wrong, "of " + result.get("checked"));
    }
}
