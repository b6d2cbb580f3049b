package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

/**
 * What every page of the browser app must be, whatever it shows: each {@code .html} file under {@code web/}
 * is found and checked in a real headless Chromium, served by a real sandbox server.
 */
@DisplayName("Every page of the browser app")
class StaticPagesIT {

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    @RegisterExtension
    static final WebApp app = new WebApp();

    /** The pages, as paths under web/ such as {@code index.html}. */
    static List<String> pages() {
        try (Stream<Path> files = Files.walk(BrowserSession.WEB_ROOT)) {
            List<String> pages = files
                    .filter(file -> file.getFileName().toString().endsWith(".html"))
                    .map(file -> BrowserSession.WEB_ROOT.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertFalse(pages.isEmpty(), "expected the browser app's pages under " + BrowserSession.WEB_ROOT);
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> pagesInEachScheme() {
        return pages().stream().flatMap(page -> Stream.of(ColorScheme.values()).map(scheme -> Arguments.of(page, scheme)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    @DisplayName("loads with a title, one main landmark and a top-level heading, and logs no error")
    void loadsWithItsLandmarks(String page) {
        browser.useColorScheme(ColorScheme.LIGHT);
        browser.open(app.uri("/" + page));

        assertFalse(browser.driver().getTitle().isBlank(), page + " should have a title");
        assertEquals(1, browser.driver().findElements(By.cssSelector("main, [role=main]")).size(),
                page + " should have exactly one main landmark");
        assertTrue(browser.waitFor(By.tagName("h1")).getText().strip().length() > 0,
                page + " should have a visible h1 with text");
        assertEquals(List.of(), browser.consoleErrors(), page + " should log no error to the browser's console");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("shows an exercise page on a server without the grader with its controls off, not ones that do nothing")
    void exercisePageWithoutTheGrader() {
        browser.useColorScheme(ColorScheme.LIGHT);
        browser.open(app.uri("/exercise.html?id=greet-by-name"));
        browser.waitUntil(driver -> !driver.findElement(By.id("submit")).isEnabled(), "Submit turned off");
        for (String id : List.of("run", "next-hint", "reset-code")) {
            assertFalse(browser.driver().findElement(By.id(id)).isEnabled(), id + " is off too");
        }
    }

    @ParameterizedTest(name = "{0} in the {1} scheme")
    @MethodSource("pagesInEachScheme")
    @DisplayName("has no serious or critical accessibility violation, and is saved as a screenshot")
    void isAccessible(String page, ColorScheme scheme) {
        browser.useColorScheme(scheme);
        browser.open(app.uri("/" + page));
        String name = page.replaceFirst("\\.html$", "") + "-" + scheme.mediaValue();

        // The picture first, so that it is there to look at when axe fails.
        Screenshots.save(browser, name);
        Accessibility.assertNoSeriousViolations(browser, name);
    }
}
