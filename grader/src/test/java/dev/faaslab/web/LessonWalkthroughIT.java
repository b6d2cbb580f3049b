package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.course.ConceptCheck;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonLibrary;
import dev.faaslab.course.Prediction;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Each lesson followed as a learner follows it, in a real Chromium against a real server with the grader, with the
 * keyboard alone: read in both colour schemes (screenshot and accessibility check in each), every prediction answered
 * and its experiment's outcome seen, every lab link in the text followed and its result seen, the concept check
 * passed, and the lesson's exercise submitted with its reference solution for full marks. One test per lesson
 * folder, so a new lesson is walked by existing; what is right comes from the lesson's own Markdown and YAML.
 */
@DisplayName("A learner walking through each lesson with the keyboard")
class LessonWalkthroughIT {

    static final Path HOME = Path.of(System.getProperty("faaslab.home", ".."));
    static final Path EXERCISES = HOME.resolve("exercises");

    /** A prediction's experiment or a lab link may run many invocations (a burst of cold starts): more than a page. */
    static final Duration EXPERIMENT = Duration.ofMinutes(2);
    /** A submission runs every check of the exercise on the platform, some of them many times. */
    static final Duration GRADING = Duration.ofMinutes(5);

    /** A lab link in the lesson's text, outside its blocks: what the learner follows as they read. */
    static final Pattern LAB_LINK = Pattern.compile("\\]\\((#lab/[^)\\s]+)\\)");

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

    /** Every lesson; {@code -Dfaaslab.walk=id,id} walks only those, for an author trying their own lesson. */
    static Stream<Named<Lesson>> lessons() {
        List<String> only = List.of(System.getProperty("faaslab.walk", "").split(",")).stream()
                .filter(id -> !id.isBlank()).toList();
        return LessonLibrary.load(HOME.resolve("lessons")).lessons().stream()
                .filter(lesson -> only.isEmpty() || only.contains(lesson.id()))
                .map(lesson -> Named.of(lesson.order() + " " + lesson.id(), lesson));
    }

    @ParameterizedTest(name = "lesson {0}")
    @MethodSource("lessons")
    @DisplayName("reads it in both colour schemes, answers every prediction, follows every lab link, passes the check, "
            + "and gets full marks for the exercise's reference solution")
    void walksThrough(Lesson lesson) throws Exception {
        Stopwatch time = new Stopwatch();
        readInBothSchemes(lesson);
        time.lap("read");
        followTheText(lesson);
        time.lap("text");
        passTheCheck(lesson);
        browser.waitUntil(driver -> "true".equals(browser.attribute("[data-lesson-progress]", "data-done")),
                "the lesson marked done: every prediction answered and the check passed");
        Screenshots.save(browser, "walkthrough-" + lesson.id() + "-done");
        assertEquals(List.of(), pageErrors(), "the lesson page logs no error as the learner works through it");
        time.lap("check");
        submitTheExercise(lesson);
        time.lap("exercise");
        System.out.printf("Walked through lesson %d %s in %s%n", lesson.order(), lesson.id(), time);
    }

    // ---- reading ----

    void readInBothSchemes(Lesson lesson) throws Exception {
        steps.forget(lesson.id());
        steps.openLesson(lesson.id());
        browser.waitFor(By.cssSelector("#panel [data-metric=coldStarts]"));
        browser.waitFor(By.cssSelector("#traffic [data-traffic=start]"));
        // One load: the page follows the scheme as it changes, as it does when a learner's system switches to dark.
        for (ColorScheme scheme : ColorScheme.values()) {
            browser.useColorScheme(scheme);
            String name = "lesson-" + lesson.id() + "-" + scheme.name().toLowerCase();
            Screenshots.save(browser, name);
            Accessibility.assertNoSeriousViolations(browser, name);
        }
        browser.useColorScheme(ColorScheme.LIGHT);
        assertEquals(List.of(), pageErrors(), "the lesson page logs no error");
    }

    // ---- the text: lab links and predictions, in the order they come ----

