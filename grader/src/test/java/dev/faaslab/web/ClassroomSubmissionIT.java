package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A submission in a class, with the grader present: the instructor's dashboard is open while a learner who joined
 * by the class's link submits an exercise from its page, and the grid's cell for that exercise and language shows
 * her full marks without a reload.
 */
@DisplayName("A learner's submission in a class")
class ClassroomSubmissionIT {

    static final String EXERCISE = "hello-context";
    static final Duration GRADING = Duration.ofMinutes(3);

    @RegisterExtension
    static final WebApp app = WebApp.classroom();

    @RegisterExtension
    static final BrowserSession instructor = new BrowserSession();

    @RegisterExtension
    static final BrowserSession learner = new BrowserSession();

    @Test
    @DisplayName("shows in the instructor's live grid as her score, and in the gradebook")
    void showsLive() throws Exception {
        Keyboard teacherKeys = new Keyboard(instructor);
        instructor.open(app.uri("/#/classroom/setup/" + app.setUpLinkToken()));
        instructor.waitFor(By.id("setup-form"));
        teacherKeys.press("ada", Keys.TAB, "Ada Lovelace", Keys.TAB, "correct horse battery", Keys.ENTER);
        instructor.waitForText(By.cssSelector("#classroom-page h1"), "Your classes");
        instructor.driver().findElement(By.id("class-title")).sendKeys("Graded workshop", Keys.ENTER);
        instructor.waitFor(By.id("grid"));
        String joinLink = instructor.attribute("#join-link", "value");

        Keyboard keys = new Keyboard(learner);
        learner.open(java.net.URI.create(joinLink));
        learner.waitFor(By.id("join-form"));
        keys.tabTo("join-name");
        keys.press("Grace Hopper", Keys.ENTER);
        learner.waitForText(By.cssSelector("[data-class-bar]"), "Grace Hopper");
        instructor.waitUntil(driver -> driver.findElements(By.cssSelector("#grid tbody tr[data-learner]")).size() == 1,
                "her row in the grid");
        instructor.driver().executeScript("window.notReloaded = true");

        // Her code comes saved, as after any reload (typing has tests of its own), with her session's CSRF token.
        String solution = Files.readString(Path.of("..", "exercises", EXERCISE, "solution.mjs"));
        Object saved = learner.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/classroom/session').then((r) => r.json()).then((session) => fetch(
                  '/api/progress/exercise-code.' + arguments[0] + '.nodejs', { method: 'PUT',
                  headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
                  body: JSON.stringify({ code: arguments[1] }) })).then((r) => done(r.status), (e) => done(String(e)));
                """, EXERCISE, solution);
        assertEquals(200L, saved, "her code is saved in her workspace");
        keys.follow("/exercise.html?id=" + EXERCISE);
        learner.waitFor(By.cssSelector("body[data-ready]"));
        keys.pressOn("submit");
        learner.waitUntil(driver -> learner.attribute("#grade [data-score]", "data-score") != null, "her grade", GRADING);
        String score = learner.attribute("#grade [data-score]", "data-score");
        assertEquals(learner.attribute("#grade [data-score]", "data-max-score"), score, "full marks");

        String cell = "#grid tbody tr[data-learner] td[data-cell='exercise:" + EXERCISE + ":nodejs']";
        instructor.waitForText(By.cssSelector(cell), score + " / " + score);
        assertEquals(Boolean.TRUE, instructor.driver().executeScript("return window.notReloaded"), "no reload");
        Screenshots.save(instructor, "classroom-dashboard-graded");
        assertEquals(List.of(), learner.consoleErrors(), "the exercise page logs no error");
        assertTrue(instructor.driver().findElement(By.id("gradebook")).getAttribute("href").endsWith("/gradebook.csv"));
    }
}
