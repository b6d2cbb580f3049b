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

/**
 * The lab runs a handler written as another provider documents it: a learner switches the lab function's style in
 * the configuration form, with the keyboard alone, and the editor's code deploys and answers in that style.
 */
@DisplayName("A learner running another provider's handler from the lab")
class HandlerStyleIT {

    static final String WORKER = """
            export default {
              async fetch(request, env, ctx) {
                return new Response("Hello World!");
              },
            };
            """;

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
    @DisplayName("switches the function to Cloudflare Workers' style in the settings, and Ctrl+Enter runs its fetch handler")
    void switchesToWorkersStyle() throws Exception {
        String function = fresh(LessonFlowIT.FIRST);
        steps.saveCode(LessonFlowIT.FIRST, WORKER);
        steps.openLesson(LessonFlowIT.FIRST);

        keys.tabTo("setting-style");
        keys.press("Cloudflare");          // a select takes the option whose text starts so
        retype("setting-timeoutSeconds", "30"); // the first request of a fresh server loads the Fetch classes
        keys.press(Keys.ENTER);
        browser.waitForText(By.cssSelector("#settings [data-settings=state]"), "Handler style: aws-lambda → cloudflare-workers.");
        JsonNode settings = configuration(function);
        assertEquals("cloudflare-workers", settings.path("style").asText(), settings.toString());
        assertEquals("index.default", settings.path("handler").asText(), "the style's own default handler: " + settings);
        assertEquals("index.default", browser.driver().findElement(By.id("setting-handler")).getAttribute("value"));

        browser.driver().findElement(By.id("deploy-invoke")).sendKeys(Keys.ENTER);
        browser.waitForText(By.cssSelector("#result [data-result]"), "Hello World!");
        String result = browser.driver().findElement(By.cssSelector("#result [data-result]")).getText();
        assertTrue(result.matches("(?s).*\"status\":\\s*200.*"), "the Response as the Invoke API shows it: " + result);
        assertEquals("cloudflare-workers", configuration(function).path("style").asText(),
                "deploying the editor's code kept the style");
        browser.finish("lab-workers-style");
        assertEquals(List.of(), browser.consoleErrors(), "the lab logs no error");
    }

    /** The lesson over again: no saved code, its function not deployed. Answers the function's name. */
    static String fresh(String lesson) throws Exception {
        steps.forget(lesson);
        String function = steps.api("GET", "/api/lessons/" + lesson, null).path("function").asText();
        if (steps.api("GET", "/api/functions", null).path("functions").findValuesAsText("name").contains(function)) {
            steps.api("DELETE", "/api/functions/" + function, null);
        }
        return function;
    }

    static JsonNode configuration(String function) throws Exception {
        return steps.api("GET", "/api/functions/" + function + "/configuration", null);
    }

    static void retype(String id, String value) {
        keys.tabTo(id);
        keys.selectAll();
        keys.press(value);
    }
}
