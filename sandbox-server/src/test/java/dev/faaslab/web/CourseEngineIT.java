package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The lesson engine in a real Chromium against a real server, with the keyboard alone: a prediction asked and
 * recorded before its experiment runs (and its answer nowhere in the page until then), the concept check answered
 * wrong then right, and a glossary term's definition on focus.
 */
@DisplayName("A learner working through a lesson's questions")
class CourseEngineIT {

    static final String FIRST = "what-serverless-is";

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    static final Keyboard keys = new Keyboard(browser);

    @RegisterExtension
    static final WebApp app = new WebApp();

    @Test
    @DisplayName("commits to a prediction before the experiment runs, then sees what happened beside it, with why")
    void predictsBeforeTheExperiment() throws Exception {
        forget();
        String function = api("GET", "/api/lessons/" + FIRST, null).path("function").asText();
        openLesson();
        String page = (String) browser.driver().executeScript("return document.documentElement.outerHTML");
        assertFalse(page.contains("brackets each invocation"), "the right choice's explanation is not in the page yet");
        assertFalse(page.contains("Deploying took no machine"), "nor what to notice in the outcome");
        assertFalse(deployed(function), "nothing has run: the experiment waits for the prediction");

        keys.tabUntil("the prediction's first choice", element -> "prediction-first-log".equals(element.getAttribute("name")));
        keys.press(Keys.ARROW_DOWN);
        WebElement chosen = keys.active();
        assertEquals("1", chosen.getAttribute("value"), "the arrow key chose the second answer");
        assertTrue(chosen.isSelected());
        keys.press(Keys.TAB);
        assertTrue(keys.active().getDomAttribute("data-prediction-run") != null, "Tab reached the button that locks it in");
        keys.press(Keys.ENTER);

        By block = By.cssSelector("[data-prediction=first-log]");
        browser.waitUntil(driver -> "answered".equals(driver.findElement(block).getAttribute("data-state")),
                "the prediction answered and its experiment run");
        JsonNode recorded = api("GET", "/api/progress", null).path("progress").path("predictions." + FIRST).path("first-log");
        assertEquals(1, recorded.path("choice").asInt(), "the choice is in the learner's progress: " + recorded);
        assertTrue(deployed(function), "the experiment deployed and invoked the lab's function");

        WebElement outcome = browser.waitFor(By.cssSelector("[data-prediction=first-log] [data-prediction-outcome]"));
        assertEquals("true", browser.attribute("[data-prediction=first-log] [data-verdict]", "data-verdict"));
        assertTrue(outcome.findElement(By.cssSelector("[data-explanation]")).getText().contains("brackets each invocation"),
                "the chosen answer's explanation shows after the experiment: " + outcome.getText());
        WebElement observed = outcome.findElement(By.cssSelector("[data-observed]"));
        assertTrue(observed.findElement(By.cssSelector("[data-outcome=invocation]")).isDisplayed(),
                "what happened: the invocation, beside the prediction");
        assertTrue(observed.getText().contains("Hello, Ada!") && observed.getText().contains("REPORT RequestId"),
                "the experiment's result and log: " + observed.getText());
        assertTrue(outcome.findElement(By.cssSelector("[data-reveal]")).getText().contains("Deploying took no machine"));
        assertEquals("You predicted", keys.active().getText(), "the focus moved to the outcome");
        assertTrue(browser.driver().findElement(By.cssSelector("[data-lesson-progress]")).getText()
                .contains("Predictions answered: 1 of 3"), "the lesson counts the answered prediction");

        for (ColorScheme scheme : ColorScheme.values()) {
            browser.useColorScheme(scheme);
            Screenshots.save(browser, "prediction-answered-" + scheme.mediaValue());
            Accessibility.assertNoSeriousViolations(browser, "prediction-answered-" + scheme.mediaValue());
        }
        browser.useColorScheme(ColorScheme.LIGHT);
        assertEquals(List.of(), browser.consoleErrors(), "the prediction logs no error");
    }

