package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.course.MarkdownPage;
import dev.faaslab.exercise.ExerciseDetail;
import dev.faaslab.exercise.ExerciseGrader;
import dev.faaslab.exercise.GradedSubmission;
import dev.faaslab.platform.WorkspaceData;
import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    ExercisesApi(Supplier<Optional<ExerciseGrader>> grader, WorkspaceData data, Clock clock, WorkspaceResolver workspaces) {
        this.loader = grader;
        this.data = data;
        this.clock = clock;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/exercises", this::listHandler),
                new Route("GET", "/api/exercises/{id}", this::exerciseHandler),
                new Route("POST", "/api/exercises/{id}/submissions", this::submitHandler));
    }

    private void listHandler(Exchange exchange) {
        exchange.json(200, Map.of("exercises", grader().exercises()));
    }

    private void exerciseHandler(Exchange exchange) {
        ExerciseDetail detail = detail(exchange.param("id"));
        ObjectNode body = Exchange.JSON.valueToTree(detail);
        // The page shows the task as the lessons are shown: rendered here, raw HTML escaped.
        body.put("readmeHtml", MarkdownPage.of(detail.readme()).html());
        exchange.json(200, body);
    }

    private void submitHandler(Exchange exchange) throws Exception {
        ExerciseGrader grader = grader();
        String id = exchange.param("id");
        detail(id); // 404 before reading the body
        JsonNode body = exchange.jsonBody();
        String runtime = body.path("runtime").asText("");
        JsonNode code = body.path("code");
        if (!code.isTextual()) {
            throw ApiException.badRequest("the submission needs \"code\": the function's source as a string");
        }
        if (code.textValue().length() > MAX_CODE_CHARS) {
            throw new ApiException(413, "PayloadTooLarge", "the code is over " + MAX_CODE_CHARS + " characters");
        }
        GradedSubmission graded;
        try {
            graded = grader.grade(id, runtime, code.textValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        recordBest(workspaces.resolve(exchange.request), graded);
        exchange.json(200, graded);
    }

    /** Keeps the best score in the learner's progress, under {@code exercise.<id>}. */
    private void recordBest(WorkspaceId workspace, GradedSubmission graded) {
        String key = "exercise." + graded.exercise();
        // Two submissions at once could both read the old best; the progress store is per key, so lock on it.
        synchronized (this) {
            Optional<String> previous = data.progress(workspace, key);
            int best = graded.score();
            if (previous.isPresent()) {
                try {
                    best = Math.max(best, Exchange.JSON.readTree(previous.get()).path("bestScore").asInt(0));
                } catch (Exception e) {
                    // An unreadable old entry is replaced.
                }
            }
            ObjectNode entry = Exchange.JSON.createObjectNode();
            entry.put("bestScore", best);
            entry.put("maxScore", graded.maxScore());
            entry.put("lastScore", graded.score());
            Instant now = Instant.ofEpochMilli(clock.epochMillis());
            entry.put("submittedAt", now.toString());
            data.putProgress(workspace, key, entry.toString(), now);
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
}
