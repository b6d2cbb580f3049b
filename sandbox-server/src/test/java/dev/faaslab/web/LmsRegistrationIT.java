package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * An instructor registers their LMS from the dashboard, by keyboard alone: the tool's URLs are there to copy into
 * Moodle or Canvas, a URL that is not one is refused beside its field with the server's words, and the LMS, once
 * registered, is listed.
 */
@DisplayName("An LMS registered from the dashboard")
class LmsRegistrationIT {

    static final String ISSUER = "https://moodle.example.edu";

    @RegisterExtension
    static final WebApp app = WebApp.classroom();

    @RegisterExtension
    static final BrowserSession instructor = new BrowserSession();

    @Test
    @DisplayName("by keyboard: a bad URL refused beside its field, then registered and listed, with the tool's URLs shown")
    void registersByKeyboard() {
        Keyboard keys = new Keyboard(instructor);
        instructor.open(app.uri("/#/classroom/setup/" + app.setUpLinkToken()));
        instructor.waitFor(By.id("setup-form"));
        keys.press("ada", Keys.TAB, "Ada Lovelace", Keys.TAB, "correct horse battery", Keys.ENTER);
        instructor.waitForText(By.id("lti-platform-list"), "No LMS registered yet");
        assertEquals(app.uri("/lti/login").toString(), instructor.attribute("#tool-loginUrl", "value"));
        assertEquals(app.uri("/lti/launch").toString(), instructor.attribute("#tool-launchUrl", "value"));
        assertEquals(app.uri("/lti/jwks").toString(), instructor.attribute("#tool-jwksUrl", "value"));
        keys.pressOn("copy-tool-jwksUrl");
        instructor.waitUntil(driver -> !driver.findElement(By.id("lti-copy-status")).getText().isEmpty(),
                "the copy button says what it did");

        keys.tabTo("lti-issuer");
        keys.press(ISSUER, Keys.TAB, "faaslab-7", Keys.TAB, "1, 3", Keys.TAB,
                ISSUER + "/mod/lti/auth.php", Keys.TAB, ISSUER + "/mod/lti/token.php", Keys.TAB,
                "moodle.example.edu/mod/lti/certs.php", Keys.ENTER);
        instructor.waitForText(By.id("lti-jwksUrl-error"), "must be the http(s) URL the LMS shows");
        assertEquals("lti-jwksUrl", keys.active().getAttribute("id"), "the refusal is beside its field, focused");
        assertEquals("true", instructor.attribute("#lti-jwksUrl", "aria-invalid"));
        instructor.clearConsole(); // the refused request, as the browser logs it

        keys.selectAll();
        keys.press(ISSUER + "/mod/lti/certs.php", Keys.ENTER);
        instructor.waitForText(By.id("lti-status"), "Registered " + ISSUER);
        String row = instructor.waitFor(By.cssSelector("#lti-platform-list tr[data-platform]")).getText();
        assertTrue(row.contains(ISSUER) && row.contains("faaslab-7") && row.contains("1, 3"), row);
        assertEquals("", instructor.driver().findElement(By.id("lti-jwksUrl-error")).getText(), "the refusal is gone");

        for (ColorScheme scheme : ColorScheme.values()) {
            instructor.useColorScheme(scheme);
            Screenshots.save(instructor, "classroom-lms-" + scheme.mediaValue());
            Accessibility.assertNoSeriousViolations(instructor, "classroom-lms-" + scheme.mediaValue());
        }
        instructor.useColorScheme(ColorScheme.LIGHT);
        assertEquals(List.of(), instructor.consoleErrors(), "registering logs no error");
    }
}
