package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.course.MarkdownPage;
import dev.faaslab.exercise.ExerciseDetail;
import dev.faaslab.exercise.ExerciseGrader;
import dev.faaslab.exercise.ExerciseProgress;
import dev.faaslab.exercise.ExerciseSummary;
import dev.faaslab.exercise.GradedSubmission;
import dev.faaslab.platform.WorkspaceData;
import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@code /api/exercises}: the exercises, and grading a submission. The grader is a separate module found at
 * start-up; without it these routes say so with a 501, and the rest of the server works as before.
 */
final class ExercisesApi {

    /** Large enough for any exercise's code, small enough that a submission cannot hold the server's memory. */
    static final int MAX_CODE_CHARS = 256 * 1024;

    // Found on the first request for an exercise, not while the server starts: ./faaslab start must answer
    // within 3 s, and loading the grader's classes on a cold JVM takes a part of that.
    private final Supplier<Optional<ExerciseGrader>> loader;
    private Optional<ExerciseGrader> grader;
    private final WorkspaceData data;
    private final Clock clock;
    private final WorkspaceResolver workspaces;
    private final BiConsumer<WorkspaceId, dev.faaslab.classroom.Submission> history;

    /** @param history where each graded submission is kept (a class's grading history and gradebook) */
    ExercisesApi(Supplier<Optional<ExerciseGrader>> grader, WorkspaceData data, Clock clock, WorkspaceResolver workspaces,
                 BiConsumer<WorkspaceId, dev.faaslab.classroom.Submission> history) {
        this.loader = grader;
        this.data = data;
        this.clock = clock;
        this.workspaces = workspaces;
        this.history = history;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/exercises", this::listHandler),
                new Route("GET", "/api/exercises/{id}", this::exerciseHandler),
                new Route("POST", "/api/exercises/{id}/submissions", this::submitHandler),
                new Route("GET", "/api/exercises/{id}/hints", this::hintsHandler),
                new Route("POST", "/api/exercises/{id}/hints", this::nextHintHandler),
                new Route("GET", "/api/exercises/{id}/solution", this::solutionHandler),
                new Route("POST", "/api/exercises/{id}/fixtures", this::fixturesHandler));
    }

    private void listHandler(Exchange exchange) {
        exchange.json(200, new ExerciseList(grader().exercises()));
    }

    private void exerciseHandler(Exchange exchange) {
        exchange.json(200, ExercisePage.of(detail(exchange.param("id"))));
    }

    private void submitHandler(Exchange exchange) throws Exception {
        ExerciseGrader grader = grader();
        String id = exchange.param("id");
        detail(id); // 404 before reading the body
        Submission submission = Submission.from(exchange.jsonBody());
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        GradedSubmission graded;
        try {
            graded = submission.files() != null ? grader.grade(workspace, id, submission.runtime(), submission.files())
                    : grader.grade(workspace, id, submission.runtime(), submission.code());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        recordBest(workspace, graded);
        history.accept(workspace, new dev.faaslab.classroom.Submission(0, id, graded.runtime(), graded.score(),
                graded.maxScore(), graded.status(), submission.text(), Instant.ofEpochMilli(clock.epochMillis())));
        exchange.json(200, graded);
    }

    /**
     * Makes what the exercise's checks find (its tables and buckets) in the learner's workspace where missing, so
     * that a run of their own before submitting finds it too; changes nothing the learner has.
     */
    private void fixturesHandler(Exchange exchange) {
        String id = exchange.param("id");
        detail(id);
        exchange.json(200, new ProvidedFixtures(id, grader().provideFixtures(workspaces.resolve(exchange.request), id)));
    }

    /** What a request for an exercise's fixtures made, in words ("the table orders"); empty when all was there. */
    record ProvidedFixtures(String exercise, List<String> made) {
    }

    private void hintsHandler(Exchange exchange) throws Exception {
        String id = exchange.param("id");
        detail(id);
        List<String> hints = grader().hints(id);
        exchange.json(200, Hints.of(hints, revealedHints(workspaces.resolve(exchange.request), id)));
    }

    /** Reveals one more hint and records how many the learner has seen, under {@code exercise-hints.<id>}. */
    private void nextHintHandler(Exchange exchange) throws Exception {
        String id = exchange.param("id");
        detail(id);
        List<String> hints = grader().hints(id);
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        int revealed;
        // Two requests at once would both read the same count; the progress store is per key, so lock on it.
        synchronized (this) {
            revealed = Math.min(hints.size(), revealedHints(workspace, id) + 1);
            Instant now = Instant.ofEpochMilli(clock.epochMillis());
            data.putProgress(workspace, "exercise-hints." + id,
                    Exchange.JSON.writeValueAsString(new HintProgress(revealed, now.toString())), now);
        }
        exchange.json(200, Hints.of(hints, revealed));
    }

    private int revealedHints(WorkspaceId workspace, String id) {
        return data.progress(workspace, "exercise-hints." + id).map(ExercisesApi::readTree)
                .map(entry -> entry.path("revealed").asInt(0)).orElse(0);
    }

    /** The reference solution, once the learner has passed the exercise (in any language): not before. */
    private void solutionHandler(Exchange exchange) {
        String id = exchange.param("id");
        ExerciseDetail exercise = detail(id);
        String runtime = exchange.query("runtime");
        if (runtime == null || !exercise.starters().containsKey(runtime)) {
            throw ApiException.badRequest("name the solution's language: ?runtime= one of "
                    + String.join(", ", exercise.starters().keySet().stream().sorted().toList()));
        }
        boolean passed = data.progress(workspaces.resolve(exchange.request), "exercise." + id)
                .map(ExercisesApi::readTree).map(ExercisesApi::passed).orElse(false);
        if (!passed) {
            throw new ApiException(403, "SolutionLocked", "the reference solution of '" + id + "' shows once you have"
                    + " passed it: submit a solution that passes every check first");
        }
        String code = grader().solution(id, runtime).orElseThrow(() -> new ApiException(404, "NotFound",
                "the exercise '" + id + "' has no reference solution in " + runtime));
        exchange.json(200, new Solution(id, runtime, code));
    }

    /**
     * Whether a progress entry of an exercise records a pass: a best score equal to the maximum, in the entry or in
     * one of its objects (the best per language).
     */
    static boolean passed(JsonNode entry) {
        if (entry == null || !entry.isObject()) {
            return false;
        }
        int max = entry.path("maxScore").asInt(0);
        if (max > 0 && entry.path("bestScore").asInt(0) >= max) {
            return true;
        }
        for (JsonNode value : entry) {
            if (value.isObject() && passed(value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode readTree(String document) {
        try {
            return Exchange.JSON.readTree(document);
        } catch (Exception e) {
            return null; // an unreadable entry records nothing
        }
    }

    /** Keeps the best score, over every language and per language, in the learner's progress. */
    private void recordBest(WorkspaceId workspace, GradedSubmission graded) throws JsonProcessingException {
        String key = ExerciseProgress.key(graded.exercise());
        // Two submissions at once could both read the old best; the progress store is per key, so lock on it.
        synchronized (this) {
            JsonNode previous = Exchange.JSON.missingNode();
            Optional<String> kept = data.progress(workspace, key);
            if (kept.isPresent()) {
                try {
                    previous = Exchange.JSON.readTree(kept.get());
                } catch (JsonProcessingException e) {
                    // An unreadable old entry is replaced.
                }
            }
            Instant now = Instant.ofEpochMilli(clock.epochMillis());
            ExerciseProgress entry = ExerciseProgress.after(previous, graded, now);
            data.putProgress(workspace, key, Exchange.JSON.writeValueAsString(entry), now);
        }
    }

    private ExerciseDetail detail(String id) {
        return grader().exercise(id).orElseThrow(() -> new ApiException(404, "NotFound",
                "there is no exercise '" + id + "': GET /api/exercises lists them"));
    }

    private ExerciseGrader grader() {
        Optional<ExerciseGrader> found;
        synchronized (this) {
            if (grader == null) {
                grader = loader.get();
            }
            found = grader;
        }
        return found.orElseThrow(() -> new ApiException(501, "NotImplemented",
                "this server was started without the grader on its class path; start it with ./faaslab start, "
                        + "which includes it, or add the grader module's jars to the class path"));
    }

    /** The exercises, in course order. */
    record ExerciseList(List<ExerciseSummary> exercises) {
    }

    /** An exercise as its page shows it: the exercise, and its task rendered. */
    record ExercisePage(@JsonUnwrapped ExerciseDetail detail, String readmeHtml) {

        static ExercisePage of(ExerciseDetail detail) {
            // Rendered here as the lessons are, raw HTML escaped.
            return new ExercisePage(detail, MarkdownPage.of(detail.readme()).html());
        }
    }

    /**
     * A learner's submission: the runtime to grade it in, and the function's source ({@code code}), or, for an
     * exercise written in several files, each file's by name ({@code files}); the other is null.
     */
    record Submission(String runtime, String code, Map<String, String> files) {

        /** What the history keeps: the code, or the files as a JSON object. */
        String text() {
            return code != null ? code : dev.faaslab.core.Json.MAPPER.valueToTree(new java.util.TreeMap<>(files)).toString();
        }

        /**
         * The body's submission. A missing runtime is read as {@code ""}, which the grader refuses naming the
         * runtimes it offers; the code must be a string of at most {@link #MAX_CODE_CHARS} characters, and so must
         * the files together ({@code "files": {"core.mjs": "…", "lambda.mjs": "…"}}).
         */
        static Submission from(JsonNode body) {
            if (body.has("files")) {
                JsonNode files = body.path("files");
                if (!files.isObject() || files.isEmpty() || !files.valueStream().allMatch(JsonNode::isTextual)) {
                    throw ApiException.badRequest("the submission's \"files\" maps each file's name to its source, as"
                            + " {\"core.mjs\": \"…\", \"lambda.mjs\": \"…\"}");
                }
                Map<String, String> read = new java.util.LinkedHashMap<>();
                files.properties().forEach(file -> read.put(file.getKey(), file.getValue().textValue()));
                if (read.values().stream().mapToLong(String::length).sum() > MAX_CODE_CHARS) {
                    throw new ApiException(413, "PayloadTooLarge", "the files are over " + MAX_CODE_CHARS
                            + " characters together");
                }
                return new Submission(body.path("runtime").asText(""), null, read);
            }
            JsonNode code = body.path("code");
            if (!code.isTextual()) {
                throw ApiException.badRequest("the submission needs \"code\": the function's source as a string");
            }
            if (code.textValue().length() > MAX_CODE_CHARS) {
                throw new ApiException(413, "PayloadTooLarge", "the code is over " + MAX_CODE_CHARS + " characters");
            }
            return new Submission(body.path("runtime").asText(""), code.textValue(), null);
        }
    }

    /** The hints a learner has revealed, in order, and how many there are. */
    record Hints(List<String> revealed, int total) {

        static Hints of(List<String> hints, int revealed) {
            return new Hints(hints.subList(0, Math.min(revealed, hints.size())), hints.size());
        }
    }

    /** How many of an exercise's hints the learner has revealed ({@code exercise-hints.<id>}), and when the last. */
    record HintProgress(int revealed, String revealedAt) {
    }

    /** An exercise's reference solution in one language. */
    record Solution(String exercise, String runtime, String code) {
    }

}
