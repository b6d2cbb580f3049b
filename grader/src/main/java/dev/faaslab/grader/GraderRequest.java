package dev.faaslab.grader;

import dev.faaslab.events.http.HttpApiEvent;
import dev.faaslab.events.http.HttpHeader;
import dev.faaslab.events.http.HttpRequestData;
import java.util.List;

/**
 * An HTTP request the grader sends a function as API Gateway's HTTP API event (payload 2.0), from the same
 * client address, host and time every time, so that a check's event is the same on every run.
 */
final class GraderRequest {

    private static final long SENT_AT = 1_767_225_600_000L;

    private GraderRequest() {
    }

    /** The request, as the event API Gateway would make of it; the content type decides text or base64. */
    static EventSpec event(String method, String path, String query, List<HttpHeader> headers, byte[] body) {
        HttpRequestData request = new HttpRequestData(method, path, query, headers, body, "127.0.0.1", "localhost",
                "grader-request", SENT_AT);
        return new EventSpec(HttpApiEvent.toJson(request), true);
    }
}
