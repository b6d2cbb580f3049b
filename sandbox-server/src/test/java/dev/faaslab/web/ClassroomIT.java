package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A class in three browsers of their own (three Chromiums, three cookie jars) against a classroom server: the
 * instructor follows the set-up link and creates a class; two learners join with its link, by keyboard; one answers
 * a prediction, and the instructor's grid, open all along, shows it without a reload; a learner who opens the
 * dashboard or another learner's work is refused and sees no data; the instructor's pause, resume and closing of a
 * lesson reach a learner's open lesson page as they happen. The steps run in order, each on the last's state.
 */
@DisplayName("A class run from the browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassroomIT {

    static final String LESSON = "what-serverless-is";
    static final String TITLE = "Serverless workshop";

    @RegisterExtension
    static final WebApp app = WebApp.classroom();

    @RegisterExtension
    static final BrowserSession instructor = new BrowserSession();

    @RegisterExtension
    static final BrowserSession grace = new BrowserSession();

    @RegisterExtension
    static final BrowserSession alan = new BrowserSession();

    static String classId;
    static String joinLink;

    @Test
    @Order(1)
    @DisplayName("the instructor follows the one-time link, chooses a login and creates a class")
    void instructorSetsUpAndCreatesAClass() {
        Keyboard keys = new Keyboard(instructor);
        instructor.open(app.uri("/#/classroom/setup/" + app.setUpLinkToken()));
        instructor.waitFor(By.id("setup-form"));
        assertEquals("setup-login", keys.active().getAttribute("id"), "the form starts at its first field");
        keys.press("ada", Keys.TAB, "Ada Lovelace", Keys.TAB, "x", Keys.ENTER);
        instructor.waitForText(By.id("setup-password-error"), "a password must be");
        assertEquals("setup-password", keys.active().getAttribute("id"), "the refusal is beside the password, focused");
        instructor.clearConsole(); // the refused request, as the browser logs it

        keys.selectAll();
        keys.press("correct horse battery", Keys.ENTER);
        instructor.waitForText(By.cssSelector("#classroom-page h1"), "Your classes");
        instructor.waitForText(By.cssSelector("[data-class-bar]"), "Ada Lovelace");
        instructor.driver().findElement(By.id("class-title")).sendKeys(TITLE, Keys.ENTER);
        instructor.waitFor(By.id("grid"));
        classId = instructor.attribute("#grid", "data-class");
        joinLink = instructor.attribute("#join-link", "value");
        String code = instructor.driver().findElement(By.cssSelector("[data-join-code]")).getText();
        assertTrue(joinLink.endsWith("/#/join/" + code), joinLink);
        assertEquals(List.of(), instructor.consoleErrors(), "setting up logs no error");
    }

    @Test
    @Order(2)
    @DisplayName("two learners join with the link, keyboard only, and land on the course with their name and class")
    void learnersJoin() {
        // The instructor's grid is open all along: it has to show them as they come, without a reload.
        instructor.driver().executeScript("window.notReloaded = true");
        join(grace, "Grace Hopper");
        for (ColorScheme scheme : ColorScheme.values()) {
            alan.open(java.net.URI.create(joinLink));
            alan.useColorScheme(scheme);
            alan.waitFor(By.id("join-form"));
            Accessibility.assertNoSeriousViolations(alan, "join-" + scheme.mediaValue());
        }
        alan.useColorScheme(ColorScheme.LIGHT);
        join(alan, "Alan Turing");
        instructor.waitUntil(driver -> driver.findElements(By.cssSelector("#grid tbody tr[data-learner]")).size() == 2,
                "both learners in the instructor's grid");
        assertEquals(Boolean.TRUE, instructor.driver().executeScript("return window.notReloaded"), "no reload");
    }

    @Test
    @Order(3)
    @DisplayName("a learner answers a prediction and the instructor's grid shows it live, without a reload")
    void gridShowsAnAnswerLive() {
        instructor.driver().executeScript("window.notReloaded = true");
        Keyboard keys = new Keyboard(grace);
        grace.open(app.uri("/lesson.html?id=" + LESSON));
        grace.waitFor(By.cssSelector("body[data-ready]"));
        keys.tabUntil("the prediction's first choice", element -> "prediction-first-log".equals(element.getAttribute("name")));
        keys.press(Keys.ARROW_DOWN, Keys.TAB, Keys.ENTER);
        grace.waitUntil(driver -> "answered".equals(grace.attribute("[data-prediction=first-log]", "data-state")),
                "the prediction answered");

        String row = "#grid tbody tr[data-learner='" + learnerId("Grace Hopper") + "']";
        instructor.waitForText(By.cssSelector(row + " td[data-cell='lesson:" + LESSON + "']"), "1 of 3 predicted");
        assertEquals(Boolean.TRUE, instructor.driver().executeScript("return window.notReloaded"), "no reload");

        instructor.driver().findElement(By.cssSelector("#filters input[value=not-started]")).click();
        instructor.waitUntil(driver -> !driver.findElement(By.cssSelector(row)).isDisplayed(), "the filter hides her row");
        instructor.driver().findElement(By.cssSelector("#filters input[value=all]")).click();
        for (ColorScheme scheme : ColorScheme.values()) {
            instructor.useColorScheme(scheme);
            Screenshots.save(instructor, "classroom-dashboard-" + scheme.mediaValue());
            Accessibility.assertNoSeriousViolations(instructor, "classroom-dashboard-" + scheme.mediaValue());
        }
        instructor.useColorScheme(ColorScheme.LIGHT);
        assertEquals(List.of(), grace.consoleErrors(), "the learner's lesson logs no error");
    }

    @Test
    @Order(4)
    @DisplayName("the instructor opens a learner's work: her function's code and log, and her platform figures")
    void instructorOpensALearner() {
        // The grid redraws as the live stream brings news: a link found just before a redraw is gone when clicked,
        // so find it again until the click lands.
        new org.openqa.selenium.support.ui.WebDriverWait(instructor.driver(), java.time.Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> {
                    driver.findElement(By.linkText("Grace Hopper")).click();
                    return true;
                });
        instructor.waitFor(By.cssSelector("[data-function]"));
        assertTrue(instructor.driver().findElement(By.cssSelector("[data-function] code")).getText().contains("handler"),
                "her function's code");
        assertTrue(Integer.parseInt(instructor.driver().findElement(By.cssSelector("[data-panel=invocations]")).getText()) > 0);
        assertEquals("the server's own process", instructor.driver().findElement(By.cssSelector("[data-panel=quarantine]"))
                .getText(), "her code has run into no limit: it is not in the quarantine");
        instructor.finish("classroom-learner-view");
    }

    @Test
    @Order(5)
    @DisplayName("a learner who opens the dashboard or another learner's work is refused, and sees none of it")
    void learnerIsRefused() {
        String other = learnerId("Grace Hopper");
        for (String page : List.of("/#/classroom/classes/" + classId, "/#/classroom/classes/" + classId + "/learners/" + other)) {
            alan.open(app.uri("/"));
            alan.waitFor(By.cssSelector("body[data-ready]"));
            alan.driver().executeScript("location.hash = arguments[0]", page.substring(1));
            alan.waitForText(By.cssSelector("[data-refused='403']"), "for a class's instructors");
            assertTrue(alan.driver().findElements(By.cssSelector("#grid, [data-function], [data-panel]")).isEmpty(),
                    "no data of the class on " + page);
        }
        alan.clearConsole(); // the refused requests, as the browser logs them
    }

    @Test
    @Order(6)
    @DisplayName("the instructor pauses the class and closes a lesson: a learner sees the banner and the lesson closed")
    void instructorPausesAndCloses() {
        instructor.open(app.uri("/#/classroom/classes/" + classId));
        instructor.waitFor(By.id("grid"));
        switchPause("true");
        String closed = instructor.attribute("#syllabus [data-open]:not([data-open='" + LESSON + "'])", "data-open");
        flipOpenAndSave(closed);

        alan.open(app.uri("/"));
        alan.waitFor(By.cssSelector("body[data-ready]"));
        assertTrue(alan.waitFor(By.cssSelector("[data-paused-banner]")).getText().contains("paused"));
        assertEquals("true", alan.attribute("[data-lesson='" + closed + "']", "data-closed"), closed + " shows closed");
        assertEquals(null, alan.attribute("[data-lesson='" + LESSON + "']", "data-closed"), "the others stay open");
        alan.finish("classroom-learner-paused");
        instructor.finish("classroom-dashboard-paused");
    }

    @Test
    @Order(7)
    @DisplayName("a learner reading a lesson sees the class resumed, paused again and her lesson closed, without a reload")
    void learnerSeesThePauseLive() {
        alan.open(app.uri("/lesson.html?id=" + LESSON));
        alan.waitFor(By.cssSelector("body[data-ready]"));
        alan.waitFor(By.cssSelector("[data-class-bar][data-live]")); // her stream is open: what follows comes by it
        assertTrue(alan.waitFor(By.cssSelector("[role=status] [data-paused-banner]")).isDisplayed(),
                "still paused from the last step, said in a status region");
        alan.driver().executeScript("window.notReloaded = true");

        switchPause("false");
        alan.waitUntil(driver -> driver.findElements(By.cssSelector("[data-paused-banner]")).isEmpty(),
                "the banner gone once the class is resumed");

        switchPause("true");
        alan.waitForText(By.cssSelector("[role=status] [data-paused-banner]"), "Your class is paused");

        flipOpenAndSave(LESSON);
        alan.waitForText(By.cssSelector("[role=status] [data-closed-banner]"), "This lesson is closed");
        assertEquals(Boolean.TRUE, alan.driver().executeScript("return window.notReloaded"), "no reload");
        for (ColorScheme scheme : ColorScheme.values()) {
            alan.useColorScheme(scheme);
            Screenshots.save(alan, "classroom-learner-live-" + scheme.mediaValue());
            Accessibility.assertNoSeriousViolations(alan, "classroom-learner-live-" + scheme.mediaValue());
        }
        alan.useColorScheme(ColorScheme.LIGHT);
        alan.finish("classroom-learner-live");
    }

    /** The instructor flips the pause switch, and waits for the server to have said yes ("true": paused). */
    static void switchPause(String checked) {
        instructor.driver().findElement(By.id("pause-switch")).click();
        instructor.waitUntil(driver -> checked.equals(instructor.attribute("#pause-switch", "aria-checked")),
                "the pause switch at " + checked);
    }

    /** The instructor opens or closes a lesson or exercise in the class's settings, and saves them. */
    static void flipOpenAndSave(String item) {
        instructor.driver().findElement(By.cssSelector("[data-open='" + item + "']")).click();
        instructor.driver().findElement(By.id("save-settings")).click();
        instructor.waitForText(By.id("settings-status"), "Saved");
    }

    static void join(BrowserSession learner, String name) {
        Keyboard keys = new Keyboard(learner);
        learner.open(java.net.URI.create(joinLink));
        learner.waitFor(By.id("join-form"));
        keys.tabTo("join-name");
        keys.press(name, Keys.ENTER);
        learner.waitForText(By.cssSelector("[data-class-bar]"), name);
        assertTrue(learner.driver().findElement(By.cssSelector("[data-class-bar]")).getText().contains(TITLE));
        learner.waitFor(By.cssSelector("body[data-ready] [data-lesson]"));
        assertEquals(List.of(), learner.consoleErrors(), name + " joins without an error");
    }

    /** The id of the learner's row in the instructor's grid. */
    static String learnerId(String name) {
        return (String) instructor.driver().executeScript("""
                return [...document.querySelectorAll('#grid tbody tr')]
                  .find((row) => row.querySelector('th').textContent.trim() === arguments[0])?.dataset.learner""", name);
    }
}
