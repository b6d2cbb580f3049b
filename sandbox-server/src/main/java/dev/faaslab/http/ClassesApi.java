package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.classroom.ClassInfo;
import dev.faaslab.classroom.ClassQuotas;
import dev.faaslab.classroom.Classroom;
import dev.faaslab.classroom.ClassroomException;
import dev.faaslab.classroom.Instructor;
import dev.faaslab.classroom.Learner;
import dev.faaslab.classroom.Principal;
import dev.faaslab.classroom.Submission;
import dev.faaslab.classroom.Syllabus;
import dev.faaslab.core.Json;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonLibrary;
import dev.faaslab.exercise.ExerciseGrader;
import dev.faaslab.exercise.ExerciseSummary;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.WorkspaceData;
import dev.faaslab.traffic.TrafficGenerator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/classes}: what an instructor runs. Their classes (title, join code, quotas, what is open and due,
 * pause), the live grid of learners × lessons and exercises, one learner's code, submissions and logs, the
 * gradebook as CSV, and the class's live stream. Every route answers only for a class the instructor teaches.
 */
final class ClassesApi {

    /** A learner is stuck after this many failed submissions in a row of the same exercise. */
    static final int STUCK_AFTER_FAILURES = 3;
    static final int SUBMISSIONS_SHOWN = 50;
    static final int LOG_LINES_SHOWN = 50;
    /** The platform panel's figures cover the last minute. */
    static final int PANEL_SECONDS = 60;

    private final Classroom classroom;
    private final Platform platform;
    private final WorkspaceData data;
    private final LessonLibrary lessons;
    private final Supplier<Optional<ExerciseGrader>> grader;
    private final TrafficGenerator traffic;
    private final EventStreamApi events;

