package dev.faaslab.course;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The course's terms, from {@code lessons/glossary.yaml}: each term's id (what a lesson links to, as
 * {@code [cold start](#glossary/cold-start)}), its name and a definition short enough to show beside the word.
 *
 * @param terms sorted by name, as the glossary page lists them
 */
public record Glossary(List<Term> terms) {

    static final String FILE = "glossary.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final int LONGEST_DEFINITION = 400;

    public Glossary {
        terms = terms.stream().sorted(Comparator.comparing(term -> term.term().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    /** One term: {@code definition} is plain text. */
    public record Term(String id, String term, String definition) {
    }

    static final Glossary EMPTY = new Glossary(List.of());

    /** The term with this id. */
    public Optional<Term> term(String id) {
        return terms.stream().filter(term -> term.id().equals(id)).findFirst();
    }

    /** The glossary in {@code file}; none when there is no such file. */
    static Glossary read(Path file) {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LessonException(file, null, "cannot be read: " + e.getMessage());
        }
        YamlBlock block = YamlBlock.read(file, 1, "the glossary", text);
        List<Term> terms = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : block.root().properties()) {
            String id = entry.getKey();
            String at = "/" + id;
            if (!ID.matcher(id).matches()) {
                throw block.wrong(at, "is not a term id: 1 to 64 lower-case letters, digits or hyphens, such as cold-start");
            }
            block.onlyFields(at, List.of("term", "definition"));
            String definition = block.text(at + "/definition");
            if (definition.length() > LONGEST_DEFINITION) {
                throw block.wrong(at + "/definition", "is " + definition.length() + " characters; a definition shown"
                        + " beside a word must fit in " + LONGEST_DEFINITION);
            }
            terms.add(new Term(id, block.text(at + "/term"), definition));
        }
        return new Glossary(terms);
    }

    /** The terms by id. */
    Map<String, Term> byId() {
        return terms.stream().collect(Collectors.toMap(Term::id, Function.identity()));
    }
}
