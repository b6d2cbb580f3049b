package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole learner's flow in a real Chromium against a real server: the course map, a lesson, the
 * editor, deploy and invoke, errors in place, code that survives a reload, and the live panel during a
 * burst from the traffic generator.
 */
@DisplayName("A learner in the browser")
class LessonFlowIT {

    static final String FIRST = "what-serverless-is";
    static final String STATE = "statelessness-and-state-elsewhere";
    static final String EVENTS = "queues-and-database-changes";
    static final String COLD = "cold-and-warm-starts";
    /** The table whose item 'release' lets the burst's held requests finish. */
    static final String HOLD = "burst-hold";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Every lesson's id, in course order, from the lesson folders (each lesson's own walk is LessonWalkthroughIT's). */
    static final List<String> COURSE = LessonLibrary.load(Path.of("..", "lessons")).lessons().stream().map(Lesson::id).toList();

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    static final Keyboard keys = new Keyboard(browser);

    @RegisterExtension
    static final WebApp app = new WebApp();

    static final LessonSteps steps = new LessonSteps(browser, keys, app);

    @BeforeAll
    static void warmUpEngines() throws Exception {
        steps.warmUpPython();
        steps.warmUpJavaScript();
    }

    @Test
    @DisplayName("sees the lessons in order on the course map, and it is accessible in both colour schemes")
    void courseMap() throws Exception {
        for (ColorScheme scheme : ColorScheme.values()) {
            browser.useColorScheme(scheme);
            browser.open(app.uri("/"));
            browser.waitFor(By.cssSelector("body[data-ready]"));
            List<String> lessons = browser.driver().findElements(By.cssSelector("[data-lesson]")).stream()
                    .map(card -> card.getAttribute("data-lesson")).toList();
            assertEquals(COURSE, lessons, "the course map lists every lesson folder's lesson, in order");
            Screenshots.save(browser, "course-map-" + scheme.name().toLowerCase());
            Accessibility.assertNoSeriousViolations(browser, "course-map-" + scheme.name().toLowerCase());
            assertEquals(List.of(), browser.consoleErrors(), "the course map logs no error");
        }
        browser.useColorScheme(ColorScheme.LIGHT);
    }

    @Test
    @DisplayName("opens a lesson, edits, deploys, invokes and reads the result in JavaScript with the keyboard alone")
    void keyboardFlowInJavaScript() throws Exception {
        steps.forget(FIRST);
        browser.open(app.uri("/"));
        browser.waitFor(By.cssSelector("body[data-ready]"));
        keys.tabUntil("the course map's start link", element -> "continue-link".equals(element.getAttribute("id")));
        keys.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("body[data-ready]"));
        assertTrue(browser.driver().getCurrentUrl().contains("id=" + FIRST), "Enter on the link opened the first lesson");

        keys.tabUntil("the skip link to the lab", element -> "#lab".equals(element.getAttribute("href"))
                || element.getAttribute("href") != null && element.getAttribute("href").endsWith("#lab"));
        keys.press(Keys.ENTER);
        keys.tabUntil("the code editor", element -> element.getAttribute("class").contains("cm-content"));
        keys.selectAll();
        // One key at a time, each once the editor has the one before: a whole line sent at once lost keys on
        // CI's loaded machine, and the code deployed was not the code typed.
        steps.typeInEditor("export const handler = async (event) => ({ greeting: 'typed by keyboard' });");
        keys.press(Keys.ESCAPE, Keys.TAB);
        assertFalse(keys.active().getAttribute("class").contains("cm-content"), "Esc then Tab leaves the editor");
        keys.tabUntil("the Deploy and invoke button", element -> "deploy-invoke".equals(element.getAttribute("id")));
        keys.press(Keys.ENTER);

        WebElement outcome = browser.waitFor(By.cssSelector("#result [data-invocation], #code-problem [data-problem]"));
        assertNull(outcome.getAttribute("data-problem"), "the typed code deployed without a problem: " + outcome.getText());
        assertEquals("deploy-invoke", keys.active().getAttribute("id"), "the focus stays on the button it pressed");
        assertEquals("true", browser.attribute("#result [data-invocation]", "data-cold"),
                "the first invocation is a cold start, and says so");
        browser.waitForText(By.cssSelector("#result [data-result]"), "typed by keyboard");
        browser.waitForText(By.cssSelector("#result [data-report]"), "Init Duration");
        browser.waitForText(By.id("logs"), "REPORT RequestId");
        Screenshots.save(browser, "flow-javascript-result");

