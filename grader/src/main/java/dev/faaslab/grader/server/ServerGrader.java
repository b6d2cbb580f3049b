package dev.faaslab.grader.server;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.exercise.ExerciseDetail;
import dev.faaslab.exercise.ExerciseGrader;
import dev.faaslab.exercise.ExerciseSummary;
import dev.faaslab.exercise.GradedSubmission;
import dev.faaslab.exercise.GradingServices;
import dev.faaslab.grader.Check;
import dev.faaslab.grader.CheckResult;
import dev.faaslab.grader.EventSpec;
import dev.faaslab.grader.Exercise;
import dev.faaslab.grader.Exercises;
import dev.faaslab.grader.Grade;
import dev.faaslab.grader.Grader;
import dev.faaslab.runtime.Language;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The grader as the server reaches it (through {@link ExerciseGrader}): exercises read from the exercises folder
 * on each request (an author sees an edit at once), submissions graded on the server's own platform.
 */
public final class ServerGrader implements ExerciseGrader {

    private final Exercises exercises;
    private final GradingServices services;
    private final Grader grader;

    public ServerGrader(Exercises exercises, GradingServices services) {
        this.exercises = exercises;
        this.services = services;
        this.grader = new Grader(services);
    }

    /** Named in {@code META-INF/services/dev.faaslab.exercise.ExerciseGrader$Provider}. */
    public static final class Provider implements ExerciseGrader.Provider {
        @Override
        public ExerciseGrader open(GradingServices services) {
            return new ServerGrader(Exercises.located(), services);
        }
    }

    @Override
    public List<ExerciseSummary> exercises() {
        return exercises.all().stream().map(ServerGrader::summary).toList();
    }

    @Override
    public Optional<ExerciseDetail> exercise(String id) {
        return exercises.find(id).map(exercise -> {
            Map<String, String> starters = new LinkedHashMap<>();
            Map<String, String> handlers = new LinkedHashMap<>();
            Map<String, Map<String, String>> starterFiles = new LinkedHashMap<>();
            for (Language language : exercise.languages()) {
                starters.put(language.runtimeName(), exercise.starter(language));
                handlers.put(language.runtimeName(), exercise.handlers().get(language));
                if (exercise.isPackage(language)) {
                    starterFiles.put(language.runtimeName(), exercise.starterFiles(language));
                }
            }
            List<ExerciseDetail.VisibleCheck> checks = exercise.checks().stream().filter(check -> !check.hidden())
                    .map(check -> new ExerciseDetail.VisibleCheck(check.name(), check.kind(), check.points())).toList();
            EventSpec sample = exercise.sampleEvent();
            return new ExerciseDetail(summary(exercise), exercise.readme(), starters, handlers, checks,
                    sample == null ? null : sample.json(), starterFiles);
        });
    }

    @Override
    public List<String> hints(String exerciseId) {
        return exercises.find(exerciseId).map(exercise -> exercise.checks().stream().filter(check -> !check.hidden())
                .map(Check::hint).filter(hint -> !hint.isBlank()).distinct().toList()).orElse(List.of());
    }

    @Override
    public Optional<String> solution(String exerciseId, String runtime) {
        return exercises.find(exerciseId).flatMap(exercise -> exercise.languages().stream()
                .filter(language -> language.runtimeName().equals(runtime)).findFirst().map(exercise::solution));
    }

    @Override
    public List<String> provideFixtures(WorkspaceId workspace, String exerciseId) {
        return exercises.find(exerciseId)
                .orElseThrow(() -> new NoSuchElementException("there is no exercise '" + exerciseId + "'"))
                .fixtures().provide(services, workspace);
    }

    @Override
    public GradedSubmission grade(WorkspaceId submitter, String exerciseId, String runtime, String code) {
        Exercise exercise = find(exerciseId);
        return graded(exercise, grader.grade(exercise, Language.fromName(runtime), code, submitter));
    }

    @Override
    public GradedSubmission grade(WorkspaceId submitter, String exerciseId, String runtime, Map<String, String> files) {
        Exercise exercise = find(exerciseId);
        return graded(exercise, grader.grade(exercise, Language.fromName(runtime), files, submitter));
    }

    private Exercise find(String exerciseId) {
        return exercises.find(exerciseId)
                .orElseThrow(() -> new NoSuchElementException("there is no exercise '" + exerciseId + "'"));
    }

    private static GradedSubmission graded(Exercise exercise, Grade grade) {
        List<GradedSubmission.CheckFeedback> checks = grade.shown().stream().map(result -> feedback(grade, result))
                .toList();
        List<GradedSubmission.Comment> comments = grade.comments().stream().map(comment ->
                new GradedSubmission.Comment(comment.comment(), comment.type(), comment.line(), comment.text())).toList();
        return new GradedSubmission(exercise.id(), grade.language().runtimeName(), grade.status().label(),
                grade.message(), grade.score(), grade.maxScore(), checks, comments);
    }

    private static GradedSubmission.CheckFeedback feedback(Grade grade, CheckResult result) {
        boolean hidden = result.check().hidden();
        boolean passed = result.verdict().passed();
        return new GradedSubmission.CheckFeedback(result.check().name(), result.check().kind(),
                result.status().label(), result.points(), result.check().points(),
                hidden ? null : result.verdict().expected(), hidden ? null : result.verdict().actual(),
                passed ? null : result.check().hint(), result.check().lessonUrl(grade.exercise().lesson()), hidden);
    }

    private static ExerciseSummary summary(Exercise exercise) {
        return new ExerciseSummary(exercise.id(), exercise.title(), exercise.lesson(), exercise.points(),
                exercise.languages().stream().map(Language::runtimeName).toList());
    }
}
