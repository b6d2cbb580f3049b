package dev.faaslab.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The HTTP response a {@link HandlerStyle} made of a function's answer to an {@link Event.Http}.
 *
 * @param status  the status code
 * @param headers the headers, in the order to send them
 * @param cookies the cookies, each a {@code Set-Cookie} value, sent before {@code headers}
 * @param body    the body bytes, empty if none
 */
public record HttpReply(int status, List<Event.Header> headers, List<String> cookies, byte[] body) {

    public HttpReply {
        headers = List.copyOf(headers);
        cookies = List.copyOf(cookies);
        Objects.requireNonNull(body, "body");
    }
}
