package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Lesson 2's experiments in a real Chromium against a real server: the lab sends its fixed sets of malformed and
 * binary requests through the starter's HTTP trigger, and each prediction shows every request's status beside it.
 */
@DisplayName("A learner on the lesson about HTTP functions")
class HttpFunctionsLessonIT {

    static final String LESSON = "http-functions";

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    @RegisterExtension
    static final WebApp app = new WebApp();

    static final LessonSteps steps = new LessonSteps(browser, new Keyboard(browser), app);

    @Test
    @DisplayName("sees the careless starter answer 500 to each broken JSON body, and a PNG upload arrive base64-encoded")
    void seesMalformedAndBinaryRequestsAnswered() throws Exception {
        steps.forget(LESSON);
        for (String key : List.of("predictions." + LESSON, "check." + LESSON)) {
            app.api("DELETE", "/api/progress/" + key, null);
        }
        steps.openLesson(LESSON);

        List<String> malformed = answered("malformed-status", 1);
        assertEquals(4, malformed.size(), "one line per request: " + malformed);
        assertTrue(malformed.get(0).contains("→ 200") && malformed.get(0).contains("Hello, Ada!"), malformed.get(0));
        for (String line : malformed.subList(1, 4)) {
            assertTrue(line.contains("→ 500: {\"message\":\"Internal Server Error\"}"), "a careless parse: " + line);
        }

        List<String> binary = answered("binary-body", 1);
        assertEquals(3, binary.size(), "one line per request: " + binary);
        assertTrue(binary.get(0).contains("\"isBase64Encoded\":true") && binary.get(0).contains("iVBORw0KGgo"),
                "the PNG's bytes, base64-encoded: " + binary.get(0));
        assertTrue(binary.get(1).contains("bmFtZT1BZGE="), "the form, base64-encoded too: " + binary.get(1));
        assertTrue(binary.get(2).contains("\"isBase64Encoded\":false") && binary.get(2).contains("name=Ada"),
                "plain text, as sent: " + binary.get(2));
        // Chromium logs each 500 it received; those are the experiment's point. Nothing else may be logged.
        assertEquals(List.of(), browser.consoleErrors().stream()
                .filter(error -> !(error.contains("/fn/http-greeter") && error.contains("500"))).toList(),
                "the lesson page logs no error but the 500s it was sent");
    }

    /** Chooses answer {@code choice} of the prediction, locks it in, and returns the lines its experiment showed. */
    private static List<String> answered(String prediction, int choice) {
        By block = By.cssSelector("[data-prediction=" + prediction + "]");
        browser.waitFor(By.cssSelector("input[name=prediction-" + prediction + "][value='" + choice + "']")).click();
        browser.driver().findElement(block).findElement(By.cssSelector("[data-prediction-run]")).click();
        browser.waitUntil(driver -> "answered".equals(driver.findElement(block).getAttribute("data-state")),
                "the prediction " + prediction + " answered and its experiment run");
        WebElement observed = browser.waitFor(By.cssSelector("[data-prediction=" + prediction + "] [data-outcome=requests]"));
        return observed.findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
    }
}
