package dev.faaslab.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.runtime.sdk.SdkException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The arguments of one SDK call, read strictly: a function's arguments come from learners' code, so a
 * missing, unknown or mistyped field is a {@code ValidationException} that names it.
 */
public final class SdkArgs {

    private final String service;
    private final String operation;
    private final JsonNode args;

    public SdkArgs(String service, String operation, JsonNode args) {
        this.service = service;
        this.operation = operation;
        if (args == null || args.isNull() || args.isMissingNode()) {
            this.args = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } else if (!args.isObject()) {
            throw invalid("takes an object of arguments, not " + args.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        } else {
            this.args = args;
        }
    }

    /** Runs a call, turning the services' refusals into the {@link SdkException} a function catches. */
    public static JsonNode translate(Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (StateException e) {
            throw new SdkException(e.reason().sdkCode(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new SdkException("ValidationException", e.getMessage());
        }
    }

    /** Refuses any argument not named. */
    public void only(String... names) {
        Set<String> known = Set.of(names);
        for (String name : args.properties().stream().map(java.util.Map.Entry::getKey).toList()) {
            if (!known.contains(name)) {
                throw invalid("has no argument '" + name + "': its arguments are " + List.of(names));
            }
        }
    }

    /** A required string. */
    public String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw invalid("needs '" + name + "', a string");
        }
        return value;
    }

    public String optionalText(String name) {
        JsonNode value = optionalNode(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("needs '" + name + "' to be a string, not " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.textValue();
    }

    /** A required value of any type (the service checks it). */
    public JsonNode node(String name) {
        JsonNode value = optionalNode(name);
        if (value == null) {
            throw invalid("needs '" + name + "'");
        }
        return value;
    }

    /** The value, or null when absent or null. */
    public JsonNode optionalNode(String name) {
        JsonNode value = args.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public boolean flag(String name) {
        JsonNode value = optionalNode(name);
        if (value != null && !value.isBoolean()) {
            throw invalid("needs '" + name + "' to be true or false, not " + value);
        }
        return value != null && value.booleanValue();
    }

    /** A whole number, or null. */
    public Long whole(String name) {
        JsonNode value = optionalNode(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().stripTrailingZeros().scale() > 0 || !value.canConvertToLong()) {
            throw invalid("needs '" + name + "' to be a whole number, not " + value);
        }
        return value.longValue();
    }

    public BigDecimal number(String name) {
        JsonNode value = node(name);
        if (!value.isNumber()) {
            throw invalid("needs '" + name + "' to be a number, not " + value);
        }
        return value.decimalValue();
    }

    public SdkException unknownOperation(String operations) {
        return new SdkException("ValidationException", service + " has no operation '" + operation
                + "': its operations are " + operations);
    }

    private SdkException invalid(String what) {
        return new SdkException("ValidationException", service + "." + operation + " " + what);
    }
}
