package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.http.TestServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The browser-test helpers themselves, on small pages made to pass or to fail. */
@DisplayName("The browser fixture")
class BrowserFixtureIT {

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    @TempDir
    static Path data;

    @TempDir
    static Path web;

    static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Files.writeString(web.resolve("tall.html"), """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tall</title>
                <style>
                  body { background: #fff; color: #000; }
                  @media (prefers-color-scheme: dark) { body { background: #000; color: #fff; } }
                </style></head>
                <body><main><h1 id="status">Loading</h1><div style="height: 3000px"></div></main>
                <script>setTimeout(() => document.getElementById('status').textContent = 'Ready', 300);</script>
                </body></html>
                """);
        Files.writeString(web.resolve("broken.html"), """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
                <body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="unlabelled"></main>
                <script>throw new Error('the page script broke');</script>
                </body></html>
                """);
        server = TestServer.serving(web, data);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("runs the system's Chromium through its chromedriver, and Selenium Manager never runs")
    void usesTheSystemBrowser() {
        assertFalse(browser.driver().getCapabilities().getBrowserVersion().isBlank(),
                "expected Chromium to report its version");
        assertFalse(Files.exists(BrowserSession.SELENIUM_CACHE),
                "expected no " + BrowserSession.SELENIUM_CACHE + ": Selenium Manager must not download anything");
        System.out.printf("Chromium took %d ms to start%n", browser.startup().toMillis());
    }

    @Test
    @DisplayName("fails with the install command when chromium or chromedriver is missing")
    void missingBrowserFails(@TempDir Path nowhere) {
        try (BrowserSession missing = new BrowserSession(nowhere.resolve("chromium"), BrowserSession.CHROMEDRIVER)) {
            AssertionError error = assertThrows(AssertionError.class, missing::start);
            assertTrue(error.getMessage().contains("apt-get install chromium chromium-driver"),
                    "expected the message to say how to install the browser, got: " + error.getMessage());
        }
    }

    @Test
    @DisplayName("waits for text that a script writes after the page has loaded")
    void waitsForText() {
        browser.open(server.uri("/tall.html"));
        assertEquals("Ready", browser.waitForText(By.id("status"), "Ready").getText());
    }

    @Test
    @DisplayName("collects the page's uncaught errors from the console, and starts afresh on the next page")
    void collectsConsoleErrors() {
        browser.open(server.uri("/broken.html"));
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().anyMatch(message -> message.contains("the page script broke")),
                "expected the thrown error among the console's errors, got: " + errors);

        browser.open(server.uri("/tall.html"));
        assertEquals(List.of(), browser.consoleErrors(), "expected a clean console on a page with no error");
    }

    @Test
    @DisplayName("emulates the dark colour scheme, and the light one again")
    void emulatesColorSchemes() {
        try {
            browser.useColorScheme(ColorScheme.DARK);
            browser.open(server.uri("/tall.html"));
            assertEquals(true, browser.driver().executeScript(
                    "return matchMedia('(prefers-color-scheme: dark)').matches"), "expected the page to see dark");
            assertEquals("rgba(0, 0, 0, 1)", browser.driver().findElement(By.tagName("body")).getCssValue("background-color"),
                    "expected the page's dark styles to apply");

            browser.useColorScheme(ColorScheme.LIGHT);
            browser.open(server.uri("/tall.html"));
            assertEquals(false, browser.driver().executeScript(
                    "return matchMedia('(prefers-color-scheme: dark)').matches"), "expected the page to see light");
        } finally {
            browser.useColorScheme(ColorScheme.LIGHT);
        }
    }

    @Test
    @DisplayName("saves a screenshot of the whole page, beyond the window")
    void savesFullPageScreenshots() throws Exception {
        browser.open(server.uri("/tall.html"));
        Path file = Screenshots.save(browser, "fixture tall page");

        assertEquals(Screenshots.DIRECTORY.resolve("fixture_tall_page.png"), file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image.getHeight() > 3000,
                "expected the whole 3000-pixel page, not the 900-pixel window; the picture is " + image.getHeight());
    }

    @Test
    @DisplayName("fails on a critical accessibility violation, naming the rule and the element, and keeps the results")
    void failsOnSeriousViolations() throws Exception {
        browser.open(server.uri("/broken.html"));
        AssertionError error = assertThrows(AssertionError.class,
                () -> Accessibility.assertNoSeriousViolations(browser, "fixture broken"));

        assertTrue(error.getMessage().contains("image-alt (critical)"),
                "expected axe's rule for an image without alt text, got: " + error.getMessage());
        assertTrue(error.getMessage().contains("#unlabelled"),
                "expected the failing element's selector, got: " + error.getMessage());
        assertTrue(Files.readString(Accessibility.DIRECTORY.resolve("fixture_broken.json")).contains("\"image-alt\""),
                "expected the full results written as JSON");
    }

    @Test
    @DisplayName("passes a page with no serious violation")
    void passesCleanPages() {
        browser.open(server.uri("/tall.html"));
        assertTrue(Accessibility.assertNoSeriousViolations(browser, "fixture tall").getPasses().size() > 0,
                "expected axe to have run its rules and found some that pass");
    }
}
