package dev.faaslab.course;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The questions at the end of a lesson: multiple choice, or a number within a tolerance. The server grades each
 * answer, so that the right answers are not in the page; a wrong answer may be tried again.
 *
 * @param pass how many questions must be answered right for the lesson to count as done
 */
public record ConceptCheck(int pass, List<Question> questions) {

    public ConceptCheck {
        questions = List.copyOf(questions);
    }

    /** One question of the check. */
    public sealed interface Question permits ChoiceQuestion, NumberQuestion {

        String id();

        String questionHtml();

        /**
         * Grades {@code answer}: a choice's index for a choice question, a number for a number question.
         *
         * @throws IllegalArgumentException when the answer is not of the question's kind, saying what it must be
         */
        Graded grade(JsonNode answer);
    }

    /** A question answered by picking one of its choices, exactly one of them right. */
    public record ChoiceQuestion(String id, String questionHtml, List<Choice> choices) implements Question {

        public ChoiceQuestion {
            choices = List.copyOf(choices);
        }

        @Override
        public Graded grade(JsonNode answer) {
            if (answer == null || !answer.isIntegralNumber() || answer.asInt() < 0 || answer.asInt() >= choices.size()) {
                throw new IllegalArgumentException("the answer to '" + id + "' is the index of a choice, 0 to "
                        + (choices.size() - 1) + ", not " + answer);
            }
            Choice chosen = choices.get(answer.asInt());
            return new Graded(chosen.right(), chosen.explanationHtml());
        }
    }

    /**
     * A question answered by a number; any answer within {@code tolerance} of {@code answer} is right.
     *
     * @param unit shown after the answer field, such as {@code GB-s}; empty for none
     * @param explanationHtml shown once the answer is right
     * @param hintHtml shown after a wrong answer, without giving the number away
     */
    public record NumberQuestion(String id, String questionHtml, double answer, double tolerance, String unit,
                                 String explanationHtml, String hintHtml) implements Question {

        @Override
        public Graded grade(JsonNode given) {
            if (given == null || !given.isNumber() || !Double.isFinite(given.asDouble())) {
                throw new IllegalArgumentException("the answer to '" + id + "' is a number, not " + given);
            }
            // A hair of slack, so that 0.1 + 0.2 is 0.3 when the tolerance is 0.
            boolean right = Math.abs(given.asDouble() - answer) <= tolerance + 1e-9 * Math.max(1, Math.abs(answer));
            return new Graded(right, right ? explanationHtml : hintHtml);
        }
    }

    /** Whether an answer was right, and what to tell the learner about it. */
    public record Graded(boolean right, String explanationHtml) {
    }
}
