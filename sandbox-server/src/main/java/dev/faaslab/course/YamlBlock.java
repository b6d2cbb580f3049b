package dev.faaslab.course;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of YAML inside a lesson's files (a prediction, a concept check, the glossary), read with the file's
 * line of every value, so that each mistake is reported where it is written.
 *
 * @param firstLine the file's line on which the YAML's first line is written
 * @param lines the file's line of each value, by its JSON pointer ({@code /choices/1/explanation})
 */
record YamlBlock(Path file, int firstLine, String what, JsonNode root, Map<String, Integer> lines) {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** The course's one YAML reader (front matter, blocks, the glossary); the only mapper outside core.Json. */
    static final ObjectMapper YAML = new ObjectMapper(FACTORY);

    /** Reads {@code yaml}, which starts on the file's line {@code firstLine}; {@code what} names it in errors. */
    static YamlBlock read(Path file, int firstLine, String what, String yaml) {
        JsonNode root;
        Map<String, Integer> lines = new HashMap<>();
        try {
            root = YAML.readTree(yaml);
            try (JsonParser parser = FACTORY.createParser(yaml)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    // A field's name comes first, so a value is reported on its key's line ("choices:"), not below it.
                    if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                        lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                                firstLine + parser.currentTokenLocation().getLineNr() - 1);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? firstLine : firstLine + e.getLocation().getLineNr() - 1;
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            throw new LessonException(file, line, null, what + " is not valid YAML: "
                    + (cut > 0 ? message.substring(0, cut) : message));
        } catch (IOException e) {
            throw new LessonException(file, firstLine, null, what + " cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull() || !root.isObject()) {
            throw new LessonException(file, firstLine, null, what + " must be 'field: value' lines");
        }
        return new YamlBlock(file, firstLine, what, root, lines);
    }

    /** The value at {@code pointer}, which must be there. */
    JsonNode required(String pointer) {
        JsonNode value = root.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            throw new LessonException(file, lineOf(parent(pointer)), null, what + " has no " + describe(pointer)
                    + ": add it");
        }
        return value;
    }

    boolean has(String pointer) {
        JsonNode value = root.at(pointer);
        return !value.isMissingNode() && !value.isNull();
    }

    /**
     * Text, not blank. A whole number is taken as its digits; YAML reads an unquoted yes, no, on, off, true or false
     * as a truth value and 0.50 as 0.5, so those are refused, asking for quotes.
     */
    String text(String pointer) {
        JsonNode value = required(pointer);
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (!value.isTextual()) {
            throw wrong(pointer, "must be text, not " + value + (value.isValueNode()
                    ? ": YAML reads this unquoted value as a " + (value.isBoolean() ? "yes/no" : "number")
                    + ", so put the text in quotes, such as 'Yes'" : ""));
        }
        if (value.asText().isBlank()) {
            throw wrong(pointer, "must be text, not blank");
        }
        return value.asText().strip();
    }

    /** A list of at least {@code least} and at most {@code most} entries. */
    int listSize(String pointer, int least, int most, String example) {
        JsonNode value = required(pointer);
        if (!value.isArray() || value.size() < least || value.size() > most) {
            throw wrong(pointer, "must be a list of " + least + " to " + most + " entries (" + example + "), not "
                    + (value.isArray() ? value.size() + " entries" : value.toString()));
        }
        return value.size();
    }

    /** Only these fields, at {@code pointer} (an object). */
    void onlyFields(String pointer, List<String> known) {
        JsonNode value = pointer.isEmpty() ? root : required(pointer);
        if (!value.isObject()) {
            throw wrong(pointer, "must be 'field: value' lines (" + String.join(", ", known) + "), not " + value);
        }
        List<String> unknown = new ArrayList<>();
        value.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw wrong(pointer + "/" + unknown.getFirst(), "FaaS Lab does not know this field here; the fields are "
                    + String.join(", ", known));
        }
    }

    LessonException wrong(String pointer, String problem) {
        return new LessonException(file, lineOf(pointer), null, what + ": " + describe(pointer) + " " + problem);
    }

    /** The file's line of the value at {@code pointer}, or of its nearest written parent. */
    int lineOf(String pointer) {
        for (String at = pointer; ; at = parent(at)) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return firstLine;
            }
        }
    }

    private static String parent(String pointer) {
        int cut = pointer.lastIndexOf('/');
        return cut <= 0 ? "" : pointer.substring(0, cut);
    }

    /**
     * A value's place as an author reads it, lists counted from 1: {@code /questions/2/choices/0/answer} is
     * "'answer' of choice 1 of question 3".
     */
    static String describe(String pointer) {
        String[] parts = pointer.split("/");
        List<String> names = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            boolean indexed = i + 1 < parts.length && isIndex(parts[i + 1]);
            if (indexed) {
                String list = parts[i];
                names.addFirst((list.endsWith("s") ? list.substring(0, list.length() - 1) : list) + " "
                        + (Integer.parseInt(parts[i + 1]) + 1));
                i++;
            } else {
                names.addFirst("'" + parts[i] + "'");
            }
        }
        return names.isEmpty() ? "it" : String.join(" of ", names);
    }

    private static boolean isIndex(String part) {
        return !part.isEmpty() && part.length() < 9 && part.chars().allMatch(Character::isDigit);
    }
}
