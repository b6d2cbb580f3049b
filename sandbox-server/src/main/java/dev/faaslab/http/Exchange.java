package dev.faaslab.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
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

    /** HTTP/1.x: a request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3). */
    private boolean hasNoBody() {
        HttpFields headers = request.getHeaders();
        return request.getConnectionMetaData().getHttpVersion().getVersion() < 20
                && !headers.contains(HttpHeader.CONTENT_LENGTH) && !headers.contains(HttpHeader.TRANSFER_ENCODING);
    }

    String bodyText() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The body as JSON; 400 with the line and column when it does not parse. */
    JsonNode jsonBody() throws IOException {
        byte[] body = body();
        if (body.length == 0) {
            throw ApiException.badRequest("the request needs a JSON body");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "InvalidJson", describe(e));
        }
    }

    /** The body as a JSON text to hand to a function (checked, not re-serialised); {@code {}} when empty. */
    String eventBody() throws IOException {
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
    void error(ApiException e) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("code", e.code());
        inner.put("message", e.getMessage());
        e.details().forEach((key, value) -> inner.set(key, JSON.valueToTree(value)));
        json(e.status(), error);
    }

    private static ApiException tooLarge(long declared) {
        return new ApiException(413, "PayloadTooLarge", (declared > 0 ? "the body is " + declared + " bytes, over"
                : "the body is over") + " the limit of " + Payloads.MAX_BYTES
                + " bytes (Lambda's 6 MB): send a reference to the data instead");
    }
}
