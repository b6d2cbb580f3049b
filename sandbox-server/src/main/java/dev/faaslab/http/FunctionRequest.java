package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.platform.EventInvokeConfig;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.HandlerName;
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
            "maximumRetryAttempts", "maximumEventAgeSeconds", "onFailure", "retryDelays");

    /** @param existing the function's current settings, or null when the body creates it */
    static FunctionRequest from(String name, JsonNode body, FunctionSpec existing) {
        // The settings are checked first, so that a body wrong in both is refused for its settings.
        FunctionSpec spec = toSpec(name, body, existing);
        return new FunctionRequest(spec, revision(body));
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

    private static FunctionSpec toSpec(String name, JsonNode body, FunctionSpec existing) {
        JsonFields.onlyFields(body, FIELDS, "{\"runtime\":\"nodejs\",\"code\":\"…\"}");
        Language language = body.has("runtime") ? language(text(body, "runtime"))
                : existing != null ? existing.language() : null;
        if (language == null) {
            throw ApiException.badField("runtime", "a new function needs \"runtime\": \"nodejs\" or \"python\"");
        }
        String code = body.has("code") ? text(body, "code") : existing != null ? existing.code() : null;
        if (code == null) {
            throw ApiException.badField("code", "a new function needs \"code\": its source text");
        }
        HandlerName handler;
        if (body.has("handler")) {
            handler = JsonFields.checked("handler", () -> HandlerName.parse(text(body, "handler")));
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
                keepAlive, eventInvoke(body, existing == null ? EventInvokeConfig.DEFAULT : existing.eventInvoke()));
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
        return JsonFields.wrongType(field, expected, actual);
    }
}