    @Test
    @DisplayName("answers a concept-check question wrong, reads why, then answers it right, and the score is kept")
    void conceptCheckWrongThenRight() throws Exception {
        forget();
        openLesson();
        By question = By.cssSelector("[data-question=one-at-a-time]");
        keys.tabUntil("the question's first choice", element -> "check-one-at-a-time".equals(element.getAttribute("name")));
        keys.press(Keys.ARROW_DOWN);
        keys.press(Keys.TAB);
        keys.press(Keys.ENTER);
        browser.waitUntil(driver -> "false".equals(driver.findElement(question).getAttribute("data-right")), "a wrong answer");
        assertTrue(browser.driver().findElement(question).findElement(By.cssSelector("[data-feedback]")).getText()
                .contains("That is how a server"), "the wrong choice's own explanation");
        assertEquals("0", browser.attribute("[data-check-score]", "data-score"));

        keys.backTab();
        keys.press(Keys.ARROW_UP);
        assertEquals("0", keys.active().getAttribute("value"), "back on the first choice");
        keys.press(Keys.TAB);
        keys.press(Keys.ENTER);
        browser.waitUntil(driver -> "true".equals(driver.findElement(question).getAttribute("data-right")), "the right answer");
        assertTrue(browser.driver().findElement(question).getText().contains("Right."));
        assertEquals("1", browser.attribute("[data-check-score]", "data-score"));

        keys.press(Keys.TAB);
        assertEquals("check-gb-seconds", keys.active().getAttribute("name"), "Tab goes on to the number question");
        keys.press("0,0125", Keys.ENTER);
        browser.waitUntil(driver -> "true".equals(browser.attribute("[data-question=gb-seconds]", "data-right")),
                "a number with a decimal comma, graded right");
        assertEquals("2", browser.attribute("[data-check-score]", "data-score"));

        JsonNode stored = api("GET", "/api/progress", null).path("progress").path("check." + FIRST);
        assertEquals(2, stored.path("score").asInt(), "the score is in the learner's progress: " + stored);
        assertEquals(2, stored.path("answers").path("one-at-a-time").path("attempts").asInt());
        assertFalse(stored.path("passed").asBoolean(), "2 of 5 is short of the pass mark of 3");

        browser.driver().navigate().refresh();
        browser.waitFor(By.cssSelector("body[data-ready]"));
        assertEquals("2", browser.attribute("[data-check-score]", "data-score"), "the score is back after a reload");
        for (ColorScheme scheme : ColorScheme.values()) {
            browser.useColorScheme(scheme);
            Accessibility.assertNoSeriousViolations(browser, "concept-check-" + scheme.mediaValue());
        }
        browser.useColorScheme(ColorScheme.LIGHT);
        assertEquals(List.of(), browser.consoleErrors(), "the concept check logs no error");
    }

