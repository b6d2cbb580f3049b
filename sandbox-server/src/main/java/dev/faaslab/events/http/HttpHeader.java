package dev.faaslab.events.http;

import java.util.Objects;

/**
 * One HTTP header line, as received or as to be sent.
 *
 * @param name  the name, in the case it came in
 * @param value the value, as is
 */
public record HttpHeader(String name, String value) {

    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
