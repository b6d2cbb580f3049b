package dev.faaslab.events.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The HTTP response API Gateway's HTTP API makes of a Lambda result with payload format 2.0.
 *
 * <p>What API Gateway does, and where that is written down:
 * <ul>
 *   <li>A JSON object with {@code statusCode} is a response: {@code statusCode}, {@code headers},
 *       {@code cookies} (each a {@code Set-Cookie} header), {@code body}, {@code isBase64Encoded} (AWS's
 *       payload-format page). Other fields are ignored (aws-sam-cli PR #2941: "HTTP API Gateway ... always
 *       skip[s] the unknown fields"), {@code multiValueHeaders} among them: format 2.0 does not read it
 *       (the API Gateway team, quoted in aws/serverless-java-container issue #377). A null field counts as
 *       absent (DataDog/datadog-lambda-extension PR #960: API Gateway accepts {@code "headers": null}).</li>
 *   <li>Such a response without a content-type header is sent as {@code text/plain; charset=utf-8}: seen on
 *       a real HTTP API (aasisodiya.github.io "AWS API Gateway Response Handling") and what AWS's own
 *       emulator does (aws-lambda-dotnet, LambdaTestTool-v2 ApiGatewayResponseExtensions).</li>
 *   <li>Any other valid JSON is the body of a 200 with {@code content-type: application/json}, as it is (AWS's
 *       page: "if your Lambda function returns valid JSON and doesn't return a statusCode"), {@code null}
 *       (what a handler returning nothing produces) included.</li>
 *   <li>A JSON string is unwrapped: {@code "Hello"} sends {@code Hello}, not {@code "Hello"} (AWS's table,
 *       verified against a real HTTP API by aws-lambda-dotnet's ApiGatewayResponseExtensionsJsonInference).
 *       When the string's text is itself a JSON object, API Gateway reads that object: the same test sees
 *       the string {@code {"key"}} give a 500, so a stringified response with {@code statusCode} is honoured
 *       as a response here, and a string that opens with a brace but is not JSON is malformed.</li>
 *   <li>A malformed response is {@code 500 {"message":"Internal Server Error"}}, as when the function fails
 *       (aws-lambda-dotnet's LambdaTestTool-v2, InvokeResponseExtensions): result text that is not JSON,
 *       a {@code statusCode} that is not an integer from 100 to 599 (a string {@code "200"} or {@code 200.5}
 *       included), {@code headers} that is not an object, {@code cookies} that is not an array, a
 *       {@code body} or header value that is an object or array, a base64 body that does not decode, or a
 *       header or cookie that would split the response (a line break, an empty or invalid name).</li>
 * </ul>
 * Numbers and booleans where strings are expected (header values, cookies, body) are sent as their JSON
 * text, as DefinitelyTyped's {@code APIGatewayProxyResultV2} allows for header values. Only JSON {@code true} in
 * {@code isBase64Encoded} means base64; line-wrapped base64 (Python's {@code base64.encodebytes}) decodes,
 * and so does base64 without its padding, as Java's decoder allows.
 */
public final class HttpApiResponse {

    /** One parser for every request; thread-safe once configured. Trailing text makes the JSON invalid. */
    private static final ObjectMapper JSON =
            dev.faaslab.core.Json.ONE_VALUE;

    private static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final String JSON_CONTENT_TYPE = "application/json";
    private static final byte[] ERROR_BODY =
            "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);

    private HttpApiResponse() {
    }

    /**
     * Maps a handler's result.
     *
     * @param resultJson the result as JSON text; null or {@code "null"} when the handler returned nothing
     * @return the response; never throws for a bad result, which maps to a 500
     */
    public static HttpResponseData fromResult(String resultJson) {
        String text = resultJson == null ? "null" : resultJson;
        try {
            JsonNode result = parse(text);
            if (result.isObject()) {
                return result.has("statusCode") ? response(result) : inferred(text);
            }
            if (result.isTextual()) {
                return fromString(result.textValue());
            }
            return inferred(text);
        } catch (Malformed e) {
            return functionError();
        }
    }

    /** What API Gateway sends when the function fails (an error, a timeout) or its response is malformed. */
    public static HttpResponseData functionError() {
        return new HttpResponseData(500, List.of(new HttpHeader("Content-Type", JSON_CONTENT_TYPE)), List.of(),
                ERROR_BODY.clone());
    }

    private static HttpResponseData fromString(String text) throws Malformed {
        if (!opensObject(text)) {
            return inferred(text);
        }
        JsonNode object = parse(text);
        return object.has("statusCode") ? response(object) : inferred(text);
    }

    private static boolean opensObject(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }

    private static JsonNode parse(String text) throws Malformed {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) { // empty text
                throw new Malformed();
            }
            return node;
        } catch (JacksonException e) {
            throw new Malformed();
        }
    }

    private static HttpResponseData inferred(String body) {
        return new HttpResponseData(200, List.of(new HttpHeader("Content-Type", JSON_CONTENT_TYPE)), List.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponseData response(JsonNode response) throws Malformed {
        JsonNode code = response.get("statusCode");
        if (!code.isIntegralNumber() || !code.canConvertToInt() || code.intValue() < 100 || code.intValue() > 599) {
            throw new Malformed();
        }
        List<HttpHeader> headers = headers(response.get("headers"));
        List<String> cookies = cookies(response.get("cookies"));
        byte[] body = body(response.get("body"), response.get("isBase64Encoded"));
        return new HttpResponseData(code.intValue(), headers, cookies, body);
    }

    private static List<HttpHeader> headers(JsonNode node) throws Malformed {
        if (isAbsent(node)) {
            return List.of(new HttpHeader("Content-Type", DEFAULT_CONTENT_TYPE));
        }
        if (!node.isObject()) {
            throw new Malformed();
        }
        List<HttpHeader> headers = new ArrayList<>(node.size() + 1);
        boolean contentType = false;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String value = text(field.getValue());
            if (value == null) {
                continue;
            }
            if (!isToken(name) || !isFieldValue(value)) {
                throw new Malformed();
            }
            contentType |= name.equalsIgnoreCase("content-type");
            headers.add(new HttpHeader(name, value));
        }
        if (!contentType) {
            headers.add(new HttpHeader("Content-Type", DEFAULT_CONTENT_TYPE));
        }
        return headers;
    }

    private static List<String> cookies(JsonNode node) throws Malformed {
        if (isAbsent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Malformed();
        }
        List<String> cookies = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            String cookie = text(element);
            if (cookie == null) {
                continue;
            }
            if (!isFieldValue(cookie)) {
                throw new Malformed();
            }
            cookies.add(cookie);
        }
        return cookies;
    }

    private static byte[] body(JsonNode node, JsonNode base64Flag) throws Malformed {
        String body = text(node);
        if (body == null) {
            return new byte[0];
        }
        if (base64Flag == null || !base64Flag.isBoolean() || !base64Flag.booleanValue()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(withoutLineBreaks(body));
        } catch (IllegalArgumentException e) {
            throw new Malformed();
        }
    }

    /** Python's {@code base64.encodebytes} wraps lines every 76 characters; nothing else is skipped. */
    private static String withoutLineBreaks(String base64) {
        if (base64.indexOf('\n') < 0 && base64.indexOf('\r') < 0) {
            return base64;
        }
        StringBuilder joined = new StringBuilder(base64.length());
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (c != '\n' && c != '\r') {
                joined.append(c);
            }
        }
        return joined.toString();
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** A scalar's text, null for JSON null; an object or array is malformed where a string belongs. */
    private static String text(JsonNode node) throws Malformed {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isContainerNode()) {
            throw new Malformed();
        }
        return node.isTextual() ? node.textValue() : node.asText();
    }

    /** An HTTP field name: RFC 9110's token characters, at least one. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A value that cannot end its header line early: no CR, LF or NUL. */
    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    /** A result API Gateway would refuse; thrown only on that rare path, so no stack trace is kept. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }
}
