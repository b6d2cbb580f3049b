package dev.faaslab.course;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The interactive blocks a lesson writes as fenced code with YAML inside: {@code ```prediction} (a question
 * asked before an experiment) and {@code ```check} (the concept check at the end). Each is read with every
 * field checked, and a mistake names the file's line.
 */
final class LessonBlocks {

    static final String PREDICTION = "prediction";
    static final String CHECK = "check";
    static final Set<String> KINDS = Set.of(PREDICTION, CHECK);

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final List<String> PREDICTION_FIELDS = List.of("id", "question", "try", "choices", "reveal");
    private static final List<String> CHOICE_FIELDS = List.of("answer", "right", "explanation");
    private static final List<String> CHECK_FIELDS = List.of("pass", "questions");
    private static final List<String> QUESTION_FIELDS = List.of("id", "question", "choices", "number", "tolerance",
            "unit", "explanation", "hint");
    private static final int FEWEST_QUESTIONS = 3;
    private static final int MOST_QUESTIONS = 5;

    private LessonBlocks() {
    }

    /** A {@code ```prediction} block. */
    static Prediction prediction(YamlBlock block) {
        block.onlyFields("", PREDICTION_FIELDS);
        String id = id(block, "/id");
        String question = MarkdownPage.fragment(block.text("/question"));
        List<String> actions = new ArrayList<>();
        JsonNode tried = block.required("/try");
        if (tried.isArray()) {
            block.listSize("/try", 1, 5, "such as [event/http, invoke]");
            for (int i = 0; i < tried.size(); i++) {
                actions.add(action(block, "/try/" + i));
            }
        } else {
            actions.add(action(block, "/try"));
        }
        List<Choice> choices = choices(block, "/choices");
        String reveal = block.has("/reveal") ? MarkdownPage.of(block.text("/reveal")).html() : "";
        return new Prediction(id, question, actions, choices, reveal);
    }

    /** A {@code ```check} block. */
    static ConceptCheck check(YamlBlock block) {
        block.onlyFields("", CHECK_FIELDS);
        int count = block.listSize("/questions", FEWEST_QUESTIONS, MOST_QUESTIONS, "a concept check asks "
                + FEWEST_QUESTIONS + " to " + MOST_QUESTIONS + " questions");
        JsonNode pass = block.required("/pass");
        if (!pass.isIntegralNumber() || pass.asInt() < 1 || pass.asInt() > count) {
            throw block.wrong("/pass", "must be how many of the " + count + " questions a learner needs right, 1 to "
                    + count + ", not " + pass);
        }
        List<ConceptCheck.Question> questions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String at = "/questions/" + i;
            block.onlyFields(at, QUESTION_FIELDS);
            String id = id(block, at + "/id");
            if (ids.contains(id)) {
                throw block.wrong(at + "/id", "is '" + id + "', already the id of another question in this check");
            }
            ids.add(id);
            String question = MarkdownPage.fragment(block.text(at + "/question"));
            boolean choices = block.has(at + "/choices");
            boolean number = block.has(at + "/number");
            if (choices == number) {
                throw block.wrong(at, "needs either 'choices' (multiple choice) or 'number' (a numeric answer),"
                        + (choices ? " not both" : " and has neither"));
            }
            if (choices) {
                for (String field : List.of("tolerance", "unit", "explanation", "hint")) {
                    if (block.has(at + "/" + field)) {
                        throw block.wrong(at + "/" + field, "belongs to a number question; a choice question explains"
                                + " each choice in its own 'explanation'");
                    }
                }
                questions.add(new ConceptCheck.ChoiceQuestion(id, question, choices(block, at + "/choices")));
            } else {
                double answer = number(block, at + "/number");
                double tolerance = block.has(at + "/tolerance") ? number(block, at + "/tolerance") : 0;
                if (tolerance < 0) {
                    throw block.wrong(at + "/tolerance", "must be 0 or more, not " + tolerance);
                }
                String unit = block.has(at + "/unit") ? block.text(at + "/unit") : "";
                questions.add(new ConceptCheck.NumberQuestion(id, question, answer, tolerance, unit,
                        MarkdownPage.fragment(block.text(at + "/explanation")),
                        MarkdownPage.fragment(block.text(at + "/hint"))));
            }
        }
        return new ConceptCheck(pass.asInt(), questions);
    }

    private static List<Choice> choices(YamlBlock block, String at) {
        int count = block.listSize(at, 2, 6, "each with an answer, right: true on one, and an explanation");
        List<Choice> choices = new ArrayList<>();
        int right = 0;
        for (int i = 0; i < count; i++) {
            String choice = at + "/" + i;
            block.onlyFields(choice, CHOICE_FIELDS);
            boolean isRight = false;
            if (block.has(choice + "/right")) {
                JsonNode value = block.required(choice + "/right");
                if (!value.isBoolean()) {
                    throw block.wrong(choice + "/right", "must be true or false, not " + value);
                }
                isRight = value.booleanValue();
            }
            right += isRight ? 1 : 0;
            choices.add(new Choice(MarkdownPage.fragment(block.text(choice + "/answer")), isRight,
                    MarkdownPage.fragment(block.text(choice + "/explanation"))));
        }
        if (right != 1) {
            throw block.wrong(at, "must have exactly one choice marked 'right: true', not " + right);
        }
        return choices;
    }

    private static String id(YamlBlock block, String at) {
        String id = block.text(at);
        if (!ID.matcher(id).matches()) {
            throw block.wrong(at, "is '" + id + "', not 1 to 64 lower-case letters, digits or hyphens, such as burst-instances");
        }
        return id;
    }

    private static String action(YamlBlock block, String at) {
        String action = block.text(at);
        if (!LabAction.isKnown(action)) {
            throw block.wrong(at, "is '" + action + "', which is not a lab action; the actions are " + LabAction.KNOWN);
        }
        return action;
    }

    private static double number(YamlBlock block, String at) {
        JsonNode value = block.required(at);
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw block.wrong(at, "must be a number, such as 0.5, not " + value);
        }
        return value.asDouble();
    }
}
