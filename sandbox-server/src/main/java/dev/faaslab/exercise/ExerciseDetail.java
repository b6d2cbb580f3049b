package dev.faaslab.exercise;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;
import java.util.Map;

/**
 * An exercise as a learner opens it. Hidden checks are not listed: a learner meets them only by failing one.
 *
 * @param summary  id, title, lesson, points, languages
 * @param readme   the task, as Markdown
 * @param starters the starting code per runtime
 * @param handlers the handler setting per runtime ({@code index.handler} …)
 * @param checks   the visible checks, in order
 * @param sampleEvent the event a learner's own run starts from (the first visible check's), as JSON; null for none
 * @param starterFiles for a runtime the exercise is written in several files in, the starting code of each file
 *                    by name (its {@code starters} entry is then the handler's file alone); empty for one file
 */
public record ExerciseDetail(ExerciseSummary summary, String readme, Map<String, String> starters,
                             Map<String, String> handlers, List<VisibleCheck> checks,
                             @JsonRawValue String sampleEvent, Map<String, Map<String, String>> starterFiles) {

    public ExerciseDetail {
        starters = Map.copyOf(starters);
        starterFiles = Map.copyOf(starterFiles);
        handlers = Map.copyOf(handlers);
        checks = List.copyOf(checks);
    }

    /** A check a learner may read before submitting. */
    public record VisibleCheck(String name, String kind, int points) {
    }
}
