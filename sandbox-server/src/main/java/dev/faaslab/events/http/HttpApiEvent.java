package dev.faaslab.events.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.faaslab.core.Identity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event API Gateway's HTTP API sends a Lambda integration with payload format 2.0, built from one
 * request. FaaS Lab maps a whole function to {@code /fn/{name}}, like an API mapping to a stage whose only
 * route is {@code $default}: so {@code routeKey} and {@code stage} are {@code $default}, and there are no
 * {@code pathParameters} or {@code stageVariables}. {@code requestContext.http.path} repeats {@code rawPath},
 * as on a {@code $default} stage. (The server computes {@code rawPath}; ministack's notes say real HTTP APIs
 * decode every escape in it except {@code %25}.)
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

    private static final String API_ID = "faaslab";
    private static final String ROUTE_KEY = "$default";

    // Names and fixed values quoted once, not escaped again on every request.
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString V2 = new SerializedString("2.0");
    private static final SerializedString ROUTE_KEY_FIELD = new SerializedString("routeKey");
    private static final SerializedString DEFAULT = new SerializedString(ROUTE_KEY);
    private static final SerializedString RAW_PATH = new SerializedString("rawPath");
    private static final SerializedString RAW_QUERY_STRING = new SerializedString("rawQueryString");
    private static final SerializedString COOKIES = new SerializedString("cookies");
    private static final SerializedString HEADERS = new SerializedString("headers");
    private static final SerializedString QUERY_STRING_PARAMETERS = new SerializedString("queryStringParameters");
    private static final SerializedString REQUEST_CONTEXT = new SerializedString("requestContext");
    private static final SerializedString ACCOUNT_ID_FIELD = new SerializedString("accountId");
    private static final SerializedString ACCOUNT = new SerializedString(Identity.SANDBOX.accountId());
    private static final SerializedString API_ID_FIELD = new SerializedString("apiId");
    private static final SerializedString API = new SerializedString(API_ID);
    private static final SerializedString DOMAIN_NAME = new SerializedString("domainName");
    private static final SerializedString DOMAIN_PREFIX = new SerializedString("domainPrefix");
    private static final SerializedString HTTP = new SerializedString("http");
    private static final SerializedString METHOD = new SerializedString("method");
    private static final SerializedString PATH = new SerializedString("path");
    private static final SerializedString PROTOCOL = new SerializedString("protocol");
    private static final SerializedString HTTP_1_1 = new SerializedString("HTTP/1.1");
    private static final SerializedString SOURCE_IP = new SerializedString("sourceIp");
    private static final SerializedString USER_AGENT = new SerializedString("userAgent");
    private static final SerializedString REQUEST_ID = new SerializedString("requestId");
    private static final SerializedString STAGE = new SerializedString("stage");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString TIME_EPOCH = new SerializedString("timeEpoch");
    private static final SerializedString BODY = new SerializedString("body");
    private static final SerializedString IS_BASE64_ENCODED = new SerializedString("isBase64Encoded");

    private HttpApiEvent() {
    }

    /** The event as JSON text, its fields in the order API Gateway writes them. */
    public static String toJson(HttpRequestData request) {
        return toJson(fields(request));
    }

    /** What API Gateway's mapping makes of the request (see the class comment). */
    public static HttpApiEventFields fields(HttpRequestData request) {
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
        byte[] body = request.body();
        boolean base64 = body.length > 0 && !isTextual(headers.get("content-type"));
        String text = body.length == 0 ? null
                : base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8);
        return new HttpApiEventFields(request.method(), request.rawPath(), request.rawQueryString(),
                cookies == null || cookies.isEmpty() ? null : cookies, headers,
                QueryString.parameters(request.rawQueryString()), request.domainName(),
                domainPrefix(request.domainName()), request.sourceIp(), headers.getOrDefault("user-agent", ""),
                request.requestId(), RequestTime.format(request.timeEpochMillis()), request.timeEpochMillis(), text,
                base64);
    }

    /** The event as JSON text, its fields in the order API Gateway writes them. */
    public static String toJson(HttpApiEventFields event) {
        String body = event.body();
        StringWriter out = new StringWriter(1024 + (body == null ? 0 : body.length() + (body.length() >> 3)));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            field(json, VERSION, V2);
            field(json, ROUTE_KEY_FIELD, DEFAULT);
            json.writeFieldName(RAW_PATH);
            json.writeString(event.rawPath());
            json.writeFieldName(RAW_QUERY_STRING);
            json.writeString(event.rawQueryString());
            if (event.cookies() != null) {
                json.writeFieldName(COOKIES);
                json.writeStartArray();
                for (String cookie : event.cookies()) {
                    json.writeString(cookie);
                }
                json.writeEndArray();
            }
            writeMap(json, HEADERS, event.headers());
            if (!event.query().isEmpty()) {
                writeMap(json, QUERY_STRING_PARAMETERS, event.query());
            }
            json.writeFieldName(REQUEST_CONTEXT);
            json.writeStartObject();
            field(json, ACCOUNT_ID_FIELD, ACCOUNT);
            field(json, API_ID_FIELD, API);
            json.writeFieldName(DOMAIN_NAME);
            json.writeString(event.domainName());
            json.writeFieldName(DOMAIN_PREFIX);
            json.writeString(event.domainPrefix());
            json.writeFieldName(HTTP);
            json.writeStartObject();
            json.writeFieldName(METHOD);
            json.writeString(event.method());
            json.writeFieldName(PATH);
            json.writeString(event.rawPath());
            field(json, PROTOCOL, HTTP_1_1);
            json.writeFieldName(SOURCE_IP);
            json.writeString(event.sourceIp());
            json.writeFieldName(USER_AGENT);
            json.writeString(event.userAgent());
            json.writeEndObject();
            json.writeFieldName(REQUEST_ID);
            json.writeString(event.requestId());
            field(json, ROUTE_KEY_FIELD, DEFAULT);
            field(json, STAGE, DEFAULT);
            json.writeFieldName(TIME);
            json.writeString(event.time());
            json.writeFieldName(TIME_EPOCH);
            json.writeNumber(event.timeEpochMillis());
            json.writeEndObject();
            if (body != null) {
                json.writeFieldName(BODY);
                json.writeString(body); // base64: standard alphabet, padded, no line breaks, as Lambda events carry
            }
            json.writeFieldName(IS_BASE64_ENCODED);
            json.writeBoolean(event.isBase64Encoded());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static String join(String earlier, String later) {
        return earlier + "," + later;
    }

    private static void field(JsonGenerator json, SerializedString name, SerializedString value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private static void writeMap(JsonGenerator json, SerializedString field, Map<String, String> map)
            throws IOException {
        json.writeFieldName(field);
        json.writeStartObject();
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
