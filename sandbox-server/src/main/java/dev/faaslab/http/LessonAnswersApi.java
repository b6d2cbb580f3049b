package dev.faaslab.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.course.ConceptCheck;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonLibrary;
import dev.faaslab.course.Prediction;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.WorkspaceData;
import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The learner's answers to a lesson's predictions and concept check, graded here so that no answer is in the
 * page before the learner has given one, and kept in the learner's progress: {@code predictions.<lesson>} (the
 * choice made before each experiment; the first one stands) and {@code check.<lesson>} (the latest answer to each
 * question, the score and whether the check was passed).
 */
final class LessonAnswersApi {

    private final LessonLibrary library;
    private final WorkspaceData data;
    private final Clock clock;
    private final WorkspaceResolver workspaces;

    LessonAnswersApi(LessonLibrary library, WorkspaceData data, Clock clock, WorkspaceResolver workspaces) {
        this.library = library;
        this.data = data;
        this.clock = clock;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/lessons/{id}/predictions/{prediction}", this::predictionHandler),
                new Route("POST", "/api/lessons/{id}/check/{question}", this::checkHandler));
    }

    private void predictionHandler(Exchange exchange) throws Exception {
        Lesson lesson = lesson(exchange.param("id"));
        String id = exchange.param("prediction");
        Prediction prediction = lesson.prediction(id).orElseThrow(() -> new NotFoundException("the lesson '"
                + lesson.id() + "' has no prediction '" + id + "': GET /api/lessons/" + lesson.id() + " lists them"));
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, Set.of("choice"), "{\"choice\": 1}");
        int choice = JsonFields.integer(body, "choice");
        if (choice < 0 || choice >= prediction.choices().size()) {
            throw ApiException.badField("choice", "'choice' is the index of one of the prediction's "
                    + prediction.choices().size() + " choices, 0 to " + (prediction.choices().size() - 1) + ", not " + choice);
        }
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        String key = "predictions." + lesson.id();
        Map<String, PredictionRecord> answers;
        // Two answers at once could both read the old document; the store is per key, so lock around the change.
        synchronized (this) {
            answers = read(workspace, key, new TypeReference<Map<String, PredictionRecord>>() { }, new LinkedHashMap<>());
            // The first choice stands: a prediction changed after the experiment would predict nothing.
            if (!answers.containsKey(id) || !valid(answers.get(id), prediction)) {
                answers.put(id, new PredictionRecord(choice, choice == prediction.rightChoice(), now().toString()));
                data.putProgress(workspace, key, Exchange.JSON.writeValueAsString(answers), now());
            }
        }
        int chosen = answers.get(id).choice();
        int right = prediction.rightChoice();
        long answered = lesson.predictions().stream().filter(p -> answers.containsKey(p.id())).count();
        exchange.json(200, new PredictionAnswer(id, chosen, chosen == right, right,
                prediction.choices().get(chosen).explanationHtml(),
                chosen == right ? null : prediction.choices().get(right).explanationHtml(),
                prediction.revealHtml(), (int) answered, lesson.predictions().size()));
    }

    private void checkHandler(Exchange exchange) throws Exception {
        Lesson lesson = lesson(exchange.param("id"));
        ConceptCheck check = Optional.ofNullable(lesson.check()).orElseThrow(() -> new NotFoundException(
                "the lesson '" + lesson.id() + "' has no concept check"));
        String id = exchange.param("question");
        ConceptCheck.Question question = check.questions().stream().filter(q -> q.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("the concept check of '" + lesson.id() + "' has no question '"
                        + id + "': GET /api/lessons/" + lesson.id() + " lists them"));
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, Set.of("answer"), "{\"answer\": 1}");
        if (!body.has("answer") || body.get("answer").isNull()) {
            throw JsonFields.missing("answer");
        }
        ConceptCheck.Graded graded;
        try {
            graded = question.grade(body.get("answer"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("answer", e.getMessage());
        }
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        String key = "check." + lesson.id();
        CheckRecord stored;
        synchronized (this) {
            CheckRecord before = read(workspace, key, new TypeReference<CheckRecord>() { }, null);
            Map<String, CheckAnswer> answers = new LinkedHashMap<>();
            if (before != null && before.answers() != null) {
                // Only answers to questions the check still asks count.
                before.answers().forEach((question1, answer) -> {
                    if (answer != null && check.questions().stream().anyMatch(q -> q.id().equals(question1))) {
                        answers.put(question1, answer);
                    }
                });
            }
            CheckAnswer previous = answers.get(id);
            answers.put(id, new CheckAnswer(body.get("answer"), graded.right(), previous == null ? 1 : previous.attempts() + 1,
                    now().toString()));
            int score = (int) answers.values().stream().filter(CheckAnswer::right).count();
            // Passing is kept: a learner who passed and then tries a wrong answer for fun has still passed.
            String passedAt = before != null && before.passedAt() != null ? before.passedAt()
                    : score >= check.pass() ? now().toString() : null;
            stored = new CheckRecord(answers, score, check.questions().size(), check.pass(), passedAt != null, passedAt);
            data.putProgress(workspace, key, Exchange.JSON.writeValueAsString(stored), now());
        }
        exchange.json(200, new CheckResult(id, graded.right(), graded.explanationHtml(), stored.answers().get(id).attempts(),
                stored.score(), stored.questions(), stored.pass(), stored.passed()));
    }

    private Lesson lesson(String id) {
        return LessonsApi.lessons(library).stream().filter(lesson -> lesson.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("there is no lesson with the id '" + id
                        + "': GET /api/lessons lists them"));
    }

    /** A stored answer to a prediction that no longer has that choice (the author changed it) is asked again. */
    private static boolean valid(PredictionRecord record, Prediction prediction) {
        return record != null && record.choice() >= 0 && record.choice() < prediction.choices().size();
    }

    /** The progress document under {@code key}; {@code fallback} when there is none, or it is not this shape. */
    private <T> T read(WorkspaceId workspace, String key, TypeReference<T> type, T fallback) {
        Optional<String> stored = data.progress(workspace, key);
        if (stored.isEmpty()) {
            return fallback;
        }
        try {
            T value = Exchange.JSON.readValue(stored.get(), type);
            return value == null ? fallback : value;
        } catch (Exception e) {
            return fallback; // An imported or hand-edited document of another shape is replaced.
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }

    /** A prediction's entry in {@code predictions.<lesson>}. */
    record PredictionRecord(int choice, boolean right, String answeredAt) {
    }

    /** {@code check.<lesson>}: the latest answer to each question, the score and whether the check was passed. */
    record CheckRecord(Map<String, CheckAnswer> answers, int score, int questions, int pass, boolean passed,
                       String passedAt) {
    }

    /** The latest answer to one question, and how many times it was answered. */
    record CheckAnswer(JsonNode answer, boolean right, int attempts, String answeredAt) {
    }

    /**
     * What the page shows once a prediction is answered: the choice that stands (the first one made), the right
     * one, the explanation of each, what to notice in the experiment, and how many of the lesson's predictions are
     * answered.
     *
     * @param rightExplanation null when the choice was right
     */
    record PredictionAnswer(String prediction, int choice, boolean right, int rightChoice, String explanation,
                            String rightExplanation, String reveal, int answered, int of) {
    }

    /** A graded answer to a concept-check question, and the check's score since. */
    record CheckResult(String question, boolean right, String explanation, int attempts, int score, int questions,
                       int pass, boolean passed) {
    }
}
