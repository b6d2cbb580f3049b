package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.runtime.Language;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How an exercise is accepted into the course: in every language it offers, its reference solution gets full
 * marks and its starter does not.
 */
@DisplayName("Every exercise")
class ExerciseAcceptanceTest {

    static Stream<Arguments> exercisesAndLanguages() {
        return SharedSandbox.exercises().all().stream()
                .flatMap(exercise -> exercise.languages().stream().map(language -> Arguments.of(exercise, language)));
    }

    @Test
    @DisplayName("of the first three lessons is there, in both languages")
    void firstThreeLessonsHaveExercises() {
        List<Exercise> all = SharedSandbox.exercises().all();
        assertEquals(List.of("what-serverless-is", "events-and-triggers", "cold-and-warm-starts"),
                all.stream().map(Exercise::lesson).filter(lesson -> !lesson.isEmpty()).toList(),
                "one exercise per lesson, in course order");
        all.forEach(exercise -> assertEquals(List.of(Language.NODEJS, Language.PYTHON), exercise.languages(),
                exercise.id() + " is offered in JavaScript and Python"));
    }

    @ParameterizedTest(name = "{0} in {1}: the solution gets full marks")
    @MethodSource("exercisesAndLanguages")
    void solutionGetsFullMarks(Exercise exercise, Language language) {
        Grade grade = SharedSandbox.grader().grade(exercise, language, exercise.solution(language));
        assertEquals(exercise.points(), grade.score(), () -> "the reference solution passes every check:\n" + failures(grade));
        assertEquals(SubmissionStatus.PASS, grade.status());
    }

    @ParameterizedTest(name = "{0} in {1}: the starter does not")
    @MethodSource("exercisesAndLanguages")
    void starterDoesNotGetFullMarks(Exercise exercise, Language language) {
        Grade grade = SharedSandbox.grader().grade(exercise, language, exercise.starter(language));
        assertTrue(grade.score() < exercise.points(), "the starter leaves the exercise to do: " + grade.score()
                + " of " + exercise.points());
        assertNotEquals(SubmissionStatus.SYNTAX_ERROR, grade.status(), () -> "the starter parses: " + grade.message());
        assertTrue(grade.results().stream().noneMatch(result -> result.status() == CheckStatus.ERROR
                        && result.verdict().actual().startsWith("the check could not run")),
                () -> "every check of the starter ran:\n" + failures(grade));
    }

    private static String failures(Grade grade) {
        return grade.results().stream().filter(result -> !result.verdict().passed())
                .map(result -> "  " + result.check().name() + ": " + result.status().label() + "; expected "
                        + result.verdict().expected() + "; got " + result.verdict().actual())
                .collect(Collectors.joining("\n"));
    }
}
