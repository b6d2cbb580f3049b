package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** How a functional check compares a result with what it expects. */
sealed interface Expectation {

    /** Why {@code actual} does not match, or empty when it does. */
    Optional<String> mismatch(JsonNode actual);

    /** What is expected, in words. */
    String describe();

    /** The result must equal {@code value} (numbers by value: 1 and 1.0 are equal). */
    record Exact(JsonNode value) implements Expectation {
        @Override
        public Optional<String> mismatch(JsonNode actual) {
            return same(value, actual) ? Optional.empty() : Optional.of("the result differs");
        }

        @Override
        public String describe() {
            return "exactly " + value;
        }
    }

    /** Every field of {@code value} must be in the result with the same value; other fields may be there too. */
    record Subset(JsonNode value) implements Expectation {
        @Override
        public Optional<String> mismatch(JsonNode actual) {
            return difference("", value, actual);
        }

        @Override
        public String describe() {
            return "a result containing " + value;
        }

        private static Optional<String> difference(String where, JsonNode expected, JsonNode actual) {
            if (expected.isObject()) {
                if (actual == null || !actual.isObject()) {
                    return Optional.of(place(where) + " should be an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String path = where + "." + field.getKey();
                    if (!actual.has(field.getKey())) {
                        return Optional.of(place(path) + " is missing");
                    }
                    Optional<String> inner = difference(path, field.getValue(), actual.get(field.getKey()));
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
                return Optional.empty();
            }
            if (expected.isArray()) {
                if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
                    return Optional.of(place(where) + " should be a list of " + expected.size());
                }
                for (int i = 0; i < expected.size(); i++) {
                    Optional<String> inner = difference(where + "[" + i + "]", expected.get(i), actual.get(i));
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
                return Optional.empty();
            }
            return same(expected, actual) ? Optional.empty()
                    : Optional.of(place(where) + " should be " + expected + ", not " + actual);
        }

        private static String place(String where) {
            return where.isEmpty() ? "the result" : where.substring(1);
        }
    }

    /** The result (a string as it is, anything else as JSON text) must contain a match of {@code pattern}. */
    record Regex(Pattern pattern) implements Expectation {
        @Override
        public Optional<String> mismatch(JsonNode actual) {
            String text = actual.isTextual() ? actual.textValue() : actual.toString();
            return pattern.matcher(text).find() ? Optional.empty()
                    : Optional.of("no match of /" + pattern + "/ in " + text);
        }

        @Override
        public String describe() {
            return "a result matching /" + pattern + "/";
        }
    }

    /** At each JSON path (Jayway's syntax, {@code $.body.message}) the result must hold the value given. */
    record JsonPaths(Map<String, JsonNode> values) implements Expectation {

        private static final Configuration CONFIGURATION = Configuration.builder()
                .jsonProvider(new JacksonJsonNodeJsonProvider()).mappingProvider(new JacksonMappingProvider())
                .options(Option.SUPPRESS_EXCEPTIONS).build();

        public JsonPaths {
            values = new LinkedHashMap<>(values);
            values.keySet().forEach(JsonPath::compile); // a bad path is the author's mistake: fail on loading
        }

        /** What {@code json} holds at {@code path}, or null when nothing is there. */
        static JsonNode read(JsonNode json, String path) {
            try {
                Object value = JsonPath.using(CONFIGURATION).parse(json).read(path);
                return value == null ? null : value instanceof JsonNode node ? node
                        : JsonNodeFactory.instance.pojoNode(value);
            } catch (PathNotFoundException e) {
                return null;
            }
        }

        @Override
        public Optional<String> mismatch(JsonNode actual) {
            for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
                JsonNode found = read(actual, entry.getKey());
                if (found == null) {
                    return Optional.of("nothing at " + entry.getKey());
                }
                if (!same(entry.getValue(), found)) {
                    return Optional.of(entry.getKey() + " is " + found + ", not " + entry.getValue());
                }
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder();
            values.forEach((path, value) -> text.append(text.isEmpty() ? "" : ", ").append(path).append(" = ").append(value));
            return text.toString();
        }
    }

    /** JSON equality with numbers compared by value. */
    static boolean same(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        return expected.equals((a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
            }
            return a.equals(b) ? 0 : 1;
        }, actual);
    }
}
