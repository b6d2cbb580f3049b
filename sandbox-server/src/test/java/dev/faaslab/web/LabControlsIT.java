package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The lab changes the platform, in a real Chromium with the keyboard alone: lesson links and the configuration
 * form set the function's settings, make queues, triggers, subscriptions and schedules, and every change shows in
 * the live panel and on the server.
 */
@DisplayName("A learner changing the platform from the lab")
class LabControlsIT {

    /** The lessons whose links make queues and triggers, and set the keep-alive and the reserved concurrency. */
    static final String EVENTS = LessonFlowIT.EVENTS;
    static final String COLD = LessonFlowIT.COLD;
    static final String FIRST = LessonFlowIT.FIRST;
    static final String SCALING = "scaling-and-throttling";
    static final String ASYNC = "asynchronous-events";

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
    @DisplayName("sets a keep-alive of 5 s from a lesson link, and watches the burst's instances go to zero")
    void keepAliveFromALink() throws Exception {
        String function = fresh(FIRST);
        steps.openLesson(FIRST);
        keys.follow("#lab/config/keepAliveSeconds/5");
        awaitPanelSetting("keepAliveSeconds", "5");
        browser.waitForText(By.cssSelector("#settings [data-settings=state]"), "Keep-alive (seconds): 600 → 5.");
        assertEquals(5, configuration(function).path("keepAliveSeconds").asInt(), "the platform has it");

        keys.follow("#lab/burst/20");
        browser.waitUntil(driver -> !driver.findElements(By.cssSelector("#panel .tile[data-state=idle]")).isEmpty(),
                "idle instances after the burst");
        Screenshots.save(browser, "lab-keep-alive-idle");
        browser.waitForText(By.cssSelector("#panel [data-panel=summary]"), "scaled to zero");
        assertEquals(0, browser.driver().findElements(By.cssSelector(
                "#panel .tile[data-state=idle], #panel .tile[data-state=busy], #panel .tile[data-state=initialising]")).size(),
                "no live tile left");
        assertEquals(0, steps.api("GET", "/api/functions/" + function + "/instances", null).path("instances").size(),
                "the platform reclaimed every instance");
        assertEquals(List.of(), browser.consoleErrors(), "the lab logs no error");
    }

    @Test
    @DisplayName("reserves a concurrency of 3 from a lesson link, and a burst of 20 gets 17 answered 429")
    void reservedConcurrencyThrottles() throws Exception {
        String function = fresh(SCALING);
        // Each request holds its instance for 2 s, so the twenty arrive while the three are busy.
        steps.saveCode(SCALING, "export const handler = async () => { await new Promise(r => setTimeout(r, 2000));"
                + " return { statusCode: 200, body: 'slow' }; };");
        steps.openLesson(SCALING);
        keys.follow("#lab/config/reservedConcurrency/3");
        awaitPanelSetting("reservedConcurrency", "3");
        assertEquals(3, configuration(function).path("reservedConcurrency").asInt());

        keys.follow("#lab/burst/20");
        browser.waitUntil(driver -> "finished".equals(browser.attribute("#traffic [data-traffic=state]", "data-state")),
                "the burst to finish");
        assertEquals("17", text("#traffic [data-traffic=throttled]"), "seventeen throttled");
        assertEquals("3", text("#traffic [data-traffic=ok]"), "three served");
        browser.waitUntil(driver -> "17".equals(browser.attribute("#panel [data-metric=throttles]", "data-value")),
                "the panel counting 17 throttles");
        browser.finish("lab-reserved-concurrency");
    }

    @Test
    @DisplayName("fills the configuration form with the keyboard, hears a refusal at the field at fault, and fixes it")
    void configurationFormByKeyboard() throws Exception {
        String function = fresh(COLD);
        steps.openLesson(COLD);
        retype("setting-memoryMb", "256");
        retype("setting-reservedConcurrency", "2");
        retype("setting-provisionedConcurrency", "3");
        keys.press(Keys.ENTER);

        WebElement error = browser.waitFor(By.cssSelector("#settings [data-settings=error]"));
        assertTrue(error.getText().contains("cannot exceed reserved concurrency"), error.getText());
        assertEquals("alert", error.getAttribute("role"), "the refusal is announced");
        assertEquals("setting-provisionedConcurrency", keys.active().getAttribute("id"), "the focus is on the field at fault");
        assertEquals("true", keys.active().getAttribute("aria-invalid"));

        keys.selectAll();
        keys.press("2", Keys.ENTER);
        awaitPanelSetting("provisionedConcurrency", "2");
        awaitPanelSetting("memoryMb", "256");
        browser.waitForGone(By.cssSelector("#settings [data-settings=error]"));
        browser.waitUntil(driver -> driver.findElements(By.cssSelector("#panel .tile[data-provisioned=true]")).size() == 2,
                "two provisioned instance tiles");
        JsonNode settings = configuration(function);
        assertEquals(256, settings.path("memoryMb").asInt());
        assertEquals(2, settings.path("reservedConcurrency").asInt());
        assertEquals(2, settings.path("provisionedConcurrency").asInt());
        Screenshots.save(browser, "lab-configuration-form");
    }

