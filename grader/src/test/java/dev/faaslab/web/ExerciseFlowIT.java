package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Submit in a real Chromium, with the grader on the server's class path (this module provides it):
 * the starter loses points with a hint per failing check, the reference solution gets them all, and the
 * best score is kept in the learner's progress and shown on the course map.
 */
@DisplayName("A learner submitting an exercise in the browser")
class ExerciseFlowIT {

    static final String EXERCISE = "greet-by-name";
    static final Path EXERCISES = Path.of(System.getProperty("faaslab.home", "..")).resolve("exercises");
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    static final Keyboard keys = new Keyboard(browser);

    @RegisterExtension
    static final WebApp app = new WebApp();

    @Test
    @DisplayName("sees the task and its checks, accessible in both colour schemes")
    void readsTheTask() {
        for (ColorScheme scheme : ColorScheme.values()) {
            browser.useColorScheme(scheme);
            openExercise();
            assertTrue(browser.driver().findElements(By.cssSelector("#check-list li")).size() >= 2,
                    "the visible checks are listed before submitting");
            String name = "exercise-" + EXERCISE + "-" + scheme.name().toLowerCase();
            Screenshots.save(browser, name);
            Accessibility.assertNoSeriousViolations(browser, name);
            assertEquals(List.of(), browser.consoleErrors(), "the exercise page logs no error");
        }
        browser.useColorScheme(ColorScheme.LIGHT);
    }

    @Test
    @DisplayName("submits the starter and gets partial credit with hints, then the solution and gets full marks kept as the best")
    void submitsStarterThenSolution() throws Exception {
        openExercise();
        browser.driver().findElement(By.id("submit")).click();
        browser.waitFor(By.cssSelector("#grade [data-score]"));
        int score = Integer.parseInt(browser.attribute("#grade [data-score]", "data-score"));
        int max = Integer.parseInt(browser.attribute("#grade [data-score]", "data-max-score"));
        assertTrue(score < max, "the starter does not pass every check: " + score + " of " + max);
        String failing = browser.waitFor(By.cssSelector("#grade .check[data-status=fail]")).getText();
        assertTrue(failing.contains("Hint:"), "a failing check gives a hint: " + failing);
        Screenshots.save(browser, "exercise-starter-graded");

        // The editor's text comes from the learner's saved code, as after any reload.
        String solution = Files.readString(EXERCISES.resolve(EXERCISE).resolve("solution.mjs"));
        put("/api/progress/exercise-code." + EXERCISE + ".nodejs", JSON.writeValueAsString(Map.of("code", solution)));
        openExercise();
        browser.driver().findElement(By.id("submit")).click();
        browser.waitUntil(driver -> String.valueOf(max).equals(browser.attribute("#grade [data-score]", "data-score")),
                "full marks for the reference solution");
        assertEquals(0, browser.driver().findElements(By.cssSelector("#grade .check:not([data-status=pass])")).size(),
                "every check passes");
        browser.waitForText(By.id("best-score"), max + " of " + max);
        Screenshots.save(browser, "exercise-solution-graded");

        browser.open(app.uri("/"));
        browser.waitFor(By.cssSelector("body[data-ready]"));
        browser.waitForText(By.cssSelector("[data-exercise-score=" + EXERCISE + "]"), "best score " + max + " of " + max);
        assertTrue(browser.driver().findElement(By.cssSelector("[data-exercise-score=" + EXERCISE + "]")).getText()
                .contains("JavaScript " + max), "the course map shows the best score per language too");
        assertEquals(List.of(), browser.consoleErrors(), "submitting logs no error");
    }

    @Test
    @DisplayName("runs its code with an event of its own before submitting, with the keyboard alone")
    void runsItsOwnEvent() throws Exception {
        put("/api/progress/exercise-code." + EXERCISE + ".nodejs", JSON.writeValueAsString(Map.of("code", solution())));
        openExercise();
        keys.tabTo("event-json");
        keys.selectAll();
        // The route's own request, as API Gateway's payload 2.0 has it: greet-by-name serves GET /greet.
        keys.press("{\"rawPath\":\"/greet\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},"
                + "\"queryStringParameters\":{\"name\":\"Grace\"}}");
        keys.pressOn("run");
        browser.waitForText(By.cssSelector("#run-result [data-result]"), "Hello, Grace!");
        browser.waitForText(By.cssSelector("#run-result .report"), "REPORT RequestId");
        browser.waitForText(By.id("run-status"), "Ran:");
        String log = browser.driver().findElement(By.cssSelector("#run-result .log-view")).getAttribute("textContent");
        assertTrue(log.startsWith("START RequestId") && log.contains("\nEND RequestId"), "the log a line a line: " + log);
        assertFalse(browser.driver().findElement(By.cssSelector("#grade")).getText().contains("points:"),
                "nothing was graded");
        browser.finish("exercise-own-event");
    }

