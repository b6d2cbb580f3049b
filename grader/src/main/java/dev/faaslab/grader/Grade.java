package dev.faaslab.grader;

import dev.faaslab.runtime.Language;
import java.util.List;

/**
 * The grade of one submission: every check's result, in the exercise's order.
 *
 * @param exercise the exercise
 * @param language the submission's language
 * @param status   how it ended as a whole
 * @param message  one line about the whole submission (where a syntax error is); empty when all ran
 * @param results  every check, hidden ones included (reports decide what a learner sees)
 * @param comments remarks on how the code is written, which score nothing (Exercism's analyzer comments)
 */
public record Grade(Exercise exercise, Language language, SubmissionStatus status, String message,
                    List<CheckResult> results, List<CodeComment> comments) {

    public Grade {
        results = List.copyOf(results);
        comments = List.copyOf(comments);
    }

    static Grade of(Exercise exercise, Language language, String message, List<CheckResult> results,
                    List<CodeComment> comments) {
        return new Grade(exercise, language, SubmissionStatus.of(results.stream().map(CheckResult::status).toList()),
                message, results, comments);
    }

    /** A submission that could not be graded at all: every check scores 0 with {@code message}. */
    public static Grade error(Exercise exercise, Language language, String message) {
        List<CheckResult> results = exercise.checks().stream()
                .map(check -> new CheckResult(check, new Verdict(CheckStatus.ERROR, check.expectation(), message, ""), 0))
                .toList();
        return new Grade(exercise, language, SubmissionStatus.ERROR, message, results, List.of());
    }

    public int score() {
        return results.stream().mapToInt(CheckResult::points).sum();
    }

    public int maxScore() {
        return exercise.points();
    }

    /**
     * What a learner is shown: every visible check, and the hidden ones that failed (whose expected and actual
     * values a report leaves out, giving only the name and the hint).
     */
    public List<CheckResult> shown() {
        return results.stream().filter(result -> !result.check().hidden() || !result.verdict().passed()).toList();
    }

    public boolean passed() {
        return status == SubmissionStatus.PASS;
    }
}
