package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.InvalidInputException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The REST API's one reader of JSON request bodies. Every refusal is a 400 {@code BadRequest} that names the
 * field at fault in {@code field} (beside the message, which names it too), so that a form can show it beside
 * that field: an unknown field, a wrong type, a missing field, or a value the server's own checks refuse.
 */
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
                throw ApiException.badField(field, "unknown field '" + field + "': the fields are " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        }
    }

    /** The field's string; 400 when it is missing, null or not a string. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw missing(field);
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    /** The field's string, or {@code fallback} when it is absent or null. */
    static String text(JsonNode body, String field, String fallback) {
        return body.hasNonNull(field) ? text(body, field) : fallback;
    }

    static int integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw missing(field);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "a whole number", value);
        }
        return value.intValue();
    }

    /** The field's whole number, or {@code fallback} when it is absent or null. */
    static Integer integer(JsonNode body, String field, Integer fallback) {
        return body.hasNonNull(field) ? Integer.valueOf(integer(body, field)) : fallback;
    }

    /** The field's whole number as a long, or {@code fallback} when it is absent or null. */
    static long longInteger(JsonNode body, String field, long fallback) {
        if (!body.hasNonNull(field)) {
            return fallback;
        }
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(field, "a whole number", value);
        }
        return value.longValue();
    }

    /** The field's number, or null when it is absent or null. */
    static Double number(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isNumber()) {
            throw wrongType(field, "a number", value);
        }
        return value.doubleValue();
    }

    /** The field's number, or {@code fallback} when it is absent or null. */
    static double number(JsonNode body, String field, double fallback) {
        Double value = number(body, field);
        return value == null ? fallback : value;
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw missing(field);
        }
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false", value);
        }
        return value.booleanValue();
    }

    /**
     * What {@code check} makes of a field's value, its refusal now naming {@code field}: the value's own class
     * (a schedule expression, a key type) knows what is wrong but not which field it came from.
     */
    static <T> T checked(String field, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            throw e.in(field);
        }
    }

    static ApiException missing(String field) {
        return ApiException.badField(field, "the field '" + field + "' is missing");
    }

    static ApiException wrongType(String field, String expected, JsonNode actual) {
        return ApiException.badField(field, "the field '" + field + "' must be " + expected + ", not "
                + (actual == null || actual.isNull() ? "null" : actual.getNodeType().name().toLowerCase(Locale.ROOT)
                + " " + abbreviate(actual.toString())));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
