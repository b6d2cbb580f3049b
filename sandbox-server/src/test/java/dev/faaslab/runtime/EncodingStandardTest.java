package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Encoding standard's own UTF-8 tests (web-platform-tests' {@code encoding/}, unchanged) run inside a FaaS Lab
 * function against its {@code TextEncoder} and {@code TextDecoder}, with the few testharness.js assertions they use.
 */
@DisplayName("TextEncoder and TextDecoder against the Encoding standard's tests")
class EncodingStandardTest {

    static final Path WPT = Path.of("src/test/resources/dev/faaslab/runtime/wpt/encoding");

    /** testharness.js, the part these files call: each test's outcome is kept, by name. */
    static final String HARNESS = """
            const results = {};
            function test(body, name) {
              try { body(); results[name] = 'PASS'; } catch (e) { results[name] = 'FAIL: ' + e.message; }
            }
            function assert_equals(actual, expected, message) {
              if (!Object.is(actual, expected)) throw new Error((message || '') + ' got ' + JSON.stringify(actual) + ', expected ' + JSON.stringify(expected));
            }
            function assert_true(actual, message) { assert_equals(actual, true, message); }
            function assert_false(actual, message) { assert_equals(actual, false, message); }
            function assert_array_equals(actual, expected, message) {
              assert_equals(actual.length, expected.length, message);
              actual.forEach((value, i) => assert_equals(value, expected[i], message + ' at ' + i));
            }
            function assert_throws_js(type, body, message) {
              try { body(); } catch (e) {
                if (e instanceof type) return;
                throw new Error((message || '') + ' threw ' + e + ', not a ' + type.name);
              }
              throw new Error((message || '') + ' did not throw');
            }
            """;

    @ParameterizedTest(name = "{0}: {1} tests pass")
    @CsvSource(delimiter = '|', textBlock = """
            textdecoder-fatal.any.js  | 35 | Fatal flag: utf-16le - truncated code unit
            api-surrogates-utf8.any.js | 6  |
            """)
    @DisplayName("every UTF-8 case passes; the one UTF-16 case is named (FaaS Lab's TextDecoder is UTF-8 only)")
    void passesTheStandardsTests(String file, int passing, String knownFailure) throws Exception {
        String tests = Files.readString(WPT.resolve(file));
        FunctionConfig config = FunctionConfig.of("index.js", HARNESS + tests + "\nexports.handler = async () => results;\n")
                .withTimeout(Duration.ofSeconds(30));
        JsonNode results = Json.MAPPER.readTree(json(invokeOnce(config, "{}")));
        Map<String, String> failed = new TreeMap<>();
        results.properties().forEach(entry -> {
            if (!entry.getValue().asText().equals("PASS")) {
                failed.put(entry.getKey(), entry.getValue().asText());
            }
        });
        assertEquals(knownFailure == null ? java.util.Set.of() : java.util.Set.of(knownFailure), failed.keySet(),
                "the tests that fail: " + failed);
        assertEquals(passing, results.size() - failed.size(), results.toString());
    }
}
