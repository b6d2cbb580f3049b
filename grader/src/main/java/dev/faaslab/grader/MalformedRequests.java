package dev.faaslab.grader;

import dev.faaslab.events.http.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The grader's fixed list of requests a careless HTTP function fails on, as the {@code malformed} check sends them
 * (exercises/README.md lists them too): bodies that are not JSON, or JSON of the wrong type, binary bytes that
 * arrive base64-encoded, missing parts, odd content types, an unknown route and methods the route does not take.
 * Each is something real clients send; a function should answer each with a 4xx (or a 2xx), never a 500.
 */
final class MalformedRequests {

    /** Where the requests of a route that is not the function's go. */
    static final String UNKNOWN_ROUTE = "/no-such-route";

    /** A PNG file's first bytes and a few that are not UTF-8: what an upload's body holds. */
    private static final byte[] BINARY = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d,
            (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28};

    /**
     * One request of the list.
     *
     * @param what   what is odd about it, as a learner reads it ("a POST whose body is not JSON")
     * @param route  whether it goes to the check's route (false: to {@link #UNKNOWN_ROUTE})
     */
    record Request(String what, String method, boolean route, String query, List<HttpHeader> headers, byte[] body) {

        /** The request as API Gateway's event, sent to {@code path} (or the unknown route). */
        EventSpec event(String path) {
            return GraderRequest.event(method, route ? path : UNKNOWN_ROUTE, query, headers, body);
        }

        /** {@code POST /greet?…, content-type …, 16 bytes}: enough to send it again with curl. */
        String describe(String path) {
            String type = headers.stream().filter(header -> header.name().equals("content-type")).findFirst()
                    .map(header -> ", content-type " + header.value()).orElse(headers.isEmpty() ? ", no headers" : "");
            return method + " " + (route ? path : UNKNOWN_ROUTE) + (query.isEmpty() ? "" : "?" + abbreviated(query))
                    + type + (body.length == 0 ? ", no body" : ", " + body.length + " bytes of body");
        }
    }

    static final List<Request> ALL = List.of(
            json("a POST whose body is not JSON", "POST", "{\"name\": \"Ada\""),
            json("a POST whose JSON body is an array", "POST", "[\"Ada\"]"),
            json("a POST whose JSON body is a number", "POST", "42"),
            json("a POST whose JSON body is null", "POST", "null"),
            json("a POST whose JSON body is a string", "POST", "\"Ada\""),
            new Request("a POST of binary bytes, which arrive base64-encoded", "POST", true, "",
                    List.of(header("content-type", "application/octet-stream")), BINARY),
            json("a POST with an empty body", "POST", ""),
            new Request("a GET with no query string at all", "GET", true, "", List.of(accept()), new byte[0]),
            new Request("a GET whose name is 10,000 characters long", "GET", true, "name=" + "A".repeat(10_000),
                    List.of(accept()), new byte[0]),
            new Request("a POST of plain text", "POST", true, "", List.of(header("content-type", "text/plain")),
                    bytes("name: Ada")),
            new Request("a form POST, which arrives base64-encoded", "POST", true, "",
                    List.of(header("content-type", "application/x-www-form-urlencoded")), bytes("name=Ada")),
            new Request("a GET of a route the function does not have", "GET", false, "name=Ada", List.of(accept()),
                    new byte[0]),
            new Request("a DELETE, a method the route does not take", "DELETE", true, "name=Ada", List.of(accept()),
                    new byte[0]),
            new Request("a GET with no headers at all", "GET", true, "name=Ada", List.of(), new byte[0]),
            json("a POST whose name is a number", "POST", "{\"name\": 42}"),
            json("a POST whose name is an object", "POST", "{\"name\": {\"first\": \"Ada\"}}"),
            new Request("a GET with the name twice", "GET", true, "name=Ada&name=Grace", List.of(accept()),
                    new byte[0]),
            new Request("a POST of JSON with no content type, which arrives base64-encoded", "POST", true, "",
                    List.of(accept()), bytes("{\"name\": \"Ada\"}")),
            new Request("a POST whose JSON is labelled XML", "POST", true, "",
                    List.of(header("content-type", "application/xml")), bytes("{\"name\": \"Ada\"}")),
            new Request("a PUT, a method the route does not take", "PUT", true, "",
                    List.of(header("content-type", "application/json")), bytes("{\"name\": \"Ada\"}")));

    private MalformedRequests() {
    }

    /** The first {@code count} requests of the list, cycled: the 21st is the first again. */
    static List<Request> first(int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(ALL.get(i % ALL.size()));
        }
        return requests;
    }

    private static Request json(String what, String method, String body) {
        return new Request(what, method, true, "", List.of(header("content-type", "application/json")), bytes(body));
    }

    private static HttpHeader header(String name, String value) {
        return new HttpHeader(name, value);
    }

    private static HttpHeader accept() {
        return header("accept", "application/json");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 30) + "… (" + text.length() + " characters)";
    }
}
