package dev.faaslab.exercise;

import dev.faaslab.core.WorkspaceId;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What the server needs from a grader: the exercises, and a grade for one submission. The server only
 * declares it; the {@code grader} module provides it through {@link Provider} and {@code META-INF/services},
 * so the server builds and runs without the grader on its class path (its exercise routes then answer 501).
 */
public interface ExerciseGrader {

    /** Every exercise, in course order. */
    List<ExerciseSummary> exercises();

    /** One exercise as a learner sees it, or empty when there is none with this id. */
    Optional<ExerciseDetail> exercise(String id);

    /**
     * The exercise's hints, in the order a learner should read them (the visible checks' hints, each once), or
     * empty when there is no such exercise.
     */
    List<String> hints(String exerciseId);

    /** The reference solution in {@code runtime}, or empty when there is no such exercise or runtime. */
    Optional<String> solution(String exerciseId, String runtime);

    /**
     * Grades {@code code} against the exercise's checks on the server's own platform (in a workspace of its
     * own, so the learner's functions are untouched), where {@code submitter}'s code runs (see the platform's
     * quarantine).
     *
     * @param submitter the learner's workspace
     * @param runtime   {@code nodejs} or {@code python}
     * @throws java.util.NoSuchElementException when there is no such exercise
     * @throws IllegalArgumentException        when the exercise is not offered in {@code runtime}
     */
    GradedSubmission grade(WorkspaceId submitter, String exerciseId, String runtime, String code);

    /**
     * As {@link #grade(WorkspaceId, String, String, String)}, for an exercise written in several files: {@code files} by name,
     * each the exercise lists ({@link ExerciseDetail#starterFiles}).
     */
    GradedSubmission grade(WorkspaceId submitter, String exerciseId, String runtime, java.util.Map<String, String> files);

    /**
     * Makes in the learner's workspace what the exercise's checks find there (its tables, its buckets and their
     * objects) where missing, changing nothing the learner has, so that their own run before submitting finds
     * it too.
     *
     * @return what it made, in words ("the table orders"); empty when everything was there
     * @throws java.util.NoSuchElementException when there is no such exercise
     */
    List<String> provideFixtures(WorkspaceId workspace, String exerciseId);

    /** Made by {@link ServiceLoader}: the grader module names its implementation in {@code META-INF/services}. */
    interface Provider {
        ExerciseGrader open(GradingServices services);
    }

    /** The grader on the class path, opened on the server's {@code services}, or empty when there is none. */
    static Optional<ExerciseGrader> load(GradingServices services) {
        return ServiceLoader.load(Provider.class).findFirst().map(provider -> provider.open(services));
    }
}