    void followTheText(Lesson lesson) throws Exception {
        List<WebElement> items = browser.driver().findElements(
                By.cssSelector("#lesson-body a[href^='#lab/'], #lesson-body [data-prediction]"));
        List<String> links = new ArrayList<>();
        List<String> predictions = new ArrayList<>();
        for (WebElement item : items) {
            String prediction = item.getDomAttribute("data-prediction");
            if (prediction == null) {
                links.add(item.getDomAttribute("href"));
            } else {
                predictions.add(prediction);
            }
        }
        assertEquals(labLinksInTheText(lesson), links, "the page has every lab link of the lesson's text, in order");
        assertEquals(lesson.predictions().stream().map(Prediction::id).toList(), predictions,
                "the page asks every prediction of the lesson, in order");
        for (WebElement item : items) {
            String prediction = item.getDomAttribute("data-prediction");
            if (prediction == null) {
                follow(item, item.getDomAttribute("href"));
            } else {
                predict(lesson.prediction(prediction).orElseThrow());
            }
        }
    }

    static List<String> labLinksInTheText(Lesson lesson) throws Exception {
        Path folder = Files.list(HOME.resolve("lessons"))
                .filter(candidate -> candidate.getFileName().toString().endsWith("-" + lesson.id()))
                .findFirst().orElseThrow(() -> new AssertionError("no folder NN-" + lesson.id() + " under lessons/"));
        String text = Files.readString(folder.resolve("lesson.md")).replaceAll("(?s)\n```.*?\n```", "");
        List<String> links = new ArrayList<>();
        Matcher link = LAB_LINK.matcher(text);
        while (link.find()) {
            links.add(link.group(1));
        }
        return links;
    }

    /** Tabs to the link, presses Enter, and waits until the lab has done what it says and shows it. */
    void follow(WebElement link, String href) {
        String[] action = href.substring("#lab/".length()).split("/");
        int before = timesDone(link);
        String lastInvocation = browser.attribute("#result [data-invocation]", "data-invocation");
        keys.tabUntil("the link " + href, element -> element.equals(link));
        keys.press(Keys.ENTER);
        browser.waitUntil(driver -> timesDone(link) > before, "the lab to finish what " + href + " asks", EXPERIMENT);
        switch (action[0]) {
            case "invoke" -> {
                browser.waitUntil(driver -> browser.attribute("#code-problem [data-problem]", "data-problem") != null
                        || !String.valueOf(lastInvocation).equals(browser.attribute("#result [data-invocation]", "data-invocation")),
                        "a new invocation in the lab's result after " + href);
                assertEquals(null, browser.attribute("#code-problem [data-problem]", "data-problem"),
                        href + ": the lesson's code deployed: " + browser.driver().findElement(By.id("code-problem")).getText());
            }
            case "event" -> browser.waitForText(By.cssSelector("[data-lab-links=state]"), "The lab's event is now the");
            case "language" -> {
                assertTrue(browser.driver().findElement(By.cssSelector("input[name=runtime][value=" + action[1] + "]")).isSelected(),
                        href + " selects " + action[1]);
                browser.waitForText(By.id("run-status"), "selected");
            }
            // Every request back, answered or throttled: a lesson may have reserved a concurrency smaller than the burst.
            case "burst" -> browser.waitUntil(driver -> "finished".equals(browser.attribute("[data-traffic=state]", "data-state"))
                    && action[1].equals(text("[data-traffic=completed]")), "all " + action[1] + " requests of the burst back",
                    EXPERIMENT);
            case "traffic" -> {
                // The traffic runs for its seconds; once the generator shows answers coming back, the learner has seen
                // it and stops it, so that a lesson's walk takes seconds, not the length of every run. (Answered, not
                // answered OK: on a machine loaded enough, a request can outlast the function's 3 s timeout.)
                browser.waitUntil(driver -> text("[data-traffic=completed]").matches("[1-9]\\d*"), "the traffic's first answers",
                        EXPERIMENT);
                WebElement stop = browser.driver().findElement(By.cssSelector("#traffic [data-traffic=stop]"));
                if (stop.isEnabled()) {
                    stop.sendKeys(Keys.ENTER);
                }
                browser.waitUntil(driver -> !"running".equals(browser.attribute("[data-traffic=state]", "data-state")),
                        "the traffic stopped");
                // Back to the link in the text, where the learner goes on reading; Tab from the Stop button would go
                // round the whole page first.
                browser.driver().executeScript("arguments[0].focus()", link);
            }
            case "config" -> {
                browser.waitForText(By.cssSelector("[data-settings=state]"), "Applied.");
                String wanted = action[2].equals("none") ? "" : action[2];
                assertEquals(wanted, browser.driver().findElement(By.id("setting-" + action[1])).getDomProperty("value"),
                        href + ": the setting shows in the lab's configuration");
            }
            default -> browser.waitUntil(driver -> !text("[data-lab-links=state]").isEmpty()
                    && !text("[data-lab-links=state]").equals("Working…"), "what " + href + " did, in the lab's status line");
        }
        for (String problem : List.of("[data-lab-links=error]", "[data-settings=error]", "[data-traffic=error]")) {
            assertEquals("", text(problem), href + " went wrong: " + problem);
        }
    }

