package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code PUT /api/functions/{name}} strictly: unknown fields and wrong types are
 * refused with the field's name. On an update, fields left out keep their current values (as Lambda's
 * UpdateFunctionConfiguration does); {@code "reservedConcurrency": null} removes a reservation.
 */
final class FunctionRequest {

    static final Set<String> FIELDS = Set.of("runtime", "handler", "code", "memoryMb", "timeoutSeconds",
            "environment", "reservedConcurrency", "provisionedConcurrency", "keepAliveSeconds", "revision");

    private FunctionRequest() {
    }

    /** The revision the update expects, when the body names one. */
    static Long revision(JsonNode body) {
        JsonNode revision = body.get("revision");
        if (revision == null || revision.isNull()) {
            return null;
        }
        if (!revision.canConvertToLong() || !revision.isIntegralNumber()) {
            throw wrongType("revision", "a whole number", revision);
        }
        return revision.longValue();
    }

    static FunctionSpec toSpec(String name, JsonNode body, FunctionSpec existing) {
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object such as {\"runtime\":\"nodejs\",\"code\":\"…\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field '" + field + "': the fields are " + String.join(", ",
                        FIELDS.stream().sorted().toList()));
            }
        }
        Language language = body.has("runtime") ? language(text(body, "runtime"))
                : existing != null ? existing.language() : null;
        if (language == null) {
            throw ApiException.badRequest("a new function needs \"runtime\": \"nodejs\" or \"python\"");
        }
        String code = body.has("code") ? text(body, "code") : existing != null ? existing.code() : null;
        if (code == null) {
            throw ApiException.badRequest("a new function needs \"code\": its source text");
        }
        HandlerName handler;
        if (body.has("handler")) {
            handler = HandlerName.parse(text(body, "handler"));
        } else if (existing != null && existing.language() == language) {
            handler = existing.handler();
        } else {
            handler = new HandlerName(language == Language.NODEJS ? "index" : "lambda_function",
                    language.defaultFunctionName());
        }
        int memoryMb = body.has("memoryMb") ? integer(body, "memoryMb")
                : existing != null ? existing.memoryMb() : FunctionConfig.DEFAULT_MEMORY_MB;
        Duration timeout = body.has("timeoutSeconds") ? Duration.ofSeconds(integer(body, "timeoutSeconds"))
                : existing != null ? existing.timeout() : FunctionConfig.DEFAULT_TIMEOUT;
        Map<String, String> environment = body.has("environment") ? environment(body.get("environment"))
                : existing != null ? existing.environment() : Map.of();
        Integer reserved = body.has("reservedConcurrency")
                ? (body.get("reservedConcurrency").isNull() ? null : integer(body, "reservedConcurrency"))
                : existing != null ? existing.reservedConcurrency() : null;
        int provisioned = body.has("provisionedConcurrency") ? integer(body, "provisionedConcurrency")
                : existing != null ? existing.provisionedConcurrency() : 0;
        Duration keepAlive = body.has("keepAliveSeconds") ? Duration.ofSeconds(integer(body, "keepAliveSeconds"))
                : existing != null ? existing.keepAlive() : FunctionSpec.DEFAULT_KEEP_ALIVE;
        return new FunctionSpec(name, language, handler, code, memoryMb, timeout, environment, reserved, provisioned,
                keepAlive);
    }

    private static Language language(String runtime) {
        return Language.fromName(runtime);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    private static int integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "a whole number", value);
        }
        return value.intValue();
    }

    private static Map<String, String> environment(JsonNode value) {
        if (!value.isObject()) {
            throw wrongType("environment", "an object of strings, such as {\"GREETING\":\"hello\"}", value);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (var entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw wrongType("environment." + entry.getKey(), "a string", entry.getValue());
            }
            environment.put(entry.getKey(), entry.getValue().textValue());
        }
        return environment;
    }

    private static ApiException wrongType(String field, String expected, JsonNode actual) {
        return ApiException.badRequest("the field '" + field + "' must be " + expected + ", not "
                + (actual.isNull() ? "null" : actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " " + abbreviate(actual.toString())));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