    @Test
    @DisplayName("makes a queue with its dead-letter queue, its trigger and a message, then a table with a stream, "
            + "its trigger and item changes, from lesson 4's links")
    void connectionsFromLinks() throws Exception {
        String function = fresh(EVENTS);
        steps.openLesson(EVENTS);
        keys.follow("#lab/queue/orders/redrive/orders-dlq/3/visibility/2");
        browser.waitForText(By.cssSelector("#panel [data-queue=orders]"), "moves to orders-dlq");
        browser.waitFor(By.cssSelector("#panel [data-queue=orders-dlq]"));
        JsonNode queue = steps.api("GET", "/api/queues/orders", null);
        assertEquals(3, queue.path("redrivePolicy").path("maxReceiveCount").asInt(), queue.toString());
        assertEquals(2, queue.path("visibilityTimeoutSeconds").asInt(), "a failed message comes back in seconds: " + queue);

        keys.follow("#lab/trigger/queue/orders");
        browser.waitFor(By.cssSelector("#panel [data-trigger=orders]"));
        JsonNode trigger = steps.api("GET", "/api/event-source-mappings?function=" + function, null)
                .path("eventSourceMappings").path(0);
        assertEquals("orders", trigger.path("queue").asText());
        assertEquals("[\"ReportBatchItemFailures\"]", trigger.path("functionResponseTypes").toString(),
                "lesson 4 teaches partial batch responses: its trigger reads batchItemFailures");
        keys.follow("#lab/message/orders/lots%20of%20tea");
        browser.waitForText(By.id("logs"), "receive 1, failed: the body is not JSON");

        keys.follow("#lab/stream/orders/orderId");
        browser.waitForText(By.cssSelector("[data-lab-links=state]"), "with a stream");
        keys.follow("#lab/trigger/stream/orders");
        browser.waitForText(By.cssSelector("[data-lab-links=state]"), "now triggers " + function);
        keys.follow("#lab/put/orders/orderId=o-2/item=cake");
        browser.waitForText(By.id("logs"), "INSERT {\"orderId\":{\"S\":\"o-2\"}}");
        keys.follow("#lab/delete/orders/o-2");
        browser.waitForText(By.id("logs"), "REMOVE {\"orderId\":{\"S\":\"o-2\"}}");
        browser.finish("lab-connections");
    }

    @Test
    @DisplayName("predicts, then uploads a photo into the bucket that triggers the function, sees the loop stopped, then breaks it with a prefix")
    void aLoopStoppedThenBroken() throws Exception {
        String function = fresh(ASYNC);
        steps.api("DELETE", "/api/progress/predictions." + ASYNC, null);
        steps.openLesson(ASYNC);
        // The experiment subscribes the starter to photos and uploads cat.jpg, once the prediction is locked in.
        lockIn("upload-loop");
        browser.waitFor(By.cssSelector("#panel [data-subscription=photos]"));
        // The starter writes its receipt into the same bucket: the platform stops the chain after 16 runs.
        browser.waitUntil(driver -> "1".equals(browser.attribute("#panel [data-metric=recursiveInvocationsDropped]",
                "data-value")), "the panel counting the loop the platform stopped");
        browser.waitForText(By.id("logs"), "Lambda stopped a recursive loop");
        assertEquals(16, steps.api("GET", "/api/functions/" + function + "/metrics", null).path("totals")
                .path("invocations").asInt(), "16 runs for one upload");
        Screenshots.save(browser, "lab-loop-stopped");

        // This one re-subscribes the starter to keys under incoming/ alone, and uploads incoming/dog.jpg.
        lockIn("filtered-upload");
        assertEquals("incoming/", steps.api("GET", "/api/buckets/photos/subscriptions", null)
                .path("subscriptions").path(0).path("prefix").asText(), "one subscription, filtered");
        browser.waitUntil(driver -> {
            try {
                return steps.api("GET", "/api/functions/" + function + "/metrics", null).path("totals")
                        .path("invocations").asInt() >= 17;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the run for the dog");
        assertEquals(1, steps.api("GET", "/api/buckets/photos/objects?prefix=receipts/incoming/", null)
                .path("objects").size(), "the dog's receipt");
        assertEquals(0, steps.api("GET", "/api/buckets/photos/objects?prefix=receipts/receipts/incoming/", null)
                .path("objects").size(), "no receipt of the receipt: it is outside incoming/, and fired nothing");
        browser.finish("lab-loop-broken");
    }

    // ---- steps ----

    /** Chooses the prediction's second answer with the keyboard, locks it in, and waits for its experiment to run. */
    static void lockIn(String prediction) {
        keys.tabUntil("the prediction " + prediction, element -> ("prediction-" + prediction).equals(element.getAttribute("name")));
        keys.press(Keys.ARROW_DOWN);
        keys.press(Keys.TAB);
        keys.press(Keys.ENTER);
        browser.waitUntil(driver -> "answered".equals(driver.findElement(By.cssSelector("[data-prediction=" + prediction
                + "]")).getAttribute("data-state")), "the prediction " + prediction + " answered and its experiment run");
    }

    /** Starts the lesson over: no saved code, and its function not deployed. Answers the function's name. */
    static String fresh(String lesson) throws Exception {
        steps.forget(lesson);
        String function = steps.api("GET", "/api/lessons/" + lesson, null).path("function").asText();
        boolean deployed = steps.api("GET", "/api/functions", null).path("functions").findValuesAsText("name").contains(function);
        if (deployed) {
            steps.api("DELETE", "/api/functions/" + function, null);
        }
        return function;
    }

    static JsonNode configuration(String function) throws Exception {
        return steps.api("GET", "/api/functions/" + function + "/configuration", null);
    }

    static void awaitPanelSetting(String name, String value) {
        browser.waitUntil(driver -> value.equals(browser.attribute("#panel [data-setting=" + name + "]", "data-value")),
                "the panel showing " + name + " " + value);
    }

    /** Tabs to the field with this id and types {@code value} over what it holds. */
    static void retype(String id, String value) {
        keys.tabTo(id);
        keys.selectAll();
        keys.press(value);
    }

    static String text(String selector) {
        return browser.driver().findElement(By.cssSelector(selector)).getText();
    }
}
