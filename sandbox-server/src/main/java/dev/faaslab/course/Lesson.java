package dev.faaslab.course;

import java.util.List;
import java.util.Map;

/**
 * One lesson: what the course map shows (title, summary, concepts), what the lab needs (the function's
 * name, the exercise, the event kinds offered first, the starters) and the page itself, rendered.
 *
 * @param exercise the grader's exercise, or null when the lesson has none
 * @param sections the page's second-level headings, in order, with the ids their anchors have
 * @param starters by runtime name ({@code nodejs}, {@code python})
 */
public record Lesson(String id, String title, int order, String summary, List<String> concepts, String function,
                     String exercise, List<String> events, String html, List<Section> sections,
                     Map<String, Starter> starters) {

    public Lesson {
        concepts = List.copyOf(concepts);
        events = List.copyOf(events);
        sections = List.copyOf(sections);
        starters = Map.copyOf(starters);
    }

    /** A second-level heading: {@code lesson.html?id=…#id} links to it. */
    public record Section(String id, String title) {
    }

    /** The code the lab starts from in one runtime, and the handler Lambda would be configured with. */
    public record Starter(String handler, String fileName, String code) {
    }
}