    @Test
    @DisplayName("runs setup-once's starter with the first check's event, and finds the bucket the checks find")
    void ownRunFindsTheExercisesFixtures() throws Exception {
        browser.open(app.uri("/exercise.html?id=setup-once"));
        browser.waitFor(By.cssSelector("body[data-ready]"));
        assertEquals(7919, JSON.readTree(browser.driver().findElement(By.id("event-json")).getAttribute("value"))
                .path("n").asInt(), "the event the first check sends, not an HTTP request");
        keys.pressOn("run");
        browser.waitForText(By.cssSelector("#run-result [data-result]"), "\"prime\": true");
        browser.waitForText(By.id("run-status"), "the bucket reference");
        assertEquals("run", keys.active().getAttribute("id"), "the focus stays on the button it pressed");

        keys.pressOn("run");
        browser.waitUntil(driver -> browser.driver().findElement(By.id("run-status")).getText()
                .equals("Ran: see what your function returned."), "a second run, with nothing more to make");
        browser.finish("exercise-own-run-fixtures");
    }

    @Test
    @DisplayName("reveals hints one at a time with the keyboard, and finds them again after a reload")
    void revealsHints() throws Exception {
        delete("/api/progress/exercise-hints." + EXERCISE);
        openExercise();
        assertEquals(0, browser.driver().findElements(By.cssSelector("#hints li")).size(), "no hint before asking");
        keys.pressOn("next-hint");
        browser.waitFor(By.cssSelector("#hints [data-hint='1']"));
        browser.waitForText(By.id("hint-status"), "Hint 1 of");
        assertEquals("1", keys.active().getAttribute("data-hint"), "the focus moves to the new hint");
        assertEquals(1, browser.driver().findElements(By.cssSelector("#hints li")).size(), "one hint only");

        keys.pressOn("next-hint");
        browser.waitFor(By.cssSelector("#hints [data-hint='2']"));
        browser.waitForText(By.id("hint-status"), "Hint 2 of");

        openExercise();
        assertEquals(2, browser.driver().findElements(By.cssSelector("#hints li")).size(), "the hints revealed stay revealed");
        int total = Integer.parseInt(browser.driver().findElement(By.id("next-hint")).getText().replaceAll(".* of (\\d+)\\)", "$1"));
        for (int shown = 3; shown <= total; shown++) {
            keys.pressOn("next-hint");
            browser.waitFor(By.cssSelector("#hints [data-hint='" + shown + "']"));
        }
        browser.waitForGone(By.id("next-hint"));
        browser.waitForText(By.id("hint-status"), "the last one");
        browser.finish("exercise-hints");
    }

    @Test
    @DisplayName("sees the reference solution beside its own only after passing")
    void referenceAfterAPass() throws Exception {
        delete("/api/progress/exercise." + EXERCISE);
        put("/api/progress/exercise-code." + EXERCISE + ".nodejs", JSON.writeValueAsString(Map.of("code", solution())));
        openExercise();
        assertFalse(browser.driver().findElement(By.id("reference")).isDisplayed(), "no solution offered before a pass");

        keys.pressOn("submit");
        browser.waitUntil(driver -> "pass".equals(browser.attribute("#grade [data-score]", "data-status")), "a pass");
        assertEquals("submit", keys.active().getAttribute("id"), "the focus stays on the button it pressed");
        browser.waitFor(By.id("show-reference"));
        keys.pressOn("show-reference");
        String reference = browser.waitFor(By.cssSelector("#comparison [data-code=reference] pre")).getText();
        assertEquals(solution().strip(), reference.strip(), "the reference solution");
        assertEquals(solution().strip(), browser.driver().findElement(By.cssSelector("#comparison [data-code=yours] pre"))
                .getText().strip(), "beside the learner's own code");
        browser.waitForText(By.id("reference-status"), "beside yours");
        browser.finish("exercise-reference");
    }

    @Test
    @DisplayName("reads remarks on how its code is written below the checks, the most pressing first, accessible")
    void readsCommentsOnItsCode() throws Exception {
        String counting = "var greeted = 0;\n" + solution().replace("export const handler = async (event) => {",
                "export const handler = async (event) => {\n  greeted++;");
        assertTrue(counting.contains("greeted++"), "the solution's handler is where the counter goes");
        put("/api/progress/exercise-code." + EXERCISE + ".nodejs", JSON.writeValueAsString(Map.of("code", counting)));
        openExercise();
        keys.pressOn("submit");
        browser.waitFor(By.cssSelector("#grade [data-comment]"));
        List<String> comments = browser.driver().findElements(By.cssSelector("#grade [data-comment]")).stream()
                .map(comment -> comment.getAttribute("data-comment")).toList();
        assertEquals(List.of("faaslab.state.module_state", "faaslab.javascript.prefer_const"), comments);
        String state = browser.driver().findElement(By.cssSelector("#grade [data-comment='faaslab.state.module_state']"))
                .getText();
        assertTrue(state.startsWith("Worth changing: Line ") && state.contains("greeted"), state);
        assertEquals("greeted", browser.driver().findElement(
                By.cssSelector("#grade [data-comment='faaslab.state.module_state'] code")).getText());
        Accessibility.assertNoSeriousViolations(browser, "exercise-comments");
        browser.finish("exercise-comments");
    }

    static String solution() throws Exception {
        return Files.readString(EXERCISES.resolve(EXERCISE).resolve("solution.mjs"));
    }

    static void delete(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri(path))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
    }

    static void openExercise() {
        browser.open(app.uri("/exercise.html?id=" + EXERCISE));
        browser.waitFor(By.cssSelector("body[data-ready]"));
    }

    static void put(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
