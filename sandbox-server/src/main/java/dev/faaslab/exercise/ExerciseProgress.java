package dev.faaslab.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An exercise's entry in a learner's progress ({@code exercise.<id>}): the best score and the latest over every
 * language, as pages have always read it, and the same per language ({@code languages.nodejs} …), since an
 * exercise passed in JavaScript is not yet done in Python.
 *
 * @param languages per runtime ({@code nodejs}, {@code python}), sorted; empty in an entry written before
 *                  scores were kept per language
 */
public record ExerciseProgress(int bestScore, int maxScore, int lastScore, String submittedAt,
                               Map<String, Score> languages) {

    public ExerciseProgress {
        languages = new TreeMap<>(languages);
    }

    /** One language's best score and latest. */
    public record Score(int bestScore, int maxScore, int lastScore, String submittedAt) {
    }

    /** The progress key of an exercise's entry. */
    public static String key(String exerciseId) {
        return "exercise." + exerciseId;
    }

    /**
     * The entry once {@code graded} is counted in.
     *
     * @param previous the entry kept so far: missing, the old per-exercise form (its best stays the best over
     *                 every language, though nobody knows any more in which), or this form
     */
    public static ExerciseProgress after(JsonNode previous, GradedSubmission graded, Instant now) {
        String at = now.toString();
        Map<String, Score> languages = new TreeMap<>();
        previous.path("languages").properties().forEach(entry -> {
            JsonNode score = entry.getValue();
            if (score.isObject()) {
                languages.put(entry.getKey(), new Score(score.path("bestScore").asInt(0), score.path("maxScore").asInt(0),
                        score.path("lastScore").asInt(0), score.path("submittedAt").asText("")));
            }
        });
        Score before = languages.get(graded.runtime());
        int languageBest = Math.max(graded.score(), before == null ? 0 : before.bestScore());
        languages.put(graded.runtime(), new Score(languageBest, graded.maxScore(), graded.score(), at));
        int best = Math.max(graded.score(), previous.path("bestScore").asInt(0));
        return new ExerciseProgress(best, graded.maxScore(), graded.score(), at, languages);
    }
}
