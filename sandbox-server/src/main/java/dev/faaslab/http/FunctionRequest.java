package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.platform.EventInvokeConfig;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.runtime.CodePackage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.HandlerStyles;
import dev.faaslab.runtime.Language;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code PUT /api/functions/{name}} asks for: the function's settings and, when the body names one, the
 * revision the update expects. The body is read strictly: unknown fields and wrong types are refused with the
 * field's name. On an update, fields left out keep their current values (as Lambda's
 * UpdateFunctionConfiguration does); {@code "reservedConcurrency": null} removes a reservation.
 */
record FunctionRequest(FunctionSpec spec, Long revision) {

    static final Set<String> FIELDS = Set.of("runtime", "handler", "code", "memoryMb", "timeoutSeconds",
            "environment", "reservedConcurrency", "provisionedConcurrency", "keepAliveSeconds", "revision",
            "maximumRetryAttempts", "maximumEventAgeSeconds", "onFailure", "retryDelays", "files", "style", "bindings");
    /** What a zipped PUT's query string may set beside the zip: the settings a word or a number says. */
    static final Set<String> QUERY_FIELDS = Set.of("runtime", "handler", "memoryMb", "timeoutSeconds", "revision", "style");
    private static final Set<String> NUMERIC = Set.of("memoryMb", "timeoutSeconds", "revision");

    /** @param existing the function's current settings, or null when the body creates it */
    static FunctionRequest from(String name, JsonNode body, FunctionSpec existing, HandlerStyles styles) {
        // The settings are checked first, so that a body wrong in both is refused for its settings.
        FunctionSpec spec = toSpec(name, body, existing, null, styles);
        return new FunctionRequest(spec, revision(body));
    }

    /** A zipped package as the function's code, with the settings its query string gives ({@link #queryFields}). */
    static FunctionRequest fromZip(String name, JsonNode fields, CodePackage zip, FunctionSpec existing,
                                   HandlerStyles styles) {
        return new FunctionRequest(toSpec(name, fields, existing, zip, styles), revision(fields));
    }

