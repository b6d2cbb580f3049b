package dev.faaslab.events.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event API Gateway's HTTP API sends a Lambda integration with payload format 2.0, built from one
 * request. FaaS Lab maps a whole function to {@code /fn/{name}}, like an API mapping to a stage whose only
 * route is {@code $default}: so {@code routeKey} and {@code stage} are {@code $default}, and there are no
 * {@code pathParameters} or {@code stageVariables}.
 *
 * <p>What API Gateway does, and where that is written down:
 * <ul>
 *   <li>Header names are lower-cased; a repeated header's values are joined with commas; query
 *       parameters likewise (AWS's payload-format page, "Format 2.0 doesn't have multiValueHeaders").</li>
 *   <li>Cookie headers become the {@code cookies} array, one entry per cookie, and are left out of
 *       {@code headers} (same page; real events in Kludex/mangum PR #153 and dherault/serverless-offline
 *       PR #1776 carry {@code cookies} and no {@code cookie} header). Entries are split at {@code ';'}
 *       with the spaces around them trimmed, so {@code "a=1; b=2"} gives {@code ["a=1", "b=2"]}.</li>
 *   <li>{@code cookies}, {@code queryStringParameters} and {@code body} are absent, not null, when there is
 *       nothing to put in them (ministack's notes on real AWS: strict event validators reject null).</li>
 *   <li>The body is sent as UTF-8 text only for {@code text/*}, {@code application/json},
 *       {@code application/xml} and {@code application/javascript}; every other content type, and a
 *       missing one, gets it base64-encoded with {@code isBase64Encoded: true}. The docs only say "if
 *       the content type is binary"; the list is what ministack PR #766 measured on real HTTP APIs,
 *       which notably base64-encodes {@code application/x-www-form-urlencoded} (and, by that list,
 *       {@code application/*+json}), and serverless-offline PR #1776 shows {@code multipart/form-data}
 *       arriving base64-encoded.</li>
 * </ul>
 */
public final class HttpApiEvent {

    /** Stateless and thread-safe: one for every request. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "faaslab";
    static final String ROUTE_KEY = "$default";

    private HttpApiEvent() {
    }

    /** The event as JSON text, its fields in the order API Gateway writes them. */
    public static String toJson(HttpRequestData request) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = null;
        for (HttpHeader header : request.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                cookies = splitCookies(header.value(), cookies);
            } else {
                headers.merge(name, header.value(), HttpApiEvent::join);
            }
        }
        Map<String, String> query = QueryString.parameters(request.rawQueryString());
        byte[] body = request.body();
        boolean base64 = body.length > 0 && !isTextual(headers.get("content-type"));
        String userAgent = headers.getOrDefault("user-agent", "");

        StringWriter out = new StringWriter(640 + body.length + (body.length >> 1));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", "2.0");
            json.writeStringField("routeKey", ROUTE_KEY);
            json.writeStringField("rawPath", request.rawPath());
            json.writeStringField("rawQueryString", request.rawQueryString());
            if (cookies != null && !cookies.isEmpty()) {
                json.writeArrayFieldStart("cookies");
                for (String cookie : cookies) {
                    json.writeString(cookie);
                }
                json.writeEndArray();
            }
            writeMap(json, "headers", headers);
            if (!query.isEmpty()) {
                writeMap(json, "queryStringParameters", query);
            }
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("accountId", ACCOUNT_ID);
            json.writeStringField("apiId", API_ID);
            json.writeStringField("domainName", request.domainName());
            json.writeStringField("domainPrefix", domainPrefix(request.domainName()));
            json.writeObjectFieldStart("http");
            json.writeStringField("method", request.method());
            json.writeStringField("path", request.rawPath());
            json.writeStringField("protocol", "HTTP/1.1");
            json.writeStringField("sourceIp", request.sourceIp());
            json.writeStringField("userAgent", userAgent);
            json.writeEndObject();
            json.writeStringField("requestId", request.requestId());
            json.writeStringField("routeKey", ROUTE_KEY);
            json.writeStringField("stage", ROUTE_KEY);
            json.writeStringField("time", RequestTime.format(request.timeEpochMillis()));
            json.writeNumberField("timeEpoch", request.timeEpochMillis());
            json.writeEndObject();
            if (body.length > 0) {
                json.writeFieldName("body");
                if (base64) {
                    json.writeBinary(body); // standard alphabet, padded, no line breaks: what Lambda events carry
                } else {
                    json.writeString(new String(body, StandardCharsets.UTF_8));
                }
            }
            json.writeBooleanField("isBase64Encoded", base64);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static String join(String earlier, String later) {
        return earlier + "," + later;
    }

    private static void writeMap(JsonGenerator json, String field, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    /** Adds one Cookie header's cookies to {@code into} (created on the first one). */
    static List<String> splitCookies(String header, List<String> into) {
        List<String> cookies = into == null ? new ArrayList<>(4) : into;
        int start = 0;
        while (start <= header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            int from = start;
            int to = end;
            while (from < to && isSpace(header.charAt(from))) {
                from++;
            }
            while (to > from && isSpace(header.charAt(to - 1))) {
                to--;
            }
            if (to > from) {
                cookies.add(header.substring(from, to));
            }
            start = end + 1;
        }
        return cookies;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Whether API Gateway passes a body of this content type as text (see the class comment). Parameters
     * such as {@code ; charset=utf-8} and the case do not matter.
     */
    static boolean isTextual(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        if (end < 0) {
            end = contentType.length();
        }
        int start = 0;
        while (start < end && isSpace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(contentType.charAt(end - 1))) {
            end--;
        }
        int length = end - start;
        return (length > 5 && contentType.regionMatches(true, start, "text/", 0, 5))
                || is(contentType, start, length, "application/json")
                || is(contentType, start, length, "application/xml")
                || is(contentType, start, length, "application/javascript");
    }

    private static boolean is(String text, int start, int length, String expected) {
        return length == expected.length() && text.regionMatches(true, start, expected, 0, length);
    }

    /**
     * The first label of the domain ({@code id} of {@code id.execute-api.us-east-1.amazonaws.com}), as API
     * Gateway fills {@code domainPrefix}. A Host header may carry a port, which is not part of it.
     */
    static String domainPrefix(String domainName) {
        if (domainName.startsWith("[")) { // an IPv6 literal has no labels: the whole address
            int close = domainName.indexOf(']');
            return close < 0 ? domainName : domainName.substring(0, close + 1);
        }
        for (int i = 0; i < domainName.length(); i++) {
            char c = domainName.charAt(i);
            if (c == '.' || c == ':') {
                return domainName.substring(0, i);
            }
        }
        return domainName;
    }
}
