package dev.faaslab.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Problem;
import dev.faaslab.runtime.Payloads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its response, with the few things every route needs: parameters, a body, JSON out. */
final class Exchange {

    static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    static final String JSON_TYPE = "application/json";

    final Request request;
    final Response response;
    final Callback callback;
    private final Map<String, String> params;
    private Fields query;
    private boolean committed;

    private static final byte[] NO_BODY = new byte[0];

    Exchange(Request request, Response response, Callback callback, Map<String, String> params) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.params = params;
    }

    String param(String name) {
        return params.get(name);
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** A query parameter, or null. */
    String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query.getValue(name);
    }

    int intQuery(String name, int fallback, int min, int max) {
        String value = query(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest("the query parameter " + name + " must be between " + min + " and "
                        + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("the query parameter " + name + " must be a whole number, not '" + value + "'");
        }
    }

    /**
     * The body, refused with 413 beyond Lambda's 6 MB. {@link BodyLoader} has read it already, so this never
     * waits for the network.
     */
    byte[] body() {
        long declared = request.getLength();
        if (declared == 0 || (declared < 0 && hasNoBody())) {
            return NO_BODY; // most trigger requests
        }
        if (declared > Payloads.MAX_BYTES) {
            throw tooLarge(declared);
        }
        byte[] bytes = BodyLoader.body(request);
        if (bytes.length > Payloads.MAX_BYTES) {
            throw tooLarge(-1);
        }
        return bytes;
    }

    /** Whether the body says it is a zip (a deployment package): application/zip, or Windows' name for it. */
    boolean isZip() {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String type = contentType == null ? "" : mediaType(contentType);
        return type.equals("application/zip") || type.equals("application/x-zip-compressed");
    }

    /** The body of up to {@code limit} bytes (a zip), refused with 413 beyond it. */
    byte[] body(int limit, String what) {
        long declared = request.getLength();
        byte[] bytes = declared > limit ? null : BodyLoader.body(request);
        if (bytes == null || bytes.length > limit) {
            throw new ApiException(413, "PayloadTooLarge", (declared > 0 ? "the body is " + declared + " bytes, over"
                    : "the body is over") + " the limit of " + limit + " bytes for " + what);
        }
        return bytes;
    }

    /** HTTP/1.x: a request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3). */
    private boolean hasNoBody() {
        HttpFields headers = request.getHeaders();
        return request.getConnectionMetaData().getHttpVersion().getVersion() < 20
                && !headers.contains(HttpHeader.CONTENT_LENGTH) && !headers.contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** The body as JSON, which it must say it is; 400 with the line and column when it does not parse. */
    JsonNode jsonBody() throws IOException {
        JsonNode body = optionalJsonBody();
        if (body == null) {
            throw ApiException.badRequest("the request needs a JSON body");
        }
        return body;
    }

    /** As {@link #jsonBody}, or null when there is no body. */
    JsonNode optionalJsonBody() throws IOException {
        requireJsonType();
        byte[] body = body();
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "InvalidJson", describe(e));
        }
    }

    /**
     * The body as a JSON text to hand to a function (checked, not re-serialised); {@code {}} when empty. It must
     * say it is JSON, as the REST API's bodies must.
     */
    String eventBody() throws IOException {
        requireJsonType();
        return payload();
    }

    /**
     * As {@link #eventBody}, whatever its Content-Type says: Lambda's Invoke API takes the payload as bytes (the
     * AWS SDK for JavaScript sends it as application/octet-stream), and checks only that they are JSON.
     */
    String payload() throws IOException {
        byte[] body = body();
        if (body.length == 0) {
            return "{}";
        }
        try (var parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                // reading every token proves the text is one well-formed JSON value
            }
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "InvalidJson", "the event is not valid JSON: " + describe(e));
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Refuses (415) a request whose Content-Type is not JSON ({@code application/json}, or any
     * {@code application/…+json}), whether or not it has a body: a web page can send a form or text/plain to
     * another site without asking it first (no CORS preflight), but not JSON. A request with no Content-Type
     * is taken as JSON: browsers always name the type of a body they send, and the programs that send none
     * (curl without -d, Java's HttpClient) are not web pages.
     */
    private void requireJsonType() {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || isJson(contentType)) {
            return;
        }
        String sent = mediaType(contentType);
        throw new ApiException(415, "UnsupportedMediaType", request.getMethod() + " " + request.getHttpURI().getPath()
                + " takes JSON, sent as Content-Type: " + JSON_TYPE + ", not " + (sent.isEmpty() ? "an empty type" : sent)
                + ". With curl, add -H 'Content-Type: " + JSON_TYPE + "' (or use --json instead of -d)",
                Map.of("expected", JSON_TYPE, "received", sent));
    }

    /** Whether a Content-Type header names JSON: application/json, or a type of it such as application/problem+json. */
    static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type.equals(JSON_TYPE) || type.startsWith("application/") && type.endsWith("+json");
    }

    /** The media type of a Content-Type header, lower-case, without its parameters. */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Jackson's complaint, with its line and column. */
    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = e.getOriginalMessage();
        // Jackson appends where a value started, naming its own internals; the line and column say enough.
        for (String tail : new String[] {"\n", " (start marker at", " at [Source"}) {
            int cut = message.indexOf(tail);
            if (cut > 0) {
                message = message.substring(0, cut);
            }
        }
        return "malformed JSON" + where + ": " + message;
    }

    void json(int status, Object value) {
        try {
            send(status, JSON_TYPE, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void send(int status, String contentType, byte[] body) {
        committed = true;
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    void empty(int status) {
        committed = true;
        response.setStatus(status);
        response.write(true, null, callback);
    }

    boolean committed() {
        return committed || response.isCommitted();
    }

    /** The API's one error shape. */
    void error(Problem e) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("code", e.code());
        inner.put("message", e.message());
        e.details().forEach((key, value) -> inner.set(key, JSON.valueToTree(value)));
        if (e.details().get("retryAfterSeconds") instanceof Number seconds) {
            // What the body says, in the header HTTP clients read.
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        json(e.status(), error);
    }

    private static ApiException tooLarge(long declared) {
        return new ApiException(413, "PayloadTooLarge", (declared > 0 ? "the body is " + declared + " bytes, over"
                : "the body is over") + " the limit of " + Payloads.MAX_BYTES
                + " bytes (Lambda's 6 MB): send a reference to the data instead");
    }
}
