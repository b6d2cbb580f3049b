package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The Traffic lab page in a real Chromium against a real server: presets, the form by keyboard, errors in place. */
@DisplayName("The Traffic lab in the browser")
class TrafficLabIT {

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    static final Keyboard keys = new Keyboard(browser);

    @RegisterExtension
    static final WebApp app = new WebApp();

    @Test
    @DisplayName("opens a preset from its URL and shows its figures, its four charts with text alternatives, in both schemes")
    void opensAPreset() {
        for (ColorScheme scheme : ColorScheme.values()) {
            browser.useColorScheme(scheme);
            open("/traffic-lab.html?preset=steady-trickle");
            assertTrue(browser.waitFor(By.id("preset-note")).getText().contains("trickle"), "the preset says what it shows");
            assertEquals("3600", value("rateUnit"), "the preset's rate is an hourly one");

            double cold = Double.parseDouble(browser.attribute("[data-figure=coldStartProbability]", "data-value"));
            assertTrue(cold > 0.4, "3 requests an hour against a 10-minute keep-alive are mostly cold: " + cold);
            assertTrue(text("[data-figure=coldStartProbability]").matches(".*\\d.*%"),
                    "the figure is shown as a percentage: " + text("[data-figure=coldStartProbability]"));
            assertTrue(text("#verdict").contains("serverless is cheaper"), text("#verdict"));
            List<WebElement> canvases = browser.driver().findElements(By.cssSelector("canvas[role=img]"));
            assertEquals(4, canvases.size(), "four charts, each an image to assistive technology");
            browser.waitUntil(driver -> text("#chart-power-text").contains("MB"), "the power-tuning chart's text");
            for (String chart : List.of("instances", "requests", "break-even")) {
                assertFalse(text("#chart-" + chart + "-text").startsWith("No run"),
                        "the " + chart + " chart's text alternative describes the run");
            }
            String name = "traffic-lab-trickle-" + scheme.mediaValue();
            Screenshots.save(browser, name);
            Accessibility.assertNoSeriousViolations(browser, name);
            assertEquals(List.of(), browser.consoleErrors(), "the page logs no error");
        }
        browser.useColorScheme(ColorScheme.LIGHT);
    }

    @Test
    @DisplayName("changes the arrival rate with the keyboard alone and runs again with Enter on Run")
    void keyboardRun() {
        open("/traffic-lab.html");
        String before = browser.attribute("[data-figure=requests]", "data-value");
        keys.tabUntil("the arrival rate", element -> "arrivalRate".equals(element.getAttribute("id")));
        keys.selectAll();
        keys.press("20");
        keys.tabUntil("the Run button", element -> "run".equals(element.getAttribute("id")));
        keys.press(Keys.ENTER);
        browser.waitUntil(driver -> !before.equals(browser.attribute("[data-figure=requests]", "data-value")),
                "the figures of a run at 20 requests a second");
        long requests = Long.parseLong(browser.attribute("[data-figure=requests]", "data-value"));
        assertTrue(requests > 60_000 && requests < 84_000, "an hour at 20 a second is about 72,000 requests: " + requests);
        browser.waitForText(By.id("sim-status"), "Simulated");
        assertEquals(List.of(), browser.consoleErrors(), "the page logs no error");
    }