    static int timesDone(WebElement link) {
        String done = link.getDomAttribute("data-done");
        return done == null ? 0 : Integer.parseInt(done);
    }

    /** The text of the first element {@code selector} matches, trimmed; empty when there is none or it is hidden. */
    static String text(String selector) {
        Object text = browser.driver().executeScript(
                "const e = document.querySelector(arguments[0]); return e && !e.hidden ? e.textContent.trim() : '';", selector);
        return String.valueOf(text);
    }

    /** Tabs to the prediction, picks its right choice, locks it in with Enter, and waits for the experiment's outcome. */
    void predict(Prediction prediction) {
        String name = "prediction-" + prediction.id();
        keys.tabUntil("the first choice of the prediction " + prediction.id(), element -> name.equals(element.getAttribute("name")));
        choose(prediction.rightChoice());
        keys.press(Keys.TAB);
        assertTrue(keys.active().getDomAttribute("data-prediction-run") != null, "Tab reached the button that locks in " + name);
        keys.press(Keys.ENTER);
        String block = "[data-prediction=" + prediction.id() + "]";
        browser.waitUntil(driver -> "answered".equals(browser.attribute(block, "data-state")),
                "the prediction " + prediction.id() + " recorded and its experiment " + prediction.actions() + " run", EXPERIMENT);
        WebElement outcome = browser.waitFor(By.cssSelector(block + " [data-prediction-outcome]"));
        assertEquals("true", browser.attribute(block + " [data-verdict]", "data-verdict"), "the right choice is graded right");
        assertEquals(List.of(), outcome.findElements(By.cssSelector("[data-observed] .error-text")).stream()
                .map(WebElement::getText).toList(), "the experiment of " + prediction.id() + " ran to its end");
    }

    /** Picks a radio group's choice by index with the keyboard, from its first radio: Space on it, or arrows down. */
    static void choose(int index) {
        if (index == 0) {
            keys.press(Keys.SPACE);
        }
        for (int i = 0; i < index; i++) {
            keys.press(Keys.ARROW_DOWN);
        }
        assertEquals(String.valueOf(index), keys.active().getDomProperty("value"), "the keyboard chose choice " + index);
    }

    // ---- the concept check ----

