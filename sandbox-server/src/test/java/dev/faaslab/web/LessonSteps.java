package dev.faaslab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * What a learner does on a lesson's page, and what a test asks the server around it, for the browser tests of
 * one class: its Chromium, its keyboard and its server.
 */
final class LessonSteps {

    static final ObjectMapper JSON = new ObjectMapper();

    private final BrowserSession browser;
    private final Keyboard keys;
    private final WebApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    LessonSteps(BrowserSession browser, Keyboard keys, WebApp app) {
        this.browser = browser;
        this.keys = keys;
        this.app = app;
    }

    /**
     * Starts Python's engine, which takes many seconds in a fresh JVM, so that a test's Python function waits for
     * itself and not for the engine.
     */
    void warmUpPython() throws Exception {
        api("PUT", "/api/functions/warm-python", "{\"runtime\":\"python\",\"code\":\"def lambda_handler(e, c):\\n    return 1\\n\"}");
        api("POST", "/api/functions/warm-python/invoke", "{}");
    }

    /** Starts the JavaScript engine: a burst's cold starts overlap, as a test expects, once it is warm. */
    void warmUpJavaScript() throws Exception {
        api("PUT", "/api/functions/warm-js", "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => 1;\"}");
        api("POST", "/api/functions/warm-js/invoke", "{}");
    }

    void openLesson(String id) {
        browser.open(app.uri("/lesson.html?id=" + id));
        browser.waitFor(By.cssSelector("body[data-ready]"));
    }

    WebElement editor() {
        return browser.waitFor(By.cssSelector("#editor .cm-content"));
    }

    /**
     * The editor's whole text. CodeMirror draws only the lines in view, so the DOM's text is not it; the
     * page's own CodeMirror module (the same instance, through the page's import map) finds the view.
     */
    String editorText() {
        return (String) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('@codemirror/view').then(({ EditorView }) =>
                    done(EditorView.findFromDOM(document.querySelector('#editor .cm-editor')).state.doc.toString()));
                """);
    }

    /**
     * Types {@code line} on a new line at the end of the editor's code, with the keyboard, and answers the page's
     * count of edits once the editor holds it: the revision its save carries.
     */
    long typeAtTheEnd(String line) {
        editor().click();
        keys.withControl(Keys.END);
        typeInEditor("\n" + line);
        return Long.parseLong(browser.attribute("#save-status", "data-edited-revision"));
    }

    /**
     * Types {@code text} where the editor's cursor is ({@code \n} presses Enter), one key at a time, each once the
     * editor shows the one before before its cursor: keys sent faster than a loaded machine's editor takes them can
     * land out of place. (Before the cursor, since the editor closes a bracket after it.)
     */
    void typeInEditor(String text) {
        for (int i = 1; i <= text.length(); i++) {
            String typed = text.substring(0, i);
            char key = text.charAt(i - 1);
            keys.press(key == '\n' ? Keys.ENTER : String.valueOf(key));
            browser.waitUntil(driver -> editorTextBeforeCursor().endsWith(typed), "\"" + typed + "\" in the editor");
        }
    }

    private String editorTextBeforeCursor() {
        return (String) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('@codemirror/view').then(({ EditorView }) => {
                    const { state } = EditorView.findFromDOM(document.querySelector('#editor .cm-editor'));
                    done(state.doc.sliceString(0, state.selection.main.head));
                });
                """);
    }

    /** Makes every request of the page take 400 ms longer, until {@link #normalNetwork}. */
    void slowNetwork() {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 400,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    void normalNetwork() {
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Returns once the server holds the lesson's JavaScript code ending with {@code ending}, at {@code revision} or later. */
    void awaitSaved(String lesson, long revision, String ending) {
        browser.waitUntil(driver -> {
            JsonNode saved = savedCode(lesson);
            return saved.path("revision").asLong() >= revision && saved.path("code").asText().endsWith(ending);
        }, "the server to hold revision " + revision + " of the code, ending with " + ending);
    }

    JsonNode savedCode(String lesson) {
        try {
            return api("GET", "/api/progress", null).path("progress").path("code." + lesson + ".nodejs");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Forgets the learner's code and progress for a lesson, so each test starts from the starter. */
    void forget(String lesson) throws Exception {
        for (String key : List.of("code." + lesson + ".nodejs", "code." + lesson + ".python", "lesson." + lesson, "course")) {
            api("DELETE", "/api/progress/" + key, null);
        }
    }

    void saveCode(String lesson, String code) throws Exception {
        saveCode(lesson, "nodejs", code);
    }

    void saveCode(String lesson, String runtime, String code) throws Exception {
        api("PUT", "/api/progress/code." + lesson + "." + runtime, JSON.writeValueAsString(Map.of("code", code)));
    }

    JsonNode api(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofMinutes(3))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}