    /** The query string's settings as the JSON body would give them; a number that is not one is refused. */
    static ObjectNode queryFields(java.util.function.Function<String, String> query) {
        ObjectNode fields = dev.faaslab.core.Json.MAPPER.createObjectNode();
        for (String field : QUERY_FIELDS) {
            String value = query.apply(field);
            if (value == null) {
                continue;
            }
            if (NUMERIC.contains(field)) {
                try {
                    fields.put(field, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw ApiException.badField(field, "the query parameter " + field + " must be a whole number, not '" + value + "'");
                }
            } else {
                fields.put(field, value);
            }
        }
        return fields;
    }

    /** The revision the update expects, when the body names one. */
    private static Long revision(JsonNode body) {
        JsonNode revision = body.get("revision");
        if (revision == null || revision.isNull()) {
            return null;
        }
        if (!revision.canConvertToLong() || !revision.isIntegralNumber()) {
            throw wrongType("revision", "a whole number", revision);
        }
        return revision.longValue();
    }

    private static FunctionSpec toSpec(String name, JsonNode body, FunctionSpec existing, CodePackage zip,
                                       HandlerStyles styles) {
        JsonFields.onlyFields(body, FIELDS, "{\"runtime\":\"nodejs\",\"code\":\"…\"}");
        Language language = body.has("runtime") ? language(text(body, "runtime"))
                : existing != null ? existing.language() : null;
        if (language == null) {
            throw ApiException.badField("runtime", "a new function needs \"runtime\": \"nodejs\" or \"python\"");
        }
        // The code: a zip, several files, one file, or (left out of an update) what it was
        String code = null;
        CodePackage files = null;
        if (zip != null) {
            files = zip;
        } else if (body.has("files")) {
            if (body.has("code")) {
                throw ApiException.badField("files", "give either \"code\" (one file) or \"files\" (several), not both");
            }
            files = files(body.get("files"));
        } else if (body.has("code")) {
            code = text(body, "code");
        } else if (existing != null) {
            code = existing.code();
            files = existing.codePackage();
        } else {
            throw ApiException.badField("code", "a new function needs \"code\": its source text (or \"files\","
                    + " {\"path\": \"text\"} for several, or a zip sent as Content-Type: application/zip)");
        }
        // The style (the provider whose handler contract the code follows): an unknown one is refused here, by name.
        HandlerStyle style = body.has("style") ? JsonFields.checked("style", () -> styles.named(text(body, "style")))
                : existing != null ? JsonFields.checked("style", () -> styles.named(existing.style())) : styles.standard();
        HandlerName handler;
        if (body.has("handler")) {
            handler = JsonFields.checked("handler", () -> HandlerName.parse(text(body, "handler")));
        } else if (existing != null && existing.language() == language && existing.style().equals(style.name())) {
            handler = existing.handler();
        } else {
            handler = HandlerName.parse(style.defaultHandler(language));
        }
        int memoryMb = body.has("memoryMb") ? integer(body, "memoryMb")
                : existing != null ? existing.memoryMb() : FunctionConfig.DEFAULT_MEMORY_MB;
        Duration timeout = body.has("timeoutSeconds") ? Duration.ofSeconds(integer(body, "timeoutSeconds"))
                : existing != null ? existing.timeout() : FunctionConfig.DEFAULT_TIMEOUT;
        Map<String, String> environment = body.has("environment") ? environment(body.get("environment"))
                : existing != null ? existing.environment() : Map.of();
        Map<String, String> bindings = body.has("bindings") ? stringMap("bindings", body.get("bindings"))
                : existing != null ? existing.bindings() : Map.of();
        Integer reserved = body.has("reservedConcurrency")
                ? (body.get("reservedConcurrency").isNull() ? null : integer(body, "reservedConcurrency"))
                : existing != null ? existing.reservedConcurrency() : null;
        int provisioned = body.has("provisionedConcurrency") ? integer(body, "provisionedConcurrency")
                : existing != null ? existing.provisionedConcurrency() : 0;
        Duration keepAlive = body.has("keepAliveSeconds") ? Duration.ofSeconds(integer(body, "keepAliveSeconds"))
                : existing != null ? existing.keepAlive() : FunctionSpec.DEFAULT_KEEP_ALIVE;
        CodePackage pkg = files;
        String text = code;
        return JsonFields.checked(pkg != null ? "handler" : "code", () -> new FunctionSpec(name, language, handler, text,
                memoryMb, timeout, environment, reserved, provisioned, keepAlive,
                eventInvoke(body, existing == null ? EventInvokeConfig.DEFAULT : existing.eventInvoke()), pkg, style.name(), bindings));
    }

    /** {"path": "text", …}: a package of text files, as the editor sends it. */
    private static CodePackage files(JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            throw wrongType("files", "an object of paths to texts, such as {\"index.mjs\": \"…\", \"lib/util.mjs\": \"…\"}", value);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (var entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw wrongType("files." + entry.getKey(), "a string", entry.getValue());
            }
            files.put(entry.getKey(), entry.getValue().textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return JsonFields.checked("files", () -> CodePackage.fromFiles(files));
    }

    /** The asynchronous invocation settings; {@code "onFailure": null} removes the destination. */
    private static EventInvokeConfig eventInvoke(JsonNode body, EventInvokeConfig existing) {
        int retries = body.has("maximumRetryAttempts") ? integer(body, "maximumRetryAttempts")
                : existing.maximumRetryAttempts();
        Duration maximumAge = body.has("maximumEventAgeSeconds")
                ? Duration.ofSeconds(integer(body, "maximumEventAgeSeconds")) : existing.maximumEventAge();
        String onFailure = body.has("onFailure")
                ? (body.get("onFailure").isNull() ? null : text(body, "onFailure")) : existing.onFailure();
        EventInvokeConfig.RetryDelays delays = body.has("retryDelays")
                ? JsonFields.checked("retryDelays", () -> EventInvokeConfig.RetryDelays.fromLabel(text(body, "retryDelays"))) : existing.retryDelays();
        return new EventInvokeConfig(retries, maximumAge, onFailure, delays);
    }

    private static Language language(String runtime) {
        return JsonFields.checked("runtime", () -> Language.fromName(runtime));
    }

    private static String text(JsonNode body, String field) {
        return JsonFields.text(body, field);
    }

    private static int integer(JsonNode body, String field) {
        return JsonFields.integer(body, field);
    }

    private static Map<String, String> environment(JsonNode value) {
        return stringMap("environment", value);
    }

    /** An object of strings, such as the environment's variables or a Worker's bindings. */
    private static Map<String, String> stringMap(String field, JsonNode value) {
        if (!value.isObject()) {
            throw wrongType(field, field.equals("bindings") ? "an object of strings, such as {\"CACHE\":\"table:cache\"}"
                    : "an object of strings, such as {\"GREETING\":\"hello\"}", value);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw wrongType(field + "." + entry.getKey(), "a string", entry.getValue());
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    private static ApiException wrongType(String field, String expected, JsonNode actual) {
        return JsonFields.wrongType(field, expected, actual);
    }
}