    void passTheCheck(Lesson lesson) {
        ConceptCheck check = lesson.check();
        assertNotNull(check, lesson.id() + " has a concept check");
        for (ConceptCheck.Question question : check.questions()) {
            String name = "check-" + question.id();
            keys.tabUntil("the question " + question.id(), element -> name.equals(element.getAttribute("name")));
            switch (question) {
                case ConceptCheck.ChoiceQuestion choices -> {
                    choose(rightChoice(choices));
                    keys.press(Keys.TAB);
                    keys.press(Keys.ENTER);
                }
                case ConceptCheck.NumberQuestion number ->
                        keys.press(BigDecimal.valueOf(number.answer()).stripTrailingZeros().toPlainString(), Keys.ENTER);
            }
            browser.waitUntil(driver -> "true".equals(browser.attribute("[data-question=" + question.id() + "]", "data-right")),
                    "the question " + question.id() + " graded right");
        }
        assertEquals("true", browser.attribute("[data-check-score]", "data-passed"), "the check is passed");
    }

    static int rightChoice(ConceptCheck.ChoiceQuestion question) {
        for (int i = 0; i < question.choices().size(); i++) {
            if (question.choices().get(i).right()) {
                return i;
            }
        }
        throw new AssertionError("the question " + question.id() + " has no right choice");
    }

    // ---- the exercise ----

    /**
     * Follows the lesson's link to its exercise and submits the reference solution, in JavaScript for odd lessons and
     * Python for even ones, so the walk covers both. The code comes saved, as after any reload: typing a whole
     * solution one key at a time would cost minutes, and typing has a test of its own (LessonFlowIT).
     */
    void submitTheExercise(Lesson lesson) throws Exception {
        String exercise = lesson.exercise();
        assertNotNull(exercise, lesson.id() + " names its exercise in its front matter");
        boolean python = lesson.order() % 2 == 0;
        String runtime = python ? "python" : "nodejs";
        String solution = Files.readString(EXERCISES.resolve(exercise).resolve(python ? "solution.py" : "solution.mjs"));
        steps.api("PUT", "/api/progress/exercise-code." + exercise + "." + runtime,
                LessonSteps.JSON.writeValueAsString(Map.of("code", solution)));

        keys.follow("/exercise.html?id=" + exercise);
        browser.waitFor(By.cssSelector("body[data-ready]"));
        if (python) {
            keys.tabUntil("the language's radio buttons", element -> "runtime".equals(element.getAttribute("name")));
            keys.press(Keys.ARROW_RIGHT);
            browser.waitUntil(driver -> driver.findElement(By.cssSelector("input[name=runtime][value=python]")).isSelected(),
                    "Python selected by an arrow key");
        }
        keys.pressOn("submit");
        browser.waitUntil(driver -> browser.attribute("#grade [data-score]", "data-score") != null,
                "the grade of " + exercise + "'s reference solution in " + runtime, GRADING);
        String score = browser.attribute("#grade [data-score]", "data-score");
        String failing = browser.driver().findElements(By.cssSelector("#grade .check:not([data-status=pass])")).stream()
                .map(WebElement::getText).reduce("", (all, check) -> all + "\n" + check);
        assertEquals(browser.attribute("#grade [data-score]", "data-max-score"), score,
                "full marks for " + exercise + "'s reference solution in " + runtime + "; failing:" + failing);
        Screenshots.save(browser, "walkthrough-" + lesson.id() + "-exercise-" + runtime);
        assertEquals(List.of(), pageErrors(), "the exercise page logs no error");
    }

    /** How long each part of a lesson's walk took, for the report: the suite has a time budget. */
    static final class Stopwatch {
        private final long start = System.nanoTime();
        private long last = start;
        private final StringBuilder laps = new StringBuilder();

        void lap(String part) {
            long now = System.nanoTime();
            laps.append(laps.isEmpty() ? "" : ", ").append(part).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return (System.nanoTime() - start) / 1_000_000 + " ms (" + laps + ")";
        }
    }

    /**
     * The page's own errors. A request the lab sent to the function's HTTP trigger and the function answered 5xx
     * or 4xx is the lesson's experiment (lesson 2 sends broken JSON to a careless starter on purpose), which
     * Chromium logs as a failed load all the same.
     */
    static List<String> pageErrors() {
        return browser.consoleErrors().stream()
                .filter(error -> !(error.contains("/fn/") && error.contains("Failed to load resource")))
                .toList();
    }
}
