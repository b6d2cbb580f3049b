package dev.faaslab.course;

import java.util.List;

/**
 * A question asked before an experiment: the learner commits to a choice, then the lab runs the experiment and
 * the page shows what happened beside the choice, with its explanation. The right choice and the explanations
 * stay on the server until the learner has chosen.
 *
 * @param actions the lab actions that run the experiment, in order (as {@code #lab/} links name them)
 * @param revealHtml what to notice in the outcome, shown after the experiment; empty when the author wrote none
 */
public record Prediction(String id, String questionHtml, List<String> actions, List<Choice> choices,
                         String revealHtml) {

    public Prediction {
        actions = List.copyOf(actions);
        choices = List.copyOf(choices);
    }

    /** The index of the right choice; a prediction has exactly one. */
    public int rightChoice() {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).right()) {
                return i;
            }
        }
        throw new IllegalStateException("the prediction " + id + " has no right choice");
    }
}
