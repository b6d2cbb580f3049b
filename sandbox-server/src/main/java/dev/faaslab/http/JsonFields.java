package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/** Strict reading of a JSON request body's fields: a wrong type or an unknown field is a 400 that names it. */
final class JsonFields {

    private JsonFields() {
    }

    /** Refuses a body that is not an object, or that has a field not in {@code allowed}. */
    static void onlyFields(JsonNode body, Set<String> allowed, String example) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object such as " + example);
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw ApiException.badRequest("unknown field '" + field + "': the fields are " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    static int integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "a whole number", value);
        }
        return value.intValue();
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false", value);
        }
        return value.booleanValue();
    }

    /** The field's whole number, or {@code fallback} when it is absent; null stays null only when allowed. */
    static Integer integer(JsonNode body, String field, Integer fallback) {
        return body.has(field) && !body.get(field).isNull() ? Integer.valueOf(integer(body, field)) : fallback;
    }

    static ApiException wrongType(String field, String expected, JsonNode actual) {
        return ApiException.badRequest("the field '" + field + "' must be " + expected + ", not "
                + (actual.isNull() ? "null" : actual.getNodeType().name().toLowerCase(Locale.ROOT)
                + " " + abbreviate(actual.toString())));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
