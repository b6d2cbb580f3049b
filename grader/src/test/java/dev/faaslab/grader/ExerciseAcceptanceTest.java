package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How an exercise is accepted into the course: in every language it offers, its reference solution gets full
 * marks, and neither its starter nor any of its known-wrong solutions ({@code wrong-<what it gets wrong>.mjs} and
 * {@code .py}, at least three a language) does. Everything is found in the exercises' folders, so a new exercise
 * or a new wrong solution is covered without a change here, and a way of gaming an exercise, once known and kept
 * as a wrong solution, cannot come back.
 */
@DisplayName("Every exercise")
@Execution(ExecutionMode.CONCURRENT) // each grade has a workspace, and so limits, of its own
class ExerciseAcceptanceTest {

    static Stream<Arguments> exercisesAndLanguages() {
        return SharedSandbox.exercises().all().stream()
                .flatMap(exercise -> exercise.languages().stream().map(language -> Arguments.of(exercise, language)));
    }

    static final int WRONG_SOLUTIONS_PER_LANGUAGE = 3;

    /**
     * The exercise's known-wrong solutions in {@code language}, by file name: {@code wrong-….mjs}, or, for an exercise
     * written in several files, the folders {@code wrong-…/} that hold a {@code nodejs/} folder.
     */
    static List<Path> wrongSolutionFiles(Exercise exercise, Language language) {
        try (Stream<Path> files = Files.list(exercise.directory())) {
            return files.filter(file -> file.getFileName().toString().startsWith("wrong-")
                            && (exercise.isPackage(language) ? Files.isDirectory(file.resolve(language.runtimeName()))
                            : file.getFileName().toString().endsWith(language.defaultExtension())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kept submission ({@code solution}, {@code starter}, {@code wrong-…}, with or without its extension), by file. */
    static java.util.Map<String, String> kept(Exercise exercise, Language language, String name) {
        String extension = language.defaultExtension();
        return exercise.submission(name.endsWith(extension) ? name.substring(0, name.length() - extension.length())
                : name, language);
    }

    static Stream<Arguments> wrongSolutions() {
        return exercisesAndLanguages().flatMap(arguments -> {
            Exercise exercise = (Exercise) arguments.get()[0];
            Language language = (Language) arguments.get()[1];
            return wrongSolutionFiles(exercise, language).stream()
                    .map(file -> Arguments.of(exercise, language, file.getFileName().toString()));
        });
    }

    @Test
    @DisplayName("of the lessons written so far is there, in both languages")
    void lessonsHaveExercises() {
        List<Exercise> all = SharedSandbox.exercises().all();
        // An exercise's order is its lesson's number, so the exercises list in the course's order.
        assertEquals(List.of("what-serverless-is", "http-functions", "asynchronous-events", "queues-and-database-changes",
                        "cold-and-warm-starts", "statelessness-and-state-elsewhere", "scaling-and-throttling"),
                all.stream().map(Exercise::lesson).filter(lesson -> !lesson.isEmpty()).toList(),
                "the exercises, in course order");
        all.forEach(exercise -> assertEquals(List.of(Language.NODEJS, Language.PYTHON), exercise.languages(),
                exercise.id() + " is offered in JavaScript and Python"));
    }

    @ParameterizedTest(name = "{0} in {1}: the solution gets full marks")
    @MethodSource("exercisesAndLanguages")
    void solutionGetsFullMarks(Exercise exercise, Language language) {
        Grade grade = SharedSandbox.grader().grade(exercise, language,
                kept(exercise, language, "solution"));
        assertEquals(exercise.points(), grade.score(), () -> "the reference solution passes every check:\n" + failures(grade));
        assertEquals(SubmissionStatus.PASS, grade.status());
        assertEquals(List.of(), grade.comments().stream().filter(comment -> !comment.type().equals("celebratory"))
                .map(CodeComment::text).toList(), "the reference solution is written as a reviewer would want it");
    }

    @ParameterizedTest(name = "{0} in {1}: the starter does not")
    @MethodSource("exercisesAndLanguages")
    void starterDoesNotGetFullMarks(Exercise exercise, Language language) {
        Grade grade = SharedSandbox.grader().grade(exercise, language,
                kept(exercise, language, "starter"));
        assertTrue(grade.score() < exercise.points(), "the starter leaves the exercise to do: " + grade.score()
                + " of " + exercise.points());
        assertNotEquals(SubmissionStatus.SYNTAX_ERROR, grade.status(), () -> "the starter parses: " + grade.message());
        assertTrue(grade.results().stream().noneMatch(result -> result.status() == CheckStatus.ERROR
                        && result.verdict().actual().startsWith("the check could not run")),
                () -> "every check of the starter ran:\n" + failures(grade));
    }

    @ParameterizedTest(name = "{0} in {1}: keeps at least three known-wrong solutions")
    @MethodSource("exercisesAndLanguages")
    void keepsWrongSolutions(Exercise exercise, Language language) {
        List<Path> wrong = wrongSolutionFiles(exercise, language);
        assertTrue(wrong.size() >= WRONG_SOLUTIONS_PER_LANGUAGE, () -> exercise.id() + " keeps "
                + wrong.size() + " wrong-*" + language.defaultExtension() + " files beside its solution, not "
                + WRONG_SOLUTIONS_PER_LANGUAGE + " or more: " + wrong);
    }

    @ParameterizedTest(name = "{0} in {1}: {2} does not")
    @MethodSource("wrongSolutions")
    void wrongSolutionDoesNotGetFullMarks(Exercise exercise, Language language, String file) {
        Grade grade = SharedSandbox.grader().grade(exercise, language,
                kept(exercise, language, file));
        assertTrue(grade.score() < exercise.points(), () -> file + " is known to be wrong, yet it scored "
                + grade.score() + " of " + exercise.points() + ": a check is missing for what it gets wrong");
        assertNotEquals(SubmissionStatus.SYNTAX_ERROR, grade.status(), () -> file + " parses: " + grade.message());
        assertTrue(grade.results().stream().noneMatch(result -> result.status() == CheckStatus.ERROR
                        && (result.verdict().actual().startsWith("the check could not run")
                        || result.verdict().actual().startsWith("the source could not be analysed"))),
                () -> "every check of " + file + " ran:\n" + failures(grade));
    }

    private static String failures(Grade grade) {
        return grade.results().stream().filter(result -> !result.verdict().passed())
                .map(result -> "  " + result.check().name() + ": " + result.status().label() + "; expected "
                        + result.verdict().expected() + "; got " + result.verdict().actual())
                .collect(Collectors.joining("\n"));
    }
}
