package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.runtime.Language;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each of some files (the adapters that put a core behind each provider) is at most {@code maxLines} lines of code:
 * lines that are not blank and not only a comment (nor, in Python, a docstring), counted from the parser's tokens.
 * An adapter that long does more than translate a provider's request and answer: it does the core's work.
 *
 * @param files    the files, by language
 * @param maxLines the most lines of code each may have
 */
record ShortFiles(Map<Language, List<String>> files, int maxLines) implements SourceProbe {

    ShortFiles {
        files = Map.copyOf(files);
        if (files.isEmpty() || files.values().stream().anyMatch(List::isEmpty) || maxLines < 1) {
            throw new IllegalArgumentException("shortFiles needs \"files\" (by language, the files to count, as"
                    + " {\"nodejs\": [\"lambda.mjs\"]}) and \"maxLines\" (1 or more), not " + files + " and " + maxLines);
        }
    }

    /**
     * {@code {"kind": "shortFiles", "files": {"nodejs": ["lambda.mjs", "worker.mjs"]}, "maxLines": 15}}; each of a
     * language's files one of its listed files.
     */
    static ShortFiles read(JsonNode node, Set<Language> languages, Map<Language, List<String>> listed) {
        Map<Language, List<String>> files = new EnumMap<>(Language.class);
        for (Language language : languages) {
            JsonNode names = node.path("files").path(language.runtimeName());
            List<String> own = listed.getOrDefault(language, List.of());
            if (!names.isArray() || names.isEmpty() || !names.valueStream().allMatch(name -> own.contains(name.asText()))) {
                throw new IllegalArgumentException("shortFiles' \"files\"." + language.runtimeName() + " lists files"
                        + " among the language's \"files\" " + own + ", not " + names);
            }
            files.put(language, names.valueStream().map(JsonNode::asText).toList());
        }
        if (!node.path("maxLines").isIntegralNumber()) {
            throw new IllegalArgumentException("shortFiles needs \"maxLines\": a whole number, not " + node.path("maxLines"));
        }
        return new ShortFiles(files, node.path("maxLines").asInt());
    }

    @Override
    public Verdict judge(Sources sources, Language language) {
        List<String> counted = new ArrayList<>();
        List<String> over = new ArrayList<>();
        for (String file : files.getOrDefault(language, List.of())) {
            SourceAnalysis analysis = sources.of(file);
            if (analysis instanceof SourceAnalysis.Unread(String reason)) {
                return new Verdict(CheckStatus.ERROR, expected(), "the source could not be analysed: " + reason, "");
            }
            int lines = ((SourceAnalysis.Read) analysis).outline().codeLines();
            counted.add(file + " " + lines);
            if (lines > maxLines) {
                over.add(file + " has " + lines);
            }
        }
        String all = "lines of code: " + String.join(", ", counted);
        return over.isEmpty() ? Verdict.pass(expected(), all, "")
                : Verdict.fail(expected(), String.join(", ", over) + " lines of code, over " + maxLines
                + ": an adapter only translates the provider's request for the core and its answer back (" + all + ")",
                "");
    }

    @Override
    public String expected() {
        return "each adapter at most " + maxLines + " lines of code (not counting blank lines and comments)";
    }

    @Override
    public String kind() {
        return "shortFiles";
    }
}
