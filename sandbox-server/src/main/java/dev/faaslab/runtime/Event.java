package dev.faaslab.runtime;

import dev.faaslab.events.http.HttpApiEvent;
import dev.faaslab.events.http.HttpApiEventFields;
import java.util.List;
import java.util.Map;

/**
 * The event a function is invoked with. Most events are JSON text. The HTTP trigger's also come as
 * values, from which a JavaScript guest builds its event object with one object literal: parsing the
 * event's JSON was a third of the cost of a request through the trigger. Either way the handler gets
 * the same object, fields in the same order.
 */
public sealed interface Event permits Event.Json, Event.HttpApi {

    /** The event as JSON text (what Python guests read). */
    String json();

    static Event json(String json) {
        return new Json(json);
    }

    /**
     * The HTTP trigger's event: as values when they can travel that way, else as JSON. Values carry
     * bodies of up to {@link HttpApi#MAX_BODY_CHARS} characters, so that the event is always under
     * Lambda's 6 MB whatever its escaping; larger ones go as JSON, and are checked.
     */
    static Event httpApi(HttpApiEventFields fields) {
        return HttpApi.canCarry(fields) ? new HttpApi(fields) : new Json(HttpApiEvent.toJson(fields));
    }

    /** JSON text. */
    record Json(String json) implements Event {
    }

    /** An API Gateway HTTP API (payload 2.0) event as values; its JSON is written only when asked for. */
    final class HttpApi implements Event {

        static final int MAX_BODY_CHARS = 512 * 1024;
        /** Separates the entries of a list or map passed to the guest as one string; no HTTP text holds it. */
        static final char SEPARATOR = '\0';

        private final HttpApiEventFields fields;
        private String json;

        private HttpApi(HttpApiEventFields fields) {
            this.fields = fields;
        }

        public HttpApiEventFields fields() {
            return fields;
        }

        @Override
        public String json() {
            if (json == null) {
                json = HttpApiEvent.toJson(fields);
            }
            return json;
        }

        /** Joins a map's keys and values, alternately, with {@link #SEPARATOR}. */
        static String joined(Map<String, String> map) {
            StringBuilder out = new StringBuilder(map.size() * 32);
            for (Map.Entry<String, String> entry : map.entrySet()) {
                if (!out.isEmpty()) {
                    out.append(SEPARATOR);
                }
                out.append(entry.getKey()).append(SEPARATOR).append(entry.getValue());
            }
            return out.toString();
        }

        static String joined(List<String> list) {
            return String.join(String.valueOf(SEPARATOR), list);
        }

        private static boolean canCarry(HttpApiEventFields fields) {
            if (fields.body() != null && fields.body().length() > MAX_BODY_CHARS) {
                return false;
            }
            // A decoded query (%00) or a cookie could hold the separator; such requests go as JSON.
            if (fields.cookies() != null && fields.cookies().stream().anyMatch(HttpApi::holdsSeparator)) {
                return false;
            }
            for (Map<String, String> map : List.of(fields.headers(), fields.query())) {
                for (Map.Entry<String, String> entry : map.entrySet()) {
                    if (holdsSeparator(entry.getKey()) || holdsSeparator(entry.getValue())) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean holdsSeparator(String text) {
            return text.indexOf(SEPARATOR) >= 0;
        }
    }
}
