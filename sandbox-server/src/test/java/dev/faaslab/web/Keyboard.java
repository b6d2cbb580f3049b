package dev.faaslab.web;

import java.util.function.Predicate;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** A learner's keyboard on the page the browser shows: keys pressed where the focus is, as a person would. */
final class Keyboard {

    private final BrowserSession browser;

    Keyboard(BrowserSession browser) {
        this.browser = browser;
    }

    /** The focused element. */
    WebElement active() {
        return browser.driver().switchTo().activeElement();
    }

    /** Types {@code keys} into whatever has the focus. */
    void press(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    /** Ctrl held down while {@code key} is pressed (a chord sent as one string is not held by the browser). */
    void withControl(CharSequence key) {
        new Actions(browser.driver()).keyDown(Keys.CONTROL).sendKeys(key).keyUp(Keys.CONTROL).perform();
    }

    /** Shift+Tab: the focus goes back one stop. */
    void backTab() {
        new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    /** Tabs forward to the element with this id. */
    void tabTo(String id) {
        tabUntil("#" + id, element -> id.equals(element.getAttribute("id")));
    }

    /** Tabs forward to the element with this id and presses Enter on it: a button, a link. */
    void pressOn(String id) {
        tabTo(id);
        press(Keys.ENTER);
    }

    /** Tabs forward to the link whose target ends with {@code href} and follows it with Enter, as a reader would. */
    void follow(String href) {
        tabUntil("the link to " + href, element -> {
            String target = element.getAttribute("href");
            return target != null && target.endsWith(href);
        });
        press(Keys.ENTER);
    }

    void selectAll() {
        withControl("a");
    }

    /**
     * Presses Tab until {@code found} holds for the focused element; fails if it never does. Passing through the
     * code editor, where Tab indents, it presses Esc first, CodeMirror's way out.
     */
    void tabUntil(String what, Predicate<WebElement> found) {
        for (int i = 0; i < 100; i++) {
            WebElement active = active();
            if (found.test(active)) {
                return;
            }
            if (String.valueOf(active.getAttribute("class")).contains("cm-content")) {
                press(Keys.ESCAPE);
            }
            press(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + what + "; the last focused element was "
                + active().getTagName() + "#" + active().getAttribute("id"));
    }
}