        browser.driver().findElement(By.id("invoke")).sendKeys(Keys.ENTER);
        browser.waitUntil(driver -> "false".equals(browser.attribute("#result [data-invocation]", "data-cold")),
                "a second, warm invocation");
        assertEquals(List.of(), browser.consoleErrors(), "the flow logs no error");
    }

    @Test
    @DisplayName("switches to Python with the keyboard, and its function runs and answers")
    void flowInPython() throws Exception {
        steps.forget(FIRST);
        // The code comes saved, as after any reload: typing it fast into the editor lost keys on a loaded
        // machine, and the keyboard's part of this flow is switching the language (typing has its own test).
        steps.saveCode(FIRST, "python", "def lambda_handler(event, context): return {'language': 'python', 'n': 6 * 7}");
        steps.openLesson(FIRST);
        WebElement python = browser.driver().findElement(By.cssSelector("input[name=runtime][value=python]"));
        browser.driver().findElement(By.cssSelector("input[name=runtime][value=nodejs]")).sendKeys(Keys.ARROW_RIGHT);
        browser.waitUntil(driver -> python.isSelected(), "the Python radio button selected by an arrow key");
        browser.waitUntil(driver -> steps.editorText().contains("def lambda_handler"), "the Python starter in the editor");
        browser.driver().findElement(By.id("deploy-invoke")).click();
        browser.waitForText(By.cssSelector("#result [data-result]"), "\"n\": 42");
        assertTrue(browser.driver().findElement(By.cssSelector("#result [data-result]")).getText().contains("python"));
        Screenshots.save(browser, "flow-python-result");
        assertEquals(List.of(), browser.consoleErrors(), "the Python flow logs no error");
    }

    @Test
    @DisplayName("sees a syntax error in place, with its line marked in the editor")
    void syntaxErrorInPlace() throws Exception {
        steps.forget(FIRST);
        steps.openLesson(FIRST);
        steps.editor().click();
        keys.selectAll();
        steps.typeInEditor("export const handler = async () => 1;\nconst broken = 1 +* 2;");
        browser.driver().findElement(By.id("deploy-invoke")).click();
        WebElement problem = browser.waitFor(By.cssSelector("#code-problem [data-problem=SyntaxError]"));
        assertTrue(problem.getText().contains("line 2"), "the problem names the line: " + problem.getText());
        browser.waitFor(By.cssSelector(".cm-content .cm-lintRange-error"));
        Screenshots.save(browser, "flow-syntax-error");
    }

    @Test
    @DisplayName("sees a timeout explained, and what to try")
    void timeoutExplained() throws Exception {
        steps.forget(FIRST);
        steps.saveCode(FIRST, "export const handler = async () => { while (true) {} };");
        steps.openLesson(FIRST);
        browser.driver().findElement(By.id("deploy-invoke")).click();
        WebElement error = browser.waitFor(By.cssSelector("#result [data-function-error=TIMEOUT]"));
        assertTrue(error.getText().contains("ran past its timeout"), error.getText());
        assertTrue(error.getText().contains("Try:"), "the explanation says what to try");
    }

    @Test
    @DisplayName("finds an edit made just before a reload on a slow network, and the server has it; Reset brings the starter back")
    void reloadKeepsTheCode() throws Exception {
        steps.forget(COLD);
        steps.openLesson(COLD);
        String starter = steps.editorText();
        long revision;
        steps.slowNetwork();   // saves lag behind the typing, as on a loaded machine
        try {
            revision = steps.typeAtTheEnd("// kept across reloads");
            browser.driver().navigate().refresh();   // at once: no waiting for "Saved"
            browser.waitFor(By.cssSelector("body[data-ready]"));
        } finally {
            steps.normalNetwork();
        }
        browser.waitUntil(driver -> steps.editorText().endsWith("// kept across reloads"), "the edit back after a reload");
        steps.awaitSaved(COLD, revision, "// kept across reloads");

        browser.driver().findElement(By.id("reset-code")).click();
        browser.driver().switchTo().alert().accept();
        browser.waitForText(By.id("save-status"), "Reset to the starter code");
        assertFalse(steps.editorText().contains("// kept across reloads"));
        browser.driver().navigate().refresh();
        browser.waitFor(By.cssSelector("body[data-ready]"));
        assertEquals(starter, steps.editorText(), "after a reset, a reload shows the starter");
    }

    @Test
    @DisplayName("leaves the page right after an edit on a slow network, as closing the tab does, and the server has the edit")
    void leavingThePageKeepsTheCode() throws Exception {
        steps.forget(COLD);
        steps.openLesson(COLD);
        long revision;
        steps.slowNetwork();
        try {
            revision = steps.typeAtTheEnd("// kept after leaving");
            browser.driver().get("about:blank");   // nothing of this site comes back to pick up what is left
        } finally {
            steps.normalNetwork();
        }
        steps.awaitSaved(COLD, revision, "// kept after leaving");
        steps.openLesson(COLD);
        assertTrue(steps.editorText().endsWith("// kept after leaving"), "the edit is there when the learner comes back");
    }

    @Test
    @DisplayName("sends a burst of N from the traffic generator and sees N busy instances and N cold starts")
    void burstShowsInstances() throws Exception {
        int n = 6;
        steps.forget(EVENTS);
        JsonNode lesson = steps.api("GET", "/api/lessons/" + EVENTS, null);
        String function = lesson.get("function").asText();
        // Each request holds its instance until the test has seen all N busy and releases them (a table item), so
        // they are busy at once however slow the machine is at starting them, and the test waits no longer than it
        // must; 25 s at most, inside the timeout, so that a lab that never shows them fails instead of hanging.
        // The lab's deploy changes the code and keeps this timeout.
        steps.api("PUT", "/api/tables/" + HOLD, "{\"partitionKey\":\"id\"}");
        steps.api("PUT", "/api/functions/" + function, "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => 1;\","
                + "\"timeoutSeconds\":30}");
        steps.saveCode(EVENTS, """
                import { table } from 'faaslab';
                export const handler = async () => {
                  const deadline = Date.now() + 25000;
                  while (!(await table('%s').get({ id: 'release' })).item && Date.now() < deadline) {
                    await new Promise((resolve) => setTimeout(resolve, 20));
                  }
                  return { statusCode: 200, body: 'slow' };
                };""".formatted(HOLD));
        steps.openLesson(EVENTS);
        Select pattern = new Select(browser.driver().findElement(By.id("traffic-pattern")));
        pattern.selectByValue("burst");
        WebElement size = browser.waitFor(By.id("traffic-burst"));
        size.clear();
        size.sendKeys(String.valueOf(n));
        browser.driver().findElement(By.cssSelector("#traffic [data-traffic=start]")).click();

        browser.waitUntil(driver -> driver.findElements(By.cssSelector("#panel .tile[data-state=busy]")).size() == n,
                n + " busy instance tiles");
        Screenshots.save(browser, "burst-busy");
        browser.waitUntil(driver -> String.valueOf(n).equals(driver.findElement(
                By.cssSelector("#panel [data-metric=coldStarts]")).getAttribute("data-value")), n + " cold starts counted");
        steps.api("PUT", "/api/tables/" + HOLD + "/items/release", "{}");
        browser.waitUntil(driver -> driver.findElements(By.cssSelector("#panel .tile[data-state=idle]")).size() == n,
                "the " + n + " instances idle after the burst");
        assertEquals(n, steps.api("GET", "/api/functions/" + function + "/instances", null).get("instances").size(),
                "the panel shows what the platform has");
        Screenshots.save(browser, "burst-done");
        assertEquals(List.of(), browser.consoleErrors(), "the burst logs no error");
        steps.api("DELETE", "/api/tables/" + HOLD, null);
    }

    @Test
    @DisplayName("imports progress from a file on the course map, and sees the lesson it marks as done ticked")
    void importsProgress(@TempDir Path downloads) throws Exception {
        Path file = downloads.resolve("faaslab-progress.json");
        var export = (ObjectNode) steps.api("GET", "/api/progress/export", null);
        // Done means every prediction answered and the concept check passed, as the server records them.
        ObjectNode saved = (ObjectNode) export.get("progress");
        ObjectNode predictions = saved.putObject("predictions." + COLD);
        steps.api("GET", "/api/lessons/" + COLD, null).path("doneWhen").path("predictions").forEach(id ->
                predictions.putObject(id.asText()).put("choice", 0).put("right", false).put("answeredAt", "2026-11-23T10:01:00Z"));
        saved.set("check." + COLD, JSON.readTree("{\"answers\":{},\"score\":3,\"questions\":4,\"pass\":3,\"passed\":true,"
                + "\"passedAt\":\"2026-11-23T10:05:00Z\"}"));
        Files.writeString(file, JSON.writeValueAsString(export));
        steps.api("DELETE", "/api/progress/predictions." + COLD, null);
        steps.api("DELETE", "/api/progress/check." + COLD, null);
        browser.open(app.uri("/"));
        browser.waitFor(By.cssSelector("body[data-ready]"));
        assertEquals("false", browser.attribute("[data-lesson=" + COLD + "]", "data-done"));

        browser.driver().findElement(By.id("import-file")).sendKeys(file.toString());
        browser.waitForText(By.id("import-status"), "Imported");
        browser.waitUntil(driver -> "true".equals(browser.attribute("[data-lesson=" + COLD + "]", "data-done")),
                "the imported lesson ticked as done");
        assertEquals(List.of(), browser.consoleErrors(), "the import logs no error");
    }
}
