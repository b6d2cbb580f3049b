package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(List.of(), browser.consoleErrors(), "submitting logs no error");
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