    @Test
    @DisplayName("shows the server's refusal beside the field it names, and a run too large beside the duration")
    void errorsInPlace() {
        open("/traffic-lab.html");
        WebElement warm = browser.driver().findElement(By.id("warmMeanMs"));
        warm.click();
        keys.selectAll();
        keys.press("0", Keys.ENTER);
        WebElement error = browser.waitFor(By.id("warmMeanMs-error"));
        assertTrue(error.getText().contains("warmMeanSeconds must be more than 0"), error.getText());
        assertEquals("true", warm.getAttribute("aria-invalid"), "the field is marked invalid");
        assertTrue(warm.getAttribute("aria-describedby").contains("warmMeanMs-error"), "the message describes the field");
        assertEquals("warmMeanMs", keys.active().getAttribute("id"), "the focus goes to the field at fault");
        Screenshots.save(browser, "traffic-lab-error");
        Accessibility.assertNoSeriousViolations(browser, "traffic-lab-error");

        keys.press(Keys.BACK_SPACE, "100");
        browser.waitForGone(By.id("warmMeanMs-error"));
        WebElement duration = browser.driver().findElement(By.id("duration"));
        duration.click();
        keys.selectAll();
        keys.press("900");
        browser.driver().findElement(By.id("arrivalRate")).click();
        keys.selectAll();
        keys.press("1000", Keys.ENTER);
        assertTrue(browser.waitFor(By.id("duration-error")).getText().contains("at most 50,000,000"),
                "a run too large is refused beside the duration");
        assertEquals("Not run: see the field marked.", text("#sim-status"));
        // The browser logs the 400 of the refused requests as failed resources; nothing else.
        assertTrue(browser.consoleErrors().stream().allMatch(line -> line.contains("/api/simulations")
                && line.contains("400")), "only the refused requests are logged: " + browser.consoleErrors());
    }

    @Test
    @DisplayName("takes settings from the query over a preset's, and says when a preset does not exist")
    void queryOverrides() {
        open("/traffic-lab.html?preset=busy-api&memoryMb=1024&seed=7");
        assertEquals("1024", value("memoryMb"), "the query's memory wins over the preset's 512");
        assertEquals("7", value("seed"));
        assertEquals("50", value("arrivalRate"), "the rest is the preset's");
        assertEquals("86400", value("durationUnit"), "around the clock for a whole day, as lesson 1 says it simulates");

        open("/traffic-lab.html?preset=no-such-thing");
        assertTrue(browser.waitFor(By.id("sim-error")).getText().contains("steady-trickle"),
                "the problem lists the presets there are");
        assertEquals(List.of(), browser.consoleErrors(), "the page logs no error");
    }

    @Test
    @DisplayName("simulates with the durations a function of the learner's really took, and names a missing one in place")
    void measuredFromAFunction() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var deploy = java.net.http.HttpRequest.newBuilder(app.uri("/api/functions/measured")).PUT(java.net.http.HttpRequest
                .BodyPublishers.ofString("{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => 1;\"}")).build();
        assertEquals(201, client.send(deploy, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        for (int i = 0; i < 4; i++) {
            var invoke = java.net.http.HttpRequest.newBuilder(app.uri("/api/functions/measured/invoke"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
            assertEquals(200, client.send(invoke, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        open("/traffic-lab.html?preset=busy-api&measuredFrom=measured&duration=10&durationUnit=60");
        assertEquals("measured", value("measuredFrom"));
        browser.waitUntil(driver -> browser.attribute("[data-figure=requests]", "data-value") != null,
                "the figures of the run on measured durations");

        open("/traffic-lab.html?preset=busy-api&measuredFrom=nobody");
        browser.waitFor(By.cssSelector("#measuredFrom[aria-invalid=true]"));
        browser.clearConsole(); // the 404 the refusal came with
    }

    @Test
    @DisplayName("compares memory sizes for a base duration typed in, and picks the cheapest")
    void powerTuning() {
        open("/traffic-lab.html");
        browser.waitUntil(driver -> text("#power-picks").contains("Cheapest"), "the power-tuning picks");
        WebElement base = browser.driver().findElement(By.id("baseDurationMs"));
        base.click();
        keys.selectAll();
        keys.press("5", Keys.ENTER);
        browser.waitUntil(driver -> text("#chart-power-text").contains("128 MB: 69.1 ms"),
                "the sizes for 5 ms with one vCPU (128 MB: 5 × 1769 / 128 ms)");
        assertEquals(List.of(), browser.consoleErrors(), "the page logs no error");
    }

    static void open(String path) {
        browser.open(app.uri(path));
        browser.waitFor(By.cssSelector("body[data-ready]"));
    }

    static String text(String selector) {
        return (String) browser.driver().executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector);
    }

    static String value(String id) {
        return browser.driver().findElement(By.id(id)).getDomProperty("value");
    }
}
