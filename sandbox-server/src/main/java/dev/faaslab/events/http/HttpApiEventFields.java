package dev.faaslab.events.http;

import java.util.List;
import java.util.Map;

/**
 * An API Gateway HTTP API (payload 2.0) event as values rather than text: what API Gateway's mapping
 * made of the request (header names lower-cased and repeats joined, cookies split out, the query
 * decoded, the body as text or base64). {@link HttpApiEvent#toJson} writes it as JSON; a JavaScript
 * guest builds its event object from these values directly.
 *
 * @param cookies  null when the request had none (the event then has no {@code cookies} field)
 * @param query    empty when there is no query (no {@code queryStringParameters} field)
 * @param body     null when the request had no body (no {@code body} field)
 */
public record HttpApiEventFields(String method, String rawPath, String rawQueryString, List<String> cookies,
                                 Map<String, String> headers, Map<String, String> query, String domainName,
                                 String domainPrefix, String sourceIp, String userAgent, String requestId,
                                 String time, long timeEpochMillis, String body, boolean isBase64Encoded) {
}
