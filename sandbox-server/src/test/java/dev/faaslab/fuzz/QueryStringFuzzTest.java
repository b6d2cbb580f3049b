package dev.faaslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.events.http.HttpApiEvent;
import dev.faaslab.events.http.HttpApiEventFields;
import dev.faaslab.events.http.HttpHeader;
import dev.faaslab.events.http.HttpRequestData;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request to {@code /fn/...} brings its query string and Cookie header as the client wrote them. Every
 * query becomes {@code queryStringParameters} and every Cookie header the {@code cookies} array without
 * failing, the event written is JSON that holds them, and percent-decoding undoes what a browser's
 * encoding did.
 */
class QueryStringFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"&", "=", "%", "%25", "%2", "%e2%82%ac", "%C3", "+", "%2B", "%26", "%3D", ";", "; "})
    void anyQueryAndCookieBecomeTheEventAndDecodingUndoesEncoding(byte[] input) throws IOException {
        String raw = new String(input, StandardCharsets.UTF_8);

        HttpApiEventFields fields = HttpApiEvent.fields(request(raw, raw));
        JsonNode event = JSON.readTree(HttpApiEvent.toJson(fields));
        Map<String, String> written = new LinkedHashMap<>();
        event.path("queryStringParameters").properties().forEach(p -> written.put(p.getKey(), p.getValue().textValue()));
        assertEquals(fields.query(), written, "queryStringParameters as written in the event");
        for (String cookie : fields.cookies() == null ? List.<String>of() : fields.cookies()) {
            assertFalse(cookie.isEmpty() || isSpaceOrTab(cookie.charAt(0)) || isSpaceOrTab(cookie.charAt(cookie.length() - 1)),
                    () -> "cookie '" + cookie + "' from '" + raw + "'");
        }

        String encoded = URLEncoder.encode(raw, StandardCharsets.UTF_8);
        assertEquals(Map.of(raw, raw), HttpApiEvent.fields(request(encoded + "=" + encoded, "")).query(),
                () -> "decoding " + encoded);
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    private static HttpRequestData request(String query, String cookie) {
        List<HttpHeader> headers = cookie.isEmpty() ? List.of() : List.of(new HttpHeader("Cookie", cookie));
        return new HttpRequestData("GET", "/", query, headers, new byte[0], "127.0.0.1", "localhost", "fuzz", 0L);
    }
}
