package dev.faaslab.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** How the REST API reads the table and bucket services' path parameters. */
final class StateErrors {

    private StateErrors() {
    }

    /**
     * A path parameter as the client meant it: the router matches raw segments, so {@code %2F}, {@code %25}
     * and UTF-8 escapes arrive encoded. A '+' in a path is a plus, not a space.
     */
    static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the path holds a malformed percent-escape in '" + raw
                    + "': write a '%' as %25");
        }
    }
}
