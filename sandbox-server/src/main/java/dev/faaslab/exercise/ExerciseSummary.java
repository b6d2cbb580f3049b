package dev.faaslab.exercise;

import java.util.List;

/**
 * An exercise in a list.
 *
 * @param id        its folder's name under {@code exercises/}
 * @param title     what the learner reads
 * @param lesson    the id of the lesson it belongs to
 * @param points    the most it can score
 * @param languages the runtimes it is offered in: {@code nodejs}, {@code python}
 */
public record ExerciseSummary(String id, String title, String lesson, int points, List<String> languages) {

    public ExerciseSummary {
        languages = List.copyOf(languages);
    }
}
