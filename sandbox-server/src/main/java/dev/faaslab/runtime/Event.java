package dev.faaslab.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What arrived for a function, before any provider's mapping: an HTTP request as the server received it,
 * or JSON (a direct invoke, a queue batch, a schedule tick, a bucket notification, each already written
 * as its event). The function's {@link HandlerStyle} decides what the guest is given for it.
 */
public sealed interface Event permits Event.Json, Event.Http {

    static Event json(String json) {
        return new Json(json);
    }

    /** JSON text, given to the handler as its event whatever the style. */
    record Json(String json) implements Event {
        public Json {
            Objects.requireNonNull(json, "json");
        }
    }

    /** One header line as sent: repeated names stay repeated, cookies stay in their {@code Cookie} lines. */
    record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An HTTP request as it arrived. The body array is kept, not copied (it can be megabytes and this runs
     * on every request): callers hand it over and do not change it afterwards.
     *
     * @param method          the request method, as sent ({@code GET})
     * @param path            the path after {@code /fn/{name}}, {@code "/"} when nothing follows
     * @param rawQuery        the query without its {@code '?'}, still percent-encoded; {@code ""} if none
     * @param headers         every header line in the order received, cookies among them
     * @param body            the body bytes, empty if none
     * @param sourceIp        the client's address, {@code ""} if unknown
     * @param host            the Host header's value, {@code ""} if none
     * @param requestId       the id the request was given on arrival
     * @param timeEpochMillis when the request arrived
     */
    record Http(String method, String path, String rawQuery, List<Header> headers, byte[] body, String sourceIp,
                String host, String requestId, long timeEpochMillis) implements Event {

        private static final byte[] NO_BODY = new byte[0];

        public Http {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(requestId, "requestId");
            rawQuery = rawQuery == null ? "" : rawQuery;
            headers = headers == null ? List.of() : List.copyOf(headers);
            body = body == null ? NO_BODY : body;
            sourceIp = sourceIp == null ? "" : sourceIp;
            host = host == null ? "" : host;
        }
    }
}
