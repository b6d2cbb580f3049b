package dev.faaslab.events.http;

import java.util.List;
import java.util.Objects;

/**
 * An HTTP request as the server received it, before API Gateway's mapping.
 *
 * <p>The body array is kept, not copied (it can be megabytes and this runs on every request): callers
 * hand it over and do not change it afterwards.
 *
 * @param method          the request method, as sent ({@code GET})
 * @param rawPath         the path after {@code /fn/{name}}, {@code "/"} when nothing follows
 * @param rawQueryString  the query without its {@code '?'}, still percent-encoded; {@code ""} if none
 * @param headers         every header line in the order received, repeated names repeated
 * @param body            the body bytes, empty if none
 * @param sourceIp        the client's address
 * @param domainName      the Host header's value
 * @param requestId       the id API Gateway would give the request
 * @param timeEpochMillis when the request arrived
 */
public record HttpRequestData(String method, String rawPath, String rawQueryString, List<HttpHeader> headers,
                              byte[] body, String sourceIp, String domainName, String requestId,
                              long timeEpochMillis) {

    private static final byte[] NO_BODY = new byte[0];

    public HttpRequestData {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(requestId, "requestId");
        rawQueryString = rawQueryString == null ? "" : rawQueryString;
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = body == null ? NO_BODY : body;
        sourceIp = sourceIp == null ? "" : sourceIp;
        domainName = domainName == null ? "" : domainName;
    }
}
