package dev.faaslab.course;

import java.util.List;
import java.util.Map;

/**
 * One lesson: what the course map shows (title, summary, concepts, how long it takes, its level, what comes
 * before it and what it teaches), what the lab needs (the function's name, the exercise, the event kinds
 * offered first, the starters), the page itself, rendered, and its predictions and concept check.
 *
 * @param exercise the grader's exercise, or null when the lesson has none
 * @param minutes about how long the lesson takes
 * @param level {@code beginner}, {@code intermediate} or {@code advanced}
 * @param prerequisites the ids of the lessons to take first, each earlier in the course
 * @param objectives what a learner can do after the lesson
 * @param sections the page's second-level headings, in order, with the ids their anchors have
 * @param starters by runtime name ({@code nodejs}, {@code python})
 * @param predictions asked before the lesson's experiments, in the order of the text
 * @param check the questions at the end, or null when the lesson has none
 * @param terms the glossary terms the text links to
 */
public record Lesson(String id, String title, int order, String summary, List<String> concepts, String function,
                     String exercise, List<String> events, int minutes, String level, List<String> prerequisites,
                     List<String> objectives, String html, List<Section> sections, Map<String, Starter> starters,
                     List<Prediction> predictions, ConceptCheck check, List<String> terms) {

    public Lesson {
        concepts = List.copyOf(concepts);
        events = List.copyOf(events);
        prerequisites = List.copyOf(prerequisites);
        objectives = List.copyOf(objectives);
        sections = List.copyOf(sections);
        starters = Map.copyOf(starters);
        predictions = List.copyOf(predictions);
        terms = List.copyOf(terms);
    }

    /** The prediction with this id. */
    public java.util.Optional<Prediction> prediction(String predictionId) {
        return predictions.stream().filter(prediction -> prediction.id().equals(predictionId)).findFirst();
    }

    /** A second-level heading: {@code lesson.html?id=…#id} links to it. */
    public record Section(String id, String title) {
    }

    /** The code the lab starts from in one runtime, and the handler Lambda would be configured with. */
    public record Starter(String handler, String fileName, String code) {
    }
}
