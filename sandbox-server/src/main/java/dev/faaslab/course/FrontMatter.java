package dev.faaslab.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The YAML block at the top of a {@code lesson.md}, between two {@code ---} lines, with every field
 * checked: a lesson that loads has all it needs.
 *
 * @param exercise null when the lesson has none
 */
record FrontMatter(String id, String title, int order, String summary, List<String> concepts, String function,
                   String exercise, List<String> events, int minutes, String level, List<String> prerequisites,
                   List<String> objectives) {

    /** The event kinds the lab's picker knows, in the order it offers them when a lesson names none. */
    static final List<String> EVENT_KINDS = List.of("http", "queue", "schedule", "upload", "custom");

    static final Set<String> FIELDS = Set.of("id", "title", "order", "summary", "concepts", "function", "exercise",
            "events", "minutes", "level", "prerequisites", "objectives");

    /** The levels a lesson can be, from the first lessons' to the last's. */
    static final List<String> LEVELS = List.of("beginner", "intermediate", "advanced");

    /** The longest a lesson may say it takes: longer ones should be split. */
    static final int MOST_MINUTES = 180;

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String FENCE = "---";

    private static final ObjectMapper YAML = YamlBlock.YAML;

    /**
     * A lesson file cut in two: the front matter's YAML and the Markdown after it.
     *
     * @param markdownLine the file's line on which the Markdown starts
     */
    record Split(String yaml, String markdown, int markdownLine) {
    }

    /** Cuts {@code text} at its closing {@code ---}; the front matter's first line is the file's line 2. */
    static Split split(Path file, String text) {
        String[] lines = text.replace("\r\n", "\n").replace("\uFEFF", "").split("\n", -1);
        if (!lines[0].stripTrailing().equals(FENCE)) {
            throw new LessonException(file, 1, null, "a lesson starts with front matter: a line '---', the fields"
                    + " (id, title, order, summary, concepts, function, minutes, level, objectives), and another line '---'");
        }
        for (int close = 1; close < lines.length; close++) {
            if (lines[close].stripTrailing().equals(FENCE)) {
                return new Split(String.join("\n", Arrays.copyOfRange(lines, 1, close)),
                        String.join("\n", Arrays.copyOfRange(lines, close + 1, lines.length)), close + 2);
            }
        }
        throw new LessonException(file, 1, null, "the front matter has no closing '---' line: end the fields"
                + " with a line holding only '---'");
    }

    /** The line of {@code file} on which the front matter writes {@code field}, or 0 when it cannot be found. */
    static int lineOf(Path file, String field) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            for (int i = 1; i < lines.size() && !lines.get(i).stripTrailing().equals(FENCE); i++) {
                if (lines.get(i).startsWith(field + ":")) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // No line, then: the message still names the file and the field.
        }
        return 0;
    }

    /** Reads and checks the fields. */
    static FrontMatter read(Path file, String yaml) {
        JsonNode fields;
        try {
            fields = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + 1;
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            throw new LessonException(file, line, null, "the front matter is not valid YAML: "
                    + (cut > 0 ? message.substring(0, cut) : message));
        }
        if (fields == null || fields.isMissingNode() || fields.isNull()) {
            throw new LessonException(file, 2, null, "the front matter is empty: it needs id, title, order,"
                    + " summary, concepts, function, minutes, level and objectives");
        }
        if (!fields.isObject()) {
            throw new LessonException(file, 2, null, "the front matter must be 'field: value' lines, not a "
                    + fields.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        Fields checked = new Fields(file, yaml, fields);
        Set<String> unknown = new TreeSet<>();
        fields.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(FIELDS);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new LessonException(file, checked.lineOf(first), first, "FaaS Lab does not know this field;"
                    + " the fields are " + String.join(", ", new TreeSet<>(FIELDS)));
        }
        String id = checked.text("id", ID, "1 to 64 lower-case letters, digits or hyphens, such as cold-starts");
        String title = checked.text("title", null, null);
        int order = checked.wholeNumber("order");
        String summary = checked.text("summary", null, null);
        List<String> concepts = checked.texts("concepts", null);
        String function = checked.text("function", FUNCTION, "1 to 64 letters, digits, hyphens or underscores,"
                + " as a Lambda function's name");
        String exercise = fields.path("exercise").isNull() || fields.path("exercise").isMissingNode()
                ? null : checked.text("exercise", null, null);
        List<String> events = fields.has("events") ? checked.texts("events", EVENT_KINDS) : EVENT_KINDS;
        int minutes = checked.wholeNumber("minutes");
        if (minutes < 1 || minutes > MOST_MINUTES) {
            throw checked.wrong("minutes", "must be how long the lesson takes, 1 to " + MOST_MINUTES
                    + " minutes (split a longer one), not " + minutes);
        }
        String level = checked.text("level", null, null);
        if (!LEVELS.contains(level)) {
            throw checked.wrong("level", "'" + level + "' is not a level; use " + String.join(", ", LEVELS));
        }
        List<String> prerequisites = fields.has("prerequisites") && !(fields.get("prerequisites").isArray()
                && fields.get("prerequisites").isEmpty()) ? checked.texts("prerequisites", null) : List.of();
        for (String prerequisite : prerequisites) {
            if (!ID.matcher(prerequisite).matches()) {
                throw checked.wrong("prerequisites", "'" + prerequisite + "' is not a lesson id (lower-case letters,"
                        + " digits and hyphens, such as what-serverless-is)");
            }
        }
        List<String> objectives = checked.texts("objectives", null);
        return new FrontMatter(id, title, order, summary, concepts, function, exercise, events, minutes, level,
                prerequisites, objectives);
    }

    /** The fields of one front matter, each read with an error that names it and its line. */
    private record Fields(Path file, String yaml, JsonNode node) {

        String text(String name, Pattern pattern, String rule) {
            JsonNode value = required(name);
            if (!value.isTextual() || value.asText().isBlank()) {
                throw wrong(name, "must be text" + (value.isTextual() ? ", not blank" : " (put it in quotes if YAML"
                        + " reads it as a number or a yes/no), not " + value));
            }
            String text = value.asText().strip();
            if (pattern != null && !pattern.matcher(text).matches()) {
                throw wrong(name, "'" + text + "' is not " + rule);
            }
            return text;
        }

        int wholeNumber(String name) {
            JsonNode value = required(name);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrong(name, "must be a whole number, such as 3, not " + value);
            }
            return value.intValue();
        }

        List<String> texts(String name, List<String> allowed) {
            JsonNode value = required(name);
            if (!value.isArray() || value.isEmpty()) {
                throw wrong(name, "must be a list with at least one entry, such as [first, second], not " + value);
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode entry : value) {
                if (!entry.isTextual() || entry.asText().isBlank()) {
                    throw wrong(name, "every entry must be text, not " + entry);
                }
                if (allowed != null && !allowed.contains(entry.asText())) {
                    throw wrong(name, "'" + entry.asText() + "' is not an event kind; use "
                            + String.join(", ", allowed));
                }
                texts.add(entry.asText().strip());
            }
            return texts;
        }

        private JsonNode required(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new LessonException(file, 0, name, "is missing: add a line '" + name + ": …' to the front matter");
            }
            return value;
        }

        LessonException wrong(String name, String problem) {
            return new LessonException(file, lineOf(name), name, problem);
        }

        /** The file's line where the field is written (the front matter starts on line 2), or 0. */
        int lineOf(String name) {
            String[] lines = yaml.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith(name + ":") || lines[i].startsWith(name + " :")) {
                    return i + 2;
                }
            }
            return 0;
        }
    }
}
