package dev.faaslab.events.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * An item of ours (plain JSON) in DynamoDB's typed JSON, as DynamoDB Streams hands images to Lambda:
 * {@code {"S":"…"}}, {@code {"N":"…"}} (a number as a string, every digit kept), {@code {"BOOL":…}},
 * {@code {"NULL":true}}, {@code {"L":[…]}} and {@code {"M":{…}}}. Handlers written for real streams
 * (with {@code unmarshall}, or reading {@code .S} and {@code .N}) run on them unchanged.
 */
final class AttributeValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    /** An item's attributes, each typed: {@code {"id":{"S":"a"}}}. */
    static ObjectNode item(JsonNode item) {
        ObjectNode typed = NODES.objectNode();
        for (Map.Entry<String, JsonNode> attribute : item.properties()) {
            typed.set(attribute.getKey(), value(attribute.getValue()));
        }
        return typed;
    }

    static ObjectNode value(JsonNode value) {
        ObjectNode typed = NODES.objectNode();
        switch (value.getNodeType()) {
            case STRING -> typed.put("S", value.textValue());
            case NUMBER -> typed.put("N", number(value.decimalValue()));
            case BOOLEAN -> typed.put("BOOL", value.booleanValue());
            case ARRAY -> {
                ArrayNode list = typed.putArray("L");
                value.forEach(element -> list.add(value(element)));
            }
            case OBJECT -> typed.set("M", item(value));
            default -> typed.put("NULL", true);
        }
        return typed;
    }

    /** 1.50 and 1.5 are one number in DynamoDB, written the shorter way. */
    private static String number(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