    @Test
    @DisplayName("moves the focus to a glossary term and gets its definition, Escape hides it, Enter opens the glossary")
    void glossaryTermOnFocus() {
        openLesson();
        By term = By.cssSelector("a.term-link[data-term=serverless]");
        WebElement link = browser.driver().findElement(term);
        WebElement definition = browser.driver().findElement(By.id(link.getAttribute("aria-describedby")));
        assertEquals("tooltip", definition.getAttribute("role"));
        assertFalse(definition.isDisplayed(), "the definition is hidden until the term has the focus");

        keys.tabUntil("the term 'serverless'", element -> "serverless".equals(element.getAttribute("data-term")));
        browser.waitUntil(driver -> definition.isDisplayed(), "the definition shown on focus");
        assertTrue(definition.getText().startsWith("serverless: A way of running code"), definition.getText());
        keys.press(Keys.ESCAPE);
        browser.waitUntil(driver -> !definition.isDisplayed(), "the definition hidden by Escape");
        assertEquals("serverless", keys.active().getAttribute("data-term"), "Escape leaves the focus on the term");

        keys.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("body[data-ready]"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/glossary.html#serverless"), browser.driver().getCurrentUrl());
        WebElement entry = browser.waitFor(By.id("serverless"));
        assertEquals("serverless", entry.getText());
        browser.waitUntil(driver -> Boolean.TRUE.equals(browser.driver().executeScript(
                "return document.getElementById('serverless').matches(':target')")), "the term the link named is the target");
        WebElement usedIn = browser.driver().findElement(By.xpath("//dt[@id='serverless']/following-sibling::dd[1]"));
        assertTrue(usedIn.getText().contains("What serverless is"), "the glossary names the lessons using it: " + usedIn.getText());
        assertEquals(List.of(), browser.consoleErrors(), "the glossary logs no error");
    }

    @Test
    @DisplayName("sees on the course map each lesson's time, level and objectives, and where it stands, done once passed")
    void courseMapShowsWhereTheLessonStands() throws Exception {
        forget();
        JsonNode lesson = api("GET", "/api/lessons/" + FIRST, null);
        api("PUT", "/api/progress/exercise." + lesson.path("exercise").asText(),
                "{\"bestScore\":5,\"maxScore\":9,\"lastScore\":5,\"submittedAt\":\"2026-12-06T10:00:00Z\"}");
        String predictions = "/api/lessons/" + FIRST + "/predictions/";
        api("POST", predictions + "first-log", "{\"choice\":1}");
        api("POST", "/api/lessons/" + FIRST + "/check/one-at-a-time", "{\"answer\":0}");
        browser.open(app.uri("/"));
        browser.waitFor(By.cssSelector("body[data-ready]"));
        String card = "[data-lesson=" + FIRST + "]";
        WebElement progress = browser.driver().findElement(By.cssSelector(card + " [data-progress]"));
        assertEquals("1", progress.getDomAttribute("data-answered"));
        assertEquals("1", progress.getDomAttribute("data-score"));
        assertTrue(progress.getText().contains("predictions 1 of 3") && progress.getText().contains("concept check 1 of 5 (3 to pass)"),
                progress.getText());
        assertTrue(browser.driver().findElement(By.cssSelector(card + " .facts")).getText()
                .contains("About " + lesson.path("minutes").asInt() + " minutes · Beginner"));
        assertTrue(browser.driver().findElement(By.cssSelector(card + " [data-exercise-score]")).getText().contains("best score 5 of 9"));
        assertEquals("false", browser.attribute(card, "data-done"), "not done: two predictions and the check are left");

        api("POST", predictions + "burst-instances", "{\"choice\":0}");
        api("POST", predictions + "idle-bill", "{\"choice\":1}");
        api("POST", "/api/lessons/" + FIRST + "/check/no-servers", "{\"answer\":1}");
        api("POST", "/api/lessons/" + FIRST + "/check/idle-cost", "{\"answer\":0}");
        browser.driver().navigate().refresh();
        browser.waitFor(By.cssSelector("body[data-ready]"));
        assertEquals("true", browser.attribute(card, "data-done"),
                "done with every prediction answered (one of them wrong) and the check passed, 3 of 5");
        assertTrue(browser.driver().findElement(By.cssSelector(card + " [data-progress]")).getText().contains("(passed)"));
        assertEquals(List.of(), browser.consoleErrors(), "the course map logs no error");
    }

    @Test
    @DisplayName("runs an experiment that starts from fresh instances: a warm instance let go, then a cold call and a warm one")
    void anExperimentStartsFromFreshInstances() throws Exception {
        String lesson = "cold-and-warm-starts";
        for (String key : List.of("code." + lesson + ".nodejs", "code." + lesson + ".python", "lesson." + lesson,
                "predictions." + lesson)) {
            api("DELETE", "/api/progress/" + key, null);
        }
        browser.open(app.uri("/lesson.html?id=" + lesson));
        browser.waitFor(By.cssSelector("body[data-ready]"));
        browser.driver().findElement(By.id("deploy-invoke")).click();
        browser.waitFor(By.cssSelector("#result [data-invocation]"));   // an instance, warm from now on

        keys.tabUntil("the first choice of 'the same instance twice'",
                element -> "prediction-same-instance".equals(element.getAttribute("name")));
        keys.press(Keys.ARROW_DOWN);
        keys.press(Keys.TAB);
        keys.press(Keys.ENTER);
        By block = By.cssSelector("[data-prediction=same-instance]");
        browser.waitUntil(driver -> "answered".equals(driver.findElement(block).getAttribute("data-state")),
                "the experiment run");
        WebElement observed = browser.waitFor(By.cssSelector("[data-prediction=same-instance] [data-observed]"));
        assertTrue(observed.getText().contains("let go of the function’s instances"), observed.getText());
        List<String> cold = observed.findElements(By.cssSelector("[data-outcome=invocation]")).stream()
                .map(call -> call.getAttribute("data-cold")).toList();
        assertEquals(List.of("true", "false"), cold, "the warm instance was let go: a cold call, then a warm one");
        assertEquals(List.of(), browser.consoleErrors(), "the experiment logs no error");
    }

    // ---- steps ----

    static void openLesson() {
        browser.open(app.uri("/lesson.html?id=" + FIRST));
        browser.waitFor(By.cssSelector("body[data-ready]"));
    }

    /** Forgets the learner's code, progress and answers for the lesson, and its function: each test starts afresh. */
    static void forget() throws Exception {
        for (String key : List.of("code." + FIRST + ".nodejs", "code." + FIRST + ".python", "lesson." + FIRST, "course",
                "predictions." + FIRST, "check." + FIRST)) {
            api("DELETE", "/api/progress/" + key, null);
        }
        String function = api("GET", "/api/lessons/" + FIRST, null).path("function").asText();
        if (deployed(function)) {
            api("DELETE", "/api/functions/" + function, null);
        }
    }

    static boolean deployed(String function) throws Exception {
        for (JsonNode fn : api("GET", "/api/functions", null).path("functions")) {
            if (function.equals(fn.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    static JsonNode api(String method, String path, String body) throws Exception {
        return app.api(method, path, body);
    }
}
