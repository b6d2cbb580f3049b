package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Lesson 4's experiments, run as a learner runs them, in a real Chromium with the keyboard alone: each prediction
 * locked in, then its lab actions carried out against a real server, and what the lesson says should happen does.
 */
@DisplayName("A learner running the experiments of Queues and database changes")
class QueuesLessonIT {

    static final String LESSON = LessonFlowIT.EVENTS;

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    @RegisterExtension
    static final WebApp app = new WebApp();
    static final Keyboard keys = new Keyboard(browser);
    static final LessonSteps steps = new LessonSteps(browser, keys, app);

    @BeforeAll
    static void warmUp() throws Exception {
        steps.warmUpJavaScript();
    }

    @Test
    @DisplayName("predicts where a poison message ends, and sees it received three times, then in the dead-letter queue")
    void poisonMessage() throws Exception {
        steps.forget(LESSON);
        steps.openLesson(LESSON);
        lockIn("poison-receives");

        // The platform redelivers it every 2 s: woken by the log and the queue as they change, not by a sleep.
        browser.waitForText(By.id("logs"), "receive 3, failed: the body is not JSON");
        browser.waitUntil(driver -> messages("orders-dlq") == 1, "the poison message in orders-dlq");
        assertEquals(0, messages("orders"), "nothing is left in the source queue");
        String log = browser.driver().findElement(By.id("logs")).getText();
        assertTrue(log.contains("receive 1, failed") && log.contains("receive 2, failed")
                && !log.contains("receive 4"), "received three times, no more: " + log);
    }

    @Test
    @DisplayName("predicts the new orders among an insert, a change and a removal, and sees the three records in order")
    void tableChanges() throws Exception {
        steps.forget(LESSON);
        steps.openLesson(LESSON);
        lockIn("stream-new-orders");

        browser.waitForText(By.id("logs"), "REMOVE {\"orderId\":{\"S\":\"o-1\"}}");
        String log = browser.driver().findElement(By.id("logs")).getText();
        int insert = log.indexOf("INSERT {\"orderId\":{\"S\":\"o-1\"}}");
        int modify = log.indexOf("MODIFY {\"orderId\":{\"S\":\"o-1\"}}");
        int remove = log.indexOf("REMOVE {\"orderId\":{\"S\":\"o-1\"}}");
        assertTrue(insert >= 0 && insert < modify && modify < remove, "INSERT, MODIFY, REMOVE, in that order: " + log);
    }

    /** Chooses the prediction's second answer (the right one in both) and locks it in; returns once it ran. */
    private static void lockIn(String prediction) {
        keys.tabUntil("the prediction " + prediction, element -> ("prediction-" + prediction).equals(element.getAttribute("name")));
        keys.press(Keys.ARROW_DOWN);
        keys.press(Keys.TAB);
        keys.press(Keys.ENTER);
        By block = By.cssSelector("[data-prediction=" + prediction + "]");
        browser.waitUntil(driver -> "answered".equals(driver.findElement(block).getAttribute("data-state")),
                "the prediction " + prediction + " answered and its experiment run");
        assertEquals("true", browser.attribute("[data-prediction=" + prediction + "] [data-verdict]", "data-verdict"));
    }

    private static long messages(String queue) {
        try {
            JsonNode view = steps.api("GET", "/api/queues/" + queue, null);
            return view.path("approximateNumberOfMessages").asLong() + view.path("approximateNumberOfMessagesNotVisible").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
