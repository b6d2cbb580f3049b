package dev.faaslab.grader.batch;

import dev.faaslab.grader.Exercise;
import dev.faaslab.grader.Grade;
import dev.faaslab.grader.Grader;
import dev.faaslab.grader.SubmissionStatus;
import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grades a folder of submissions in parallel, at most {@code parallelism} at a time (the machine's cores). Each
 * submission is graded in its own workspace; whatever one does (loop, allocate, throw, fail to parse) ends in
 * its own row, with its own status, and never in another's.
 */
public final class BatchGrader {

    /** One learner's grade. */
    public record Row(String learner, Grade grade) {
    }

    /** Told of each submission as it is graded, from the grading threads. */
    @FunctionalInterface
    public interface Progress {
        void graded(Row row, int done, int total);
    }

    private final Grader grader;
    private final int parallelism;

    public BatchGrader(Grader grader, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.grader = grader;
        this.parallelism = parallelism;
    }

    /** Grades every submission; the rows come back in the submissions' order, whatever order they finished in. */
    public List<Row> grade(Exercise exercise, List<Submission> submissions, Progress progress) {
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform()
                .name("faaslab-batch-", 0).daemon(true).factory())) {
            List<Future<Row>> futures = new ArrayList<>();
            for (Submission submission : submissions) {
                futures.add(pool.submit(() -> {
                    Row row = new Row(submission.learner(), gradeOne(exercise, submission));
                    progress.graded(row, done.incrementAndGet(), submissions.size());
                    return row;
                }));
            }
            List<Row> rows = new ArrayList<>(submissions.size());
            for (Future<Row> future : futures) {
                rows.add(future.get());
            }
            // A submission that ran out of time or memory is graded again, alone: a neighbour's allocation bomb can
            // starve honest code while they run side by side, and no learner's grade may depend on a neighbour.
            for (int i = 0; i < rows.size(); i++) {
                Grade first = rows.get(i).grade();
                if (first.status() == SubmissionStatus.TIMEOUT || first.status() == SubmissionStatus.MEMORY_LIMIT) {
                    rows.set(i, new Row(rows.get(i).learner(), gradeOne(exercise, submissions.get(i))));
                }
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("grading failed", e.getCause());
        }
    }

    private Grade gradeOne(Exercise exercise, Submission submission) {
        Language fallback = exercise.languages().getFirst();
        if (submission.problem() != null) {
            return Grade.error(exercise, fallback, submission.problem());
        }
        Language language = submission.language();
        String code;
        try {
            code = Files.readString(submission.file());
        } catch (IOException | RuntimeException e) {
            return Grade.error(exercise, language, "cannot read " + submission.file() + ": " + e.getMessage());
        }
        try {
            if (exercise.languages().contains(language) && exercise.isPackage(language)) {
                return grader.grade(exercise, language, besides(exercise, language, submission.file()));
            }
            return grader.grade(exercise, language, code);
        } catch (RuntimeException e) {
            // A submission in a language the exercise does not offer, or the grader failing on it: its row says so.
            return Grade.error(exercise, language, e.getMessage());
        }
    }

    /** An exercise written in several files: those of them the learner's folder holds, beside the handler's. */
    private static Map<String, String> besides(Exercise exercise, Language language, Path handlerFile) {
        Map<String, String> files = new HashMap<>();
        for (String name : exercise.files(language)) {
            Path file = handlerFile.resolveSibling(name);
            try {
                if (Files.isRegularFile(file)) {
                    files.put(name, Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return files;
    }
}