    ClassesApi(Classroom classroom, Platform platform, WorkspaceData data, LessonLibrary lessons,
               Supplier<Optional<ExerciseGrader>> grader, TrafficGenerator traffic, EventStreamApi events) {
        this.classroom = classroom;
        this.platform = platform;
        this.data = data;
        this.lessons = lessons;
        this.grader = grader;
        this.traffic = traffic;
        this.events = events;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/classes", this::listHandler),
                new Route("POST", "/api/classes", this::createHandler),
                new Route("GET", "/api/classes/{classId}", this::classHandler),
                new Route("PATCH", "/api/classes/{classId}", this::updateHandler),
                new Route("POST", "/api/classes/{classId}/invitations", this::inviteHandler),
                new Route("GET", "/api/classes/{classId}/progress", this::progressHandler),
                new Route("GET", "/api/classes/{classId}/learners/{learnerId}", this::learnerHandler),
                new Route("GET", "/api/classes/{classId}/gradebook.csv", this::gradebookHandler),
                new Route("GET", "/api/classes/{classId}/reports/junit.xml", this::junitHandler),
                new Route("GET", "/api/classes/{classId}/reports/exercism.json", this::exercismHandler),
                new Route("GET", "/api/classes/{classId}/events", this::eventsHandler));
    }

    /** A class as its instructors see it, with the link learners join by. */
    record ClassDetail(String id, String title, String joinCode, String joinPath, ClassQuotas quotas,
                       Syllabus syllabus, boolean paused, Instant createdAt, int learners, List<String> instructors) {
    }

    private static ClassDetail detail(Classroom.Roster roster) {
        ClassInfo info = roster.info();
        return new ClassDetail(info.id(), info.title(), info.joinCode(), "/#/join/" + info.joinCode(), info.quotas(),
                info.syllabus(), info.paused(), info.createdAt(), roster.learners().size(),
                roster.instructors().stream().map(Instructor::displayName).toList());
    }

    private Classroom.Roster roster(Exchange exchange) {
        return classroom.roster(instructor(exchange), exchange.param("classId"));
    }

    private Principal instructor(Exchange exchange) {
        if (classroom == null) {
            throw ClassroomApi.off();
        }
        return ClassroomGate.principal(exchange.request).orElseThrow(() -> ClassroomGate.signInRequired(
                exchange.request.getHttpURI().getPath()));
    }

    private void listHandler(Exchange exchange) {
        Principal instructor = instructor(exchange);
        exchange.json(200, Map.of("classes", classroom.classes(instructor).stream()
                .map(info -> detail(classroom.roster(instructor, info.id()))).toList()));
    }

    private void createHandler(Exchange exchange) throws Exception {
        Principal instructor = instructor(exchange);
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, Set.of("title"), "{\"title\":\"Serverless workshop\"}");
        ClassInfo created = classroom.createClass(instructor, JsonFields.text(body, "title"));
        exchange.json(201, detail(classroom.roster(instructor, created.id())));
    }

    private void classHandler(Exchange exchange) {
        exchange.json(200, detail(roster(exchange)));
    }

    private void updateHandler(Exchange exchange) throws Exception {
        Principal instructor = instructor(exchange);
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, Set.of("title", "quotas", "syllabus", "paused"),
                "{\"paused\":true} or {\"quotas\":{…}} or {\"syllabus\":{\"closed\":[\"lesson-id\"],\"due\":{}}}");
        ClassInfo before = classroom.classOf(instructor, exchange.param("classId"));
        ClassQuotas quotas = body.has("quotas") ? read(body.get("quotas"), ClassQuotas.class, "quotas") : null;
        Syllabus syllabus = body.has("syllabus") ? read(body.get("syllabus"), Syllabus.class, "syllabus") : null;
        Boolean paused = body.has("paused") ? JsonFields.bool(body, "paused") : null;
        ClassInfo after = classroom.update(instructor, before.id(), body.has("title") ? JsonFields.text(body, "title")
                : null, quotas, syllabus, paused);
        Classroom.Roster roster = classroom.roster(instructor, after.id());
        if (after.paused() && !before.paused()) {
            // Pausing stops what is running now, not only what starts next: every learner's traffic run ends.
            roster.learners().forEach(learner -> traffic.stop(learner.workspace()));
        }
        exchange.json(200, detail(roster));
    }

    private static <T> T read(JsonNode node, Class<T> type, String field) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (e.getCause() instanceof ClassroomException refused) {
                throw refused;
            }
            throw ApiException.badField(field, "the field '" + field + "' does not fit: " + Exchange.describe(e));
        }
    }

    private void inviteHandler(Exchange exchange) {
        Principal instructor = instructor(exchange);
        String token = classroom.invite(instructor, exchange.param("classId"));
        exchange.json(201, Map.of("path", "/#/classroom/setup/" + token));
    }

    /** A column of the grid. */
    record LessonColumn(String id, String title, int predictions, boolean hasCheck, boolean open) {
    }

    record ExerciseColumn(String id, String title, String lesson, int points, List<String> languages, boolean open,
                          Instant due) {
    }

    /** A learner's figures in one lesson: predictions answered of the lesson's, and the concept check. */
    record LessonCell(int predictionsAnswered, boolean checkPassed) {
    }

    /** One exercise in one language: the best score, and when the latest was submitted. */
    record ScoreCell(int best, int max, String submittedAt, boolean late) {
        /** Full marks. */
        boolean full() {
            return max > 0 && best >= max;
        }
    }

    /**
     * What the learner's functions did in the last minute, and their bill so far; {@code quarantined} when their code
     * ran into a limit and runs in the quarantine's worker since (see the platform's Quarantine).
     */
    record PlatformCell(int functions, long invocations, long errors, long throttles, int instances, BigDecimal costUsd,
                        boolean quarantined) {
    }

    /** One row of the grid. status: not-started, working, stuck or finished. */
    record LearnerRow(String id, String name, Instant joinedAt, Instant lastActiveAt, String status,
                      Map<String, LessonCell> lessons, Map<String, Map<String, ScoreCell>> exercises,
                      PlatformCell platform) {
    }

    record Grid(ClassDetail classInfo, List<LessonColumn> lessons, List<ExerciseColumn> exercises,
                List<LearnerRow> learners) {
    }

    private void progressHandler(Exchange exchange) {
        Classroom.Roster roster = roster(exchange);
        ClassInfo info = roster.info();
        List<ExerciseSummary> exercises = exercises();
        String only = exchange.query("learner");
        List<LearnerRow> rows = new ArrayList<>();
        for (Learner learner : roster.learners()) {
            if (only == null || only.equals(learner.id())) {
                rows.add(row(learner, info, exercises));
            }
        }
        exchange.json(200, new Grid(detail(roster), lessons.lessons().stream()
                .map(lesson -> new LessonColumn(lesson.id(), lesson.title(), lesson.predictions().size(),
                        lesson.check() != null, info.syllabus().open(lesson.id()))).toList(),
                exercises.stream().map(exercise -> new ExerciseColumn(exercise.id(), exercise.title(), exercise.lesson(),
                        exercise.points(), exercise.languages(), info.syllabus().open(exercise.id()),
                        info.syllabus().due().get(exercise.id()))).toList(), rows));
    }

    private List<ExerciseSummary> exercises() {
        return grader.get().map(ExerciseGrader::exercises).orElse(List.of());
    }

    private LearnerRow row(Learner learner, ClassInfo info, List<ExerciseSummary> exercises) {
        Map<String, String> progress = data.progress(learner.workspace());
        Map<String, LessonCell> lessonCells = new LinkedHashMap<>();
        for (Lesson lesson : lessons.lessons()) {
            JsonNode predictions = tree(progress.get("predictions." + lesson.id()));
            JsonNode check = tree(progress.get("check." + lesson.id()));
            if (predictions.size() > 0 || check.isObject()) {
                lessonCells.put(lesson.id(), new LessonCell(predictions.size(), check.path("passed").asBoolean(false)));
            }
        }
        Map<String, Map<String, ScoreCell>> scores = scores(progress, info, exercises);
        boolean finished = !exercises.isEmpty() && exercises.stream()
                .filter(exercise -> info.syllabus().open(exercise.id()))
                .allMatch(exercise -> scores.getOrDefault(exercise.id(), Map.of()).values().stream()
                        .anyMatch(ScoreCell::full));
        List<Submission> recent = classroom.submissions(learner.workspace(), STUCK_AFTER_FAILURES);
        boolean stuck = recent.size() == STUCK_AFTER_FAILURES
                && recent.stream().allMatch(s -> s.exerciseId().equals(recent.getFirst().exerciseId())
                && s.score() < s.maxScore());
        PlatformCell panel = panel(learner.workspace());
        String status = finished ? "finished" : stuck ? "stuck"
                : progress.isEmpty() && panel.functions() == 0 ? "not-started" : "working";
        return new LearnerRow(learner.id(), learner.displayName(), learner.joinedAt(), learner.lastActiveAt(), status,
                lessonCells, scores, panel);
    }

    /** The learner's best in each exercise and language they submitted: all the gradebook and reports need. */
    private static Map<String, Map<String, ScoreCell>> scores(Map<String, String> progress, ClassInfo info,
                                                             List<ExerciseSummary> exercises) {
        Map<String, Map<String, ScoreCell>> scores = new LinkedHashMap<>();
        for (ExerciseSummary exercise : exercises) {
            JsonNode entry = tree(progress.get("exercise." + exercise.id()));
            Instant due = info.syllabus().due().get(exercise.id());
            Map<String, ScoreCell> languages = new TreeMap<>();
            entry.path("languages").properties().forEach(language -> {
                JsonNode score = language.getValue();
                String at = score.path("submittedAt").asText("");
                languages.put(language.getKey(), new ScoreCell(score.path("bestScore").asInt(0),
                        score.path("maxScore").asInt(exercise.points()), at, due != null && !at.isEmpty()
                        && Instant.parse(at).isAfter(due)));
            });
            if (!languages.isEmpty()) {
                scores.put(exercise.id(), languages);
            }
        }
        return scores;
    }

    private PlatformCell panel(WorkspaceId workspace) {
        List<FunctionRecord> functions = platform.functions(workspace);
        long invocations = 0;
        long errors = 0;
        long throttles = 0;
        int instances = 0;
        for (FunctionRecord function : functions) {
            List<MetricPoint> points = platform.metrics(workspace, function.name(), PANEL_SECONDS);
            for (MetricPoint point : points) {
                invocations += point.invocations();
                errors += point.errors();
                throttles += point.throttles();
            }
            if (!points.isEmpty()) {
                MetricPoint last = points.getLast();
                instances += last.busy() + last.idle() + last.initialising();
            }
        }
        return new PlatformCell(functions.size(), invocations, errors, throttles, instances,
                platform.bill(workspace).total(), platform.quarantined(workspace));
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return Json.MAPPER.missingNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.MAPPER.missingNode(); // an unreadable document shows as nothing done
        }
    }

    /** A learner as their instructor opens them: the row, their code, their grading history and their logs. */
    record LearnerView(LearnerRow row, List<Code> functions, List<Submission> submissions) {
    }

    record Code(String name, String runtime, String handler, String code, List<LogEntry> logs) {
    }

    private void learnerHandler(Exchange exchange) {
        Principal instructor = instructor(exchange);
        ClassInfo info = classroom.classOf(instructor, exchange.param("classId"));
        Learner learner = classroom.learner(instructor, info.id(), exchange.param("learnerId"));
        List<Code> code = platform.functions(learner.workspace()).stream()
                .map(function -> new Code(function.name(), function.spec().language().runtimeName(),
                        function.spec().handler().toString(), function.spec().code(),
                        platform.logs(learner.workspace(), function.name(), 0, LOG_LINES_SHOWN))).toList();
        exchange.json(200, new LearnerView(row(learner, info, exercises()), code,
                classroom.submissions(learner.workspace(), SUBMISSIONS_SHOWN)));
    }

    private void gradebookHandler(Exchange exchange) {
        Classroom.Roster roster = roster(exchange);
        ClassInfo info = roster.info();
        List<ExerciseSummary> exercises = exercises();
        StringBuilder csv = new StringBuilder("learner,learner_id,exercise,language,score,max_score,submitted_at,late\r\n");
        for (Learner learner : roster.learners()) {
            Map<String, Map<String, ScoreCell>> scores = scores(data.progress(learner.workspace()), info, exercises);
            for (ExerciseSummary exercise : exercises) {
                for (String language : exercise.languages()) {
                    ScoreCell cell = scores.getOrDefault(exercise.id(), Map.of()).get(language);
                    csv.append(Csv.row(learner.displayName(), learner.id(), exercise.id(), language,
                            cell == null ? "" : Integer.toString(cell.best()), Integer.toString(exercise.points()),
                            cell == null ? "" : cell.submittedAt(), cell != null && cell.late() ? "yes" : ""));
                }
            }
        }
        exchange.response.getHeaders().put("Content-Disposition", "attachment; filename=\"gradebook-"
                + info.id() + ".csv\"");
        exchange.send(200, "text/csv;charset=utf-8", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Each learner's best in each exercise and language: what the class's reports are made of. */
    private record Outcome(Learner learner, ExerciseSummary exercise, String language, ScoreCell cell) {

        String name() {
            return exercise.id() + " (" + language + ")";
        }

        boolean passed() {
            return cell != null && cell.full();
        }

        String message() {
            return cell == null ? "not submitted" : cell.best() + " of " + cell.max() + " points, last submitted "
                    + cell.submittedAt() + (cell.late() ? " (late)" : "");
        }
    }

    private List<List<Outcome>> outcomes(Exchange exchange) {
        Classroom.Roster roster = roster(exchange);
        ClassInfo info = roster.info();
        List<ExerciseSummary> exercises = exercises();
        List<List<Outcome>> byLearner = new ArrayList<>();
        for (Learner learner : roster.learners()) {
            Map<String, Map<String, ScoreCell>> scores = scores(data.progress(learner.workspace()), info, exercises);
            List<Outcome> outcomes = new ArrayList<>();
            for (ExerciseSummary exercise : exercises) {
                if (info.syllabus().open(exercise.id())) {
                    for (String language : exercise.languages()) {
                        outcomes.add(new Outcome(learner, exercise, language,
                                scores.getOrDefault(exercise.id(), Map.of()).get(language)));
                    }
                }
            }
            byLearner.add(outcomes);
        }
        return byLearner;
    }

    /**
     * JUnit XML, which every CI and most LMS plug-ins read: a test suite per learner, a test case per open exercise
     * and language, failed below full marks and skipped when never submitted.
     */
    private void junitHandler(Exchange exchange) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"FaaS Lab\">\n");
        for (List<Outcome> learner : outcomes(exchange)) {
            if (learner.isEmpty()) {
                continue;
            }
            Learner who = learner.getFirst().learner();
            long failures = learner.stream().filter(o -> o.cell() != null && !o.passed()).count();
            long skipped = learner.stream().filter(o -> o.cell() == null).count();
            xml.append("  <testsuite name=\"").append(xmlText(who.displayName() + " (" + who.id() + ")"))
                    .append("\" tests=\"").append(learner.size()).append("\" failures=\"").append(failures)
                    .append("\" skipped=\"").append(skipped).append("\">\n");
            for (Outcome outcome : learner) {
                xml.append("    <testcase classname=\"").append(xmlText(outcome.exercise().id())).append("\" name=\"")
                        .append(xmlText(outcome.name())).append("\"");
                if (outcome.passed()) {
                    xml.append("/>\n");
                } else if (outcome.cell() == null) {
                    xml.append("><skipped message=\"not submitted\"/></testcase>\n");
                } else {
                    xml.append("><failure message=\"").append(xmlText(outcome.message())).append("\"/></testcase>\n");
                }
            }
            xml.append("  </testsuite>\n");
        }
        xml.append("</testsuites>\n");
        exchange.send(200, "application/xml;charset=utf-8", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Exercism's test-runner results (version 3), one per learner by id, each test an open exercise and language. */
    private void exercismHandler(Exchange exchange) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (List<Outcome> learner : outcomes(exchange)) {
            if (learner.isEmpty()) {
                continue;
            }
            List<Map<String, String>> tests = learner.stream().map(outcome -> Map.of("name", outcome.name(),
                    "status", outcome.passed() ? "pass" : "fail", "message", outcome.message(),
                    "test_code", "exercises/" + outcome.exercise().id())).toList();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("version", 3);
            result.put("status", learner.stream().allMatch(Outcome::passed) ? "pass" : "fail");
            result.put("learner", learner.getFirst().learner().displayName());
            result.put("tests", tests);
            results.put(learner.getFirst().learner().id(), result);
        }
        exchange.json(200, results);
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    }

    private void eventsHandler(Exchange exchange) {
        Principal instructor = instructor(exchange);
        ClassInfo info = classroom.classOf(instructor, exchange.param("classId"));
        events.serve(exchange, classroom.hub(info.id()));
    }
}
