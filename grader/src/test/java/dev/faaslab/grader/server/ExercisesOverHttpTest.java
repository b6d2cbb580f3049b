package dev.faaslab.grader.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.grader.Exercise;
import dev.faaslab.grader.SharedSandbox;
import dev.faaslab.http.WebServer;
import dev.faaslab.runtime.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The server with the grader on its class path (found by ServiceLoader), over real HTTP. */
@DisplayName("The exercise routes, with the grader present,")
class ExercisesOverHttpTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WebServer.start(SharedSandbox.get(), "127.0.0.1", 0, null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("list every exercise in the course's order, with its lesson and points")
    void list() throws Exception {
        JsonNode exercises = get("/api/exercises").path("exercises");
        assertEquals(SharedSandbox.exercises().all().size(), exercises.size(), "every exercise folder: " + exercises);
        assertEquals("hello-context", exercises.get(0).path("id").asText(), "lesson 1's first: " + exercises);
        assertEquals("greet-by-name", exercises.get(1).path("id").asText(), "then lesson 2's: " + exercises);
        assertEquals("http-functions", exercises.get(1).path("lesson").asText());
        assertEquals(12, exercises.get(1).path("points").asInt());
    }

    @Test
    @DisplayName("show one exercise's task, starters and only its visible checks")
    void detail() throws Exception {
        JsonNode exercise = get("/api/exercises/greet-by-name");
        assertEquals(List.of("summary", "readme", "starters", "handlers", "checks", "sampleEvent", "starterFiles",
                "readmeHtml"), fieldNames(exercise));
        assertEquals(0, exercise.path("starterFiles").size(), "each language is one file");
        assertTrue(exercise.path("readme").asText().startsWith("# Greet by name"));
        assertTrue(exercise.path("starters").path("python").asText().contains("lambda_handler"));
        assertEquals(7, exercise.path("checks").size(), "the two hidden checks are not listed");
        assertEquals("Ada", exercise.path("sampleEvent").path("queryStringParameters").path("name").asText(),
                "the first check's request, as API Gateway sends it: " + exercise.path("sampleEvent"));
        assertEquals(7919, get("/api/exercises/setup-once").path("sampleEvent").path("n").asInt());
    }

    @Test
    @DisplayName("make what the checks find in the learner's workspace where missing, and change nothing that is there")
    void fixturesForARunOfOnesOwn() throws Exception {
        request("DELETE", "/api/tables/totals", null);
        request("DELETE", "/api/tables/dashboard", null);
        request("DELETE", "/api/tables/orders", null);
        request("DELETE", "/api/queues/orders", null);
        request("DELETE", "/api/queues/orders-dlq", null);
        json(request("PUT", "/api/tables/orders", "{\"partitionKey\":\"orderId\"}"), 201);
        json(request("PUT", "/api/tables/orders/items/o-1", "{\"orderId\":\"o-1\",\"item\":\"kept\"}"), 201);
        JsonNode made = json(request("POST", "/api/exercises/orders-pipeline/fixtures", null), 200);
        assertEquals(java.util.Set.of("the table totals", "the table dashboard", "the queue orders-dlq", "the queue orders"),
                java.util.Set.copyOf(JSON.convertValue(made.path("made"), List.class)),
                "the learner's own orders table stays: " + made);
        assertEquals("kept", get("/api/tables/orders/items/o-1").path("item").path("item").asText(), "with what it holds");
        assertEquals(0, json(request("POST", "/api/exercises/orders-pipeline/fixtures", null), 200).path("made").size(),
                "nothing more to make the second time");

        request("DELETE", "/api/tables/totals", null);
        json(request("PUT", "/api/tables/totals", "{\"partitionKey\":\"name\"}"), 201);
        JsonNode conflict = json(request("POST", "/api/exercises/orders-pipeline/fixtures", null), 409);
        assertTrue(conflict.toString().contains("other keys"), conflict.toString());
        request("DELETE", "/api/tables/totals", null);
        assertEquals(404, request("POST", "/api/exercises/nope/fixtures", null).statusCode());
    }

    @Test
    @DisplayName("grade a submission, show hidden checks only when they fail, and keep the best score")
    void submit() throws Exception {
        var exercise = SharedSandbox.exercise("greet-by-name");
        JsonNode solution = post("/api/exercises/greet-by-name/submissions", "nodejs",
                exercise.solution(Language.NODEJS));
        assertEquals("pass", solution.path("status").asText(), solution.toString());
        assertEquals(12, solution.path("score").asInt());
        solution.path("checks").forEach(check -> assertFalse(check.path("hidden").asBoolean(),
                "a passed hidden check is not shown: " + check));

        JsonNode starter = post("/api/exercises/greet-by-name/submissions", "nodejs", exercise.starter(Language.NODEJS));
        assertEquals("fail", starter.path("status").asText());
        JsonNode hidden = null;
        for (JsonNode check : starter.path("checks")) {
            if (check.path("hidden").asBoolean()) {
                hidden = check;
            }
        }
        assertTrue(hidden != null && hidden.path("expected").isNull() && !hidden.path("hint").asText().isEmpty(),
                "a failed hidden check shows its name and hint only: " + starter);
        JsonNode failed = starter.path("checks").get(1);
        assertEquals("fail", failed.path("status").asText());
        assertTrue(failed.path("lessonUrl").asText().startsWith("/lesson.html?id=http-functions#"), failed.toString());

        JsonNode progress = get("/api/progress").path("progress").path("exercise.greet-by-name");
        assertEquals(12, progress.path("bestScore").asInt(), "the best score stays: " + progress);
        assertEquals(12, progress.path("maxScore").asInt());
        assertEquals(List.of("bestScore", "maxScore", "lastScore", "submittedAt", "languages"), fieldNames(progress));
        assertEquals(12, progress.path("languages").path("nodejs").path("bestScore").asInt(), progress.toString());
        assertEquals(List.of("nodejs"), fieldNames(progress.path("languages")), "nothing was submitted in Python");
    }

    @Test
    @DisplayName("keep the best score per language, reading an entry kept in the old per-exercise form")
    void bestPerLanguage() throws Exception {
        var exercise = SharedSandbox.exercise("orders-pipeline");
        HttpResponse<String> seeded = CLIENT.send(HttpRequest.newBuilder(uri("/api/progress/exercise.orders-pipeline"))
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"bestScore\":4,\"maxScore\":9,\"lastScore\":4,\"submittedAt\":\"2026-11-30T09:00:00Z\"}"))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, seeded.statusCode(), seeded.body());

        JsonNode python = post("/api/exercises/orders-pipeline/submissions", "python", exercise.solution(Language.PYTHON));
        assertEquals("pass", python.path("status").asText(), python.toString());
        JsonNode javascript = post("/api/exercises/orders-pipeline/submissions", "nodejs", exercise.starter(Language.NODEJS));
        assertEquals("fail", javascript.path("status").asText(), javascript.toString());

        JsonNode progress = get("/api/progress").path("progress").path("exercise.orders-pipeline");
        assertEquals(exercise.points(), progress.path("bestScore").asInt(), "the best over both languages: " + progress);
        assertEquals(javascript.path("score").asInt(), progress.path("lastScore").asInt());
        assertEquals(exercise.points(), progress.path("languages").path("python").path("bestScore").asInt(),
                progress.toString());
        assertEquals(javascript.path("score").asInt(), progress.path("languages").path("nodejs").path("bestScore").asInt(),
                "JavaScript's best is its own, not Python's: " + progress);
    }

    @Test
    @DisplayName("refuse an unknown runtime with 400 and an unknown exercise with 404")
    void refusals() throws Exception {
        assertEquals(400, send("/api/exercises/greet-by-name/submissions", "cobol", "x").statusCode());
        assertEquals(404, CLIENT.send(HttpRequest.newBuilder(uri("/api/exercises/nope")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    @DisplayName("refuse a submission from another site's page (403) or in a body that is not JSON (415), grading neither")
    void refuseWebPages() throws Exception {
        var exercise = SharedSandbox.exercise("setup-once");
        String body = JSON.writeValueAsString(java.util.Map.of("runtime", "nodejs", "code",
                exercise.solution(Language.NODEJS)));
        HttpRequest.Builder submission = HttpRequest.newBuilder(uri("/api/exercises/setup-once/submissions"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> crossSite = CLIENT.send(submission.copy().header("Content-Type", "text/plain")
                .header("Origin", "https://attacker.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, crossSite.statusCode(), crossSite.body());
        assertTrue(crossSite.body().contains("CrossOriginRequest"), crossSite.body());
        HttpResponse<String> notJson = CLIENT.send(submission.copy().header("Content-Type", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, notJson.statusCode(), notJson.body());
        assertTrue(notJson.body().contains("UnsupportedMediaType"), notJson.body());
        assertFalse(get("/api/progress").path("progress").has("exercise.setup-once"), "nothing was graded");
    }

    @Nested
    @DisplayName("beside grading")
    class Help {

        static final String EXERCISE = "orders-pipeline";

        @Test
        @DisplayName("reveals the visible checks' hints one at a time, records how many, and stops at the last")
        void hintsOneAtATime() throws Exception {
            request("DELETE", "/api/progress/exercise-hints." + EXERCISE, null);
            JsonNode none = json(request("GET", "/api/exercises/" + EXERCISE + "/hints", null), 200);
            int total = none.path("total").asInt();
            assertTrue(total >= 2, "the exercise has hints to reveal: " + none);
            assertEquals(0, none.path("revealed").size(), "none revealed before asking");

            JsonNode first = json(request("POST", "/api/exercises/" + EXERCISE + "/hints", null), 200);
            assertEquals(1, first.path("revealed").size());
            String firstHint = first.path("revealed").get(0).asText();
            assertTrue(visibleHints().contains(firstHint), "a visible check's hint: " + firstHint);
            assertEquals(1, progress().path("exercise-hints." + EXERCISE).path("revealed").asInt(), "recorded in progress");
            assertEquals(first, json(request("GET", "/api/exercises/" + EXERCISE + "/hints", null), 200),
                    "read back as revealed, as after a reload");

            for (int i = 2; i <= total + 1; i++) {
                JsonNode next = json(request("POST", "/api/exercises/" + EXERCISE + "/hints", null), 200);
                assertEquals(Math.min(i, total), next.path("revealed").size(), "one more each time, then all of them");
                assertEquals(firstHint, next.path("revealed").get(0).asText(), "in the same order");
            }
            assertEquals(total, progress().path("exercise-hints." + EXERCISE).path("revealed").asInt());
        }

        @Test
        @DisplayName("keeps the reference solution locked (403) until the learner passes, then shows it in either language")
        void solutionAfterAPass() throws Exception {
            request("DELETE", "/api/progress/exercise." + EXERCISE, null);
            HttpResponse<String> locked = request("GET", "/api/exercises/" + EXERCISE + "/solution?runtime=nodejs", null);
            assertEquals("SolutionLocked", json(locked, 403).path("error").path("code").asText());

            var exercise = SharedSandbox.exercise(EXERCISE);
            String starter = JSON.writeValueAsString(Map.of("runtime", "nodejs", "code", exercise.starter(Language.NODEJS)));
            json(request("POST", "/api/exercises/" + EXERCISE + "/submissions", starter), 200);
            assertEquals(403, request("GET", "/api/exercises/" + EXERCISE + "/solution?runtime=nodejs", null).statusCode(),
                    "a submission that fails does not unlock it");

            String solution = JSON.writeValueAsString(Map.of("runtime", "nodejs", "code", exercise.solution(Language.NODEJS)));
            assertEquals("pass", json(request("POST", "/api/exercises/" + EXERCISE + "/submissions", solution), 200)
                    .path("status").asText());
            JsonNode javascript = json(request("GET", "/api/exercises/" + EXERCISE + "/solution?runtime=nodejs", null), 200);
            assertEquals(exercise.solution(Language.NODEJS), javascript.path("code").asText());
            JsonNode python = json(request("GET", "/api/exercises/" + EXERCISE + "/solution?runtime=python", null), 200);
            assertEquals(exercise.solution(Language.PYTHON), python.path("code").asText(), "a pass in one language unlocks both");
            assertEquals(400, request("GET", "/api/exercises/" + EXERCISE + "/solution?runtime=cobol", null).statusCode());
            assertEquals(404, request("GET", "/api/exercises/nope/solution?runtime=nodejs", null).statusCode());
        }
    }

    private static List<String> visibleHints() {
        return SharedSandbox.exercise(Help.EXERCISE).checks().stream().filter(check -> !check.hidden())
                .map(check -> check.hint()).toList();
    }

    private static JsonNode progress() throws Exception {
        return get("/api/progress").path("progress");
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> request(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    @DisplayName("grade an exercise written in several files from its files, and refuse its code alone")
    void severalFiles() throws Exception {
        JsonNode detail = get("/api/exercises/five-doors");
        assertEquals(List.of("core.mjs", "lambda.mjs", "worker.mjs", "gcp.mjs", "azure.mjs", "netlify.mjs"),
                fieldNames(detail.path("starterFiles").path("nodejs")));
        Exercise exercise = SharedSandbox.exercise("five-doors");
        String body = JSON.writeValueAsString(java.util.Map.of("runtime", "nodejs", "files",
                exercise.submission("wrong-adapter-does-the-work", Language.NODEJS)));
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/exercises/five-doors/submissions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode lines = JSON.readTree(response.body()).path("checks").get(2);
        assertEquals("each adapter is at most 15 lines of code", lines.path("name").asText());
        assertTrue(lines.path("actual").asText().startsWith("lambda.mjs has 39 lines of code, over 15"), lines.toString());
        HttpResponse<String> codeAlone = send("/api/exercises/five-doors/submissions", "nodejs",
                exercise.solution(Language.NODEJS));
        assertEquals(400, codeAlone.statusCode());
        assertTrue(codeAlone.body().contains("is written in several files in nodejs: core.mjs, lambda.mjs"), codeAlone.body());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String path, String runtime, String code) throws Exception {
        HttpResponse<String> response = send(path, runtime, code);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String path, String runtime, String code) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("runtime", runtime, "code", code));
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
