package dev.faaslab.style.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.faaslab.SharedTestRuntime;
import dev.faaslab.events.http.HttpApiEvent;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionInstance;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lambda's style hands a JavaScript guest an HTTP request's API Gateway event as values, which lambda.js
 * assembles itself. A handler must not be able to tell: it gets the object that parsing the event's JSON
 * gives, with the same fields in the same order and nothing more or less.
 */
@DisplayName("An HTTP event passed as values")
class HttpEventValuesTest {

    /** Echoes its event; JSON.stringify keeps the order of the fields as the object holds them. */
    static final String ECHO = "export const handler = async (event) => event;";

    static FunctionInstance instance;

    @BeforeAll
    static void start() {
        instance = SharedTestRuntime.get().deploy(FunctionConfig.of("index.mjs", ECHO)).newInstance();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    static Event.Http request(String method, String path, String query, List<Event.Header> headers, byte[] body,
                              String host) {
        return new Event.Http(method, path, query, headers, body, "127.0.0.1", host,
                "c3e1c1c0-8e3a-4f7e-9d61-0a5d5b2a6f10", 1_763_891_096_789L);
    }

    static Stream<Arguments> requests() {
        byte[] none = new byte[0];
        return Stream.of(
                Arguments.of("a plain GET", request("GET", "/", "", List.of(
                        new Event.Header("Host", "127.0.0.1:8080"), new Event.Header("User-Agent", "wrk")), none,
                        "127.0.0.1:8080"), true),
                Arguments.of("no headers at all", request("GET", "/", "", List.of(), none, ""), true),
                Arguments.of("a query with repeats, escapes and an empty value", request("GET", "/orders/7",
                        "a=1&a=2&b=%C3%A9%20x&c=&d", List.of(new Event.Header("Host", "h")), none, "h"), true),
                Arguments.of("cookies and repeated headers", request("POST", "/", "", List.of(
                        new Event.Header("Cookie", "a=1; b=2"), new Event.Header("X-Many", "1"),
                        new Event.Header("x-many", "2"), new Event.Header("Cookie", "c=3"),
                        new Event.Header("Content-Type", "application/json")),
                        "{\"n\":1}".getBytes(StandardCharsets.UTF_8), "api.example.com"), true),
                Arguments.of("a text body with unicode, quotes, newlines and control characters", request("PUT",
                        "/x", "", List.of(new Event.Header("Content-Type", "text/plain; charset=utf-8")),
                        "héllo \"wörld\"\n\ttab \u0001 \u2028 end 🎉".getBytes(StandardCharsets.UTF_8), "h"), true),
                Arguments.of("a binary body, base64-encoded", request("POST", "/upload", "", List.of(
                        new Event.Header("Content-Type", "application/octet-stream")),
                        new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe}, "[::1]:8080"), true),
                Arguments.of("a query holding NUL (%00), which goes as JSON", request("GET", "/", "a=%00b",
                        List.of(), none, "h"), false),
                Arguments.of("a body over 512 KB, which goes as JSON", request("POST", "/", "", List.of(
                        new Event.Header("Content-Type", "text/plain")),
                        "x".repeat(600 * 1024).getBytes(StandardCharsets.UTF_8), "h"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    @DisplayName("reaches the handler as the same object its JSON gives")
    void reachesTheHandlerAsItsJsonWould(String what, Event.Http request, boolean asValues) {
        String eventJson = HttpApiEvent.toJson(LambdaStyle.fields(request));
        Object[] input = LambdaStyle.INSTANCE.input(request);
        if (asValues) {
            assertEquals(null, input[0], what + " travels as values, not JSON");
            assertEquals(16, input.length, what + ": null, then the 15 values httpEvent takes");
        } else {
            assertArrayEquals(new Object[] {eventJson}, input, what + " travels as JSON");
        }
        String viaValues = json(instance.invoke(request, Ids.requestId()));
        String viaJson = json(instance.invoke(Event.json(eventJson), Ids.requestId()));
        assertEquals(viaJson, viaValues, "the handler sees the same event either way");
        assertEquals(eventJson, LambdaStyle.INSTANCE.pythonInput(request), "its JSON is the event's JSON");
    }

    private static String json(dev.faaslab.runtime.InvocationResult result) {
        if (!(result.outcome() instanceof Outcome.Success(String json))) {
            throw new AssertionError("expected a result, got " + result.error().describe());
        }
        return json;
    }
}
