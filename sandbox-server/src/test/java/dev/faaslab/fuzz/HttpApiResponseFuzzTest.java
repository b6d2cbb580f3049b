package dev.faaslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.faaslab.events.http.HttpApiResponse;
import dev.faaslab.events.http.HttpHeader;
import dev.faaslab.events.http.HttpResponseData;
import java.nio.charset.StandardCharsets;

/**
 * A handler's result is whatever the learner's code returned: the mapping to an HTTP response never
 * throws, and what it sends is a response Jetty can write without splitting a header line.
 */
class HttpApiResponseFuzzTest {

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{\"statusCode\":", "\"headers\":{", "\"cookies\":[", "\"body\":", "\"isBase64Encoded\":true",
            "\"content-type\"", "null", "\\r\\n", "\\u0000", "\"{\\\"statusCode\\\":"})
    void anyResultBecomesAResponseWithAStatusFrom100To599AndHeaderLinesThatCannotSplit(byte[] input) {
        HttpResponseData response = HttpApiResponse.fromResult(new String(input, StandardCharsets.UTF_8));

        assertTrue(response.status() >= 100 && response.status() <= 599, () -> "status " + response.status());
        assertNotNull(response.header("content-type"), () -> "no content type in " + response.headers());
        for (HttpHeader header : response.headers()) {
            assertTrue(isToken(header.name()), () -> "header name " + header.name());
            assertTrue(isOneLine(header.value()), () -> "header value " + header.value());
        }
        for (String cookie : response.cookies()) {
            assertTrue(isOneLine(cookie), () -> "cookie " + cookie);
        }
    }

    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    private static boolean isOneLine(String value) {
        return value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }
}
