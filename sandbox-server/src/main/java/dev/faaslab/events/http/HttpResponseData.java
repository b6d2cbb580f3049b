package dev.faaslab.events.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP response API Gateway would send for one invocation.
 *
 * <p>Each cookie becomes its own {@code Set-Cookie} header. API Gateway sends them before any
 * {@code Set-Cookie} the function also put in {@code headers} (ministack PR #766 observed both ship, the
 * array's first), so the server writes {@link #cookies()} first, then {@link #headers()} in order.
 *
 * @param status  the status code
 * @param headers the headers in the order the function gave them, a default content type last
 * @param cookies the cookies, each a {@code Set-Cookie} value
 * @param body    the body bytes, empty if none
 */
public record HttpResponseData(int status, List<HttpHeader> headers, List<String> cookies, byte[] body) {

    public HttpResponseData {
        headers = List.copyOf(headers);
        cookies = List.copyOf(cookies);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of the header {@code name} in any case, or null. */
    public String header(String name) {
        for (HttpHeader header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** The body read as UTF-8, for tests and logs. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
