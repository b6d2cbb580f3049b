package dev.faaslab.http;

import dev.faaslab.state.StateException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** How the REST API answers the table and bucket services' refusals, and reads their path parameters. */
final class StateErrors {

    private StateErrors() {
    }

    static ApiException apiException(StateException e) {
        return switch (e.reason()) {
            case TABLE_NOT_FOUND, ITEM_NOT_FOUND, BUCKET_NOT_FOUND, KEY_NOT_FOUND ->
                    new ApiException(404, "NotFound", e.getMessage());
            case ALREADY_EXISTS -> new ApiException(409, "Conflict", e.getMessage());
            case CONDITION_FAILED -> new ApiException(409, "ConditionalCheckFailed", e.getMessage());
            case BUCKET_NOT_EMPTY -> new ApiException(409, "BucketNotEmpty", e.getMessage());
            case QUOTA_EXCEEDED -> new ApiException(413, "QuotaExceeded", e.getMessage());
            case INVALID -> new ApiException(400, "BadRequest", e.getMessage());
        };
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
