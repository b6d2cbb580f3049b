package dev.faaslab.exercise;

import java.util.List;

/**
 * The grade of one submission.
 *
 * @param exercise the exercise's id
 * @param runtime  {@code nodejs} or {@code python}
 * @param status   {@code pass}, {@code fail}, {@code syntax-error}, {@code timeout}, {@code memory-limit} or {@code error}
 * @param message  one line about the whole submission (what went wrong when it did not load), may be empty
 * @param score    points earned
 * @param maxScore points possible
 * @param checks   every visible check, and the hidden ones that failed (by name and hint only)
 * @param comments remarks on how the code is written, which score nothing, the most pressing first
 */
public record GradedSubmission(String exercise, String runtime, String status, String message, int score,
                               int maxScore, List<CheckFeedback> checks, List<Comment> comments) {

    public GradedSubmission {
        checks = List.copyOf(checks);
        comments = List.copyOf(comments);
    }

    /**
     * A remark on how the code is written, as Exercism's analyzers make them.
     *
     * @param comment what it is about ({@code faaslab.state.module_state})
     * @param type    {@code essential}, {@code actionable}, {@code informative} or {@code celebratory}
     * @param line    the line of the source it is about, or 0
     * @param text    the remark
     */
    public record Comment(String comment, String type, int line, String text) {
    }

    /**
     * One check's verdict, written for the learner.
     *
     * @param name      what it checks
     * @param kind      {@code functional}, {@code behavioural} or {@code structural}
     * @param status    {@code pass}, {@code fail}, {@code error}, {@code timeout}, {@code memory-limit} or {@code syntax-error}
     * @param points    points earned
     * @param maxPoints points possible
     * @param expected  what was expected (null for a hidden check)
     * @param actual    what happened (null for a hidden check)
     * @param hint      the concept to revisit, when it failed
     * @param lessonUrl the lesson section that explains it ({@code /lesson.html?id=…#section})
     * @param hidden    whether it is a hidden check
     */
    public record CheckFeedback(String name, String kind, String status, int points, int maxPoints,
                                String expected, String actual, String hint, String lessonUrl, boolean hidden) {
    }
}
