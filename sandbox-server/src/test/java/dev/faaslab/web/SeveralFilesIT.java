package dev.faaslab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The lab's function of several files in a real Chromium against a real server: a file added from the file bar with
 * the keyboard alone, imported by the handler's file, deployed with it, saved with it, and removed again.
 */
@DisplayName("A learner whose function has several files")
class SeveralFilesIT {

    static final String LESSON = "what-serverless-is";
    static final String ENTRY = "index.mjs";
    static final String MODULE = "lib/greet.mjs";

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    static final Keyboard keys = new Keyboard(browser);

    @RegisterExtension
    static final WebApp app = new WebApp();

    static final LessonSteps steps = new LessonSteps(browser, keys, app);

    @Test
    @DisplayName("adds a module with the keyboard alone, imports it from the entry file, runs both, finds both after a reload, and removes it")
    void addsAModuleAndImportsIt() throws Exception {
        steps.forget(LESSON);
        steps.openLesson(LESSON);
        keys.tabUntil("the skip link to the lab", element -> String.valueOf(element.getAttribute("href")).endsWith("#lab"));
        keys.press(Keys.ENTER);
        assertEquals(List.of(ENTRY), tabs(), "one file at first: the handler's");
        keys.pressOn("add-file");
        assertEquals("new-file-path", keys.active().getAttribute("id"), "Add file asks for the path, in a field that has the focus");

        keys.press("../greet.mjs", Keys.ENTER);
        browser.waitForText(By.id("new-file-path-error"), "cannot go up with “..”");
        assertEquals("true", browser.attribute("#new-file-path", "aria-invalid"), "the field is marked as the problem");
        assertEquals("new-file-path", keys.active().getAttribute("id"), "the focus stays in the field, to fix the path");
        assertEquals(List.of(ENTRY), tabs(), "a path that climbs out is not added");

        keys.selectAll();
        keys.press(MODULE, Keys.ENTER);
        browser.waitUntil(driver -> isEditor(keys.active()), "the editor focused on the new file");
        assertEquals(List.of(ENTRY, MODULE), tabs(), "the entry first, the new file after it");
        assertEquals(MODULE, selectedTab());
        steps.typeInEditor("export const greet = (name) => 'Hello, ' + name + ', from lib';");

        keys.press(Keys.ESCAPE);
        for (int i = 0; i < 5 && !"tab".equals(keys.active().getAttribute("role")); i++) {
            keys.backTab();
        }
        assertEquals(MODULE, keys.active().getAttribute("data-file"), "Shift+Tab from the editor reaches the file's tab");
        keys.press(Keys.ARROW_LEFT);
        browser.waitUntil(driver -> ENTRY.equals(selectedTab()) && steps.editorText().contains("export const handler"),
                "the left arrow showing the entry file");
        assertEquals(ENTRY, keys.active().getAttribute("data-file"), "the focus moves with the selection");
        keys.tabUntil("the code editor", SeveralFilesIT::isEditor);
        keys.selectAll();
        steps.typeInEditor("import { greet } from './lib/greet.mjs';\nexport const handler = async () => greet('Ada');");
        keys.tabUntil("the Deploy and invoke button", element -> "deploy-invoke".equals(element.getAttribute("id")));
        keys.press(Keys.ENTER);

        WebElement outcome = browser.waitFor(By.cssSelector("#result [data-invocation], #code-problem [data-problem]"));
        assertNull(outcome.getAttribute("data-problem"), "both files deployed without a problem: " + outcome.getText());
        browser.waitForText(By.cssSelector("#result [data-result]"), "Hello, Ada, from lib");
        JsonNode deployed = app.api("GET", "/api/functions/hello-serverless", null).path("files");
        assertTrue(deployed.path(MODULE).asText().contains("from lib") && deployed.path(ENTRY).asText().contains("./lib/greet.mjs"),
                "the server runs the two files: " + deployed);

        browser.useColorScheme(ColorScheme.DARK);
        try {
            browser.driver().navigate().refresh();
            browser.waitFor(By.cssSelector("body[data-ready]"));
            assertEquals(List.of(ENTRY, MODULE), tabs(), "both files back after a reload");
            assertEquals(ENTRY, selectedTab(), "the entry file shows first");
            assertTrue(steps.editorText().startsWith("import { greet }"), steps.editorText());
            browser.driver().findElement(By.id("file-tab-0")).sendKeys(Keys.ARROW_RIGHT);
            browser.waitUntil(driver -> steps.editorText().contains("', from lib'"), "the module's saved text in the editor");
            Screenshots.save(browser, "several-files-dark");
            Accessibility.assertNoSeriousViolations(browser, "several-files-dark");
        } finally {
            browser.useColorScheme(ColorScheme.LIGHT);
        }

        keys.pressOn("remove-file");
        browser.driver().switchTo().alert().accept();
        browser.waitUntil(driver -> tabs().equals(List.of(ENTRY)), "the module's tab gone");
        assertEquals(ENTRY, keys.active().getAttribute("data-file"), "the focus goes to the entry's tab");
        browser.waitUntil(driver -> steps.savedCode(LESSON).path("files").isMissingNode()
                && steps.savedCode(LESSON).path("code").asText().contains("./lib/greet.mjs"),
                "the server to keep the entry file alone");
        assertEquals(List.of(), browser.consoleErrors(), "the files' flow logs no error");
    }

    @ParameterizedTest(name = "{1} path ''{0}'': {2}")
    @CsvSource(delimiter = '|', textBlock = """
            lib/greet.mjs         | nodejs | accepted
            ./lib/greet.mjs       | nodejs | accepted
            node_modules/ms/package.json | nodejs | accepted
            helpers.py            | python | accepted
            ''                    | nodejs | Type the new file’s path
            /etc/greet.mjs        | nodejs | starts inside your function’s folder
            lib/../../greet.mjs   | nodejs | cannot go up with “..”
            lib\\greet.mjs        | nodejs | Put / between folders
            lib//greet.mjs        | nodejs | Each folder in a path needs a name
            notes.txt             | nodejs | ends in .mjs, .js or .cjs
            helpers.mjs           | python | ends in .py
            lib/util.mjs          | nodejs | has lib/util.mjs already
            lib/util.mjs/more.mjs | nodejs | both a file and a folder
            index.js              | nodejs | would take the place of index.mjs
            """)
    @DisplayName("checks a new file's path before it is added, as the server checks a package's paths")
    void checksNewPaths(String path, String runtime, String expected) {
        if (!browser.driver().getCurrentUrl().startsWith(app.uri("/").toString())) {
            browser.open(app.uri("/glossary.html"));
        }
        List<String> files = runtime.equals("python") ? List.of("lambda_function.py") : List.of(ENTRY, "lib/util.mjs");
        String problem = (String) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/file-bar.js').then(({ pathProblem }) => done(pathProblem(arguments[0], arguments[1], arguments[2])));
                """, path, runtime, files);
        if (expected.equals("accepted")) {
            assertNull(problem, path + " is a good path");
        } else {
            assertTrue(problem != null && problem.contains(expected), "expected “" + expected + "” for " + path + ", got: " + problem);
        }
    }

    /** The file bar's tabs, in order. */
    private static List<String> tabs() {
        return browser.driver().findElements(By.cssSelector("#file-bar [role=tab]")).stream()
                .map(tab -> tab.getAttribute("data-file")).toList();
    }

    private static String selectedTab() {
        return browser.attribute("#file-bar [role=tab][aria-selected=true]", "data-file");
    }

    private static boolean isEditor(WebElement element) {
        return String.valueOf(element.getAttribute("class")).contains("cm-content");
    }
}
