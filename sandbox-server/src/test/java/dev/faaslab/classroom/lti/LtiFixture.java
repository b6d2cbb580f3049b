package dev.faaslab.classroom.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.http.LtiRoutes;
import dev.faaslab.store.Database;
import dev.faaslab.time.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The tool on a real Jetty server (its LTI routes, a real H2 database in a temporary directory, a manual clock)
 * beside a {@link TestLtiPlatform} that registers it, and a browser of sorts that follows a launch through both.
 */
final class LtiFixture implements AutoCloseable {

    /** What the test's launch handler was given, in order. */
    final List<LtiLaunch> launches = new CopyOnWriteArrayList<>();
    final List<String> deepLinkSessions = new CopyOnWriteArrayList<>();

    final ManualClock clock = new ManualClock(System.currentTimeMillis());
    final TestLtiPlatform platform;
    final Database database;
    final LtiTool tool;
    private final Server server = new Server();
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final URI toolBase;

    LtiFixture(Path directory) throws Exception {
        platform = new TestLtiPlatform();
        database = Database.open(directory);
        ServerConnector connector = new ServerConnector(server);
        server.addConnector(connector);
        Handler.Wrapper routes = new Handler.Wrapper(true);
        server.setHandler(routes);
        server.start();
        toolBase = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        // Keys fetched whenever a key id is unknown: the tests rotate and forge keys seconds apart.
        tool = new LtiTool(database.dataSource(), clock, LtiTool.httpClient(), new ToolEndpoints(toolBase),
                java.time.Duration.ZERO);
        routes.setHandler(new LtiRoutes(tool, new RecordingHandler()).handler());
        tool.platforms().register(platform.registration());
        platform.registerTool(tool.endpoints().launch(), tool.endpoints().jwks());
    }

    /** Answers a learner with the lesson, an instructor's deep-linking request with a picker. */
    private final class RecordingHandler implements LaunchHandler {
        @Override
        public LaunchReply resourceLaunched(LtiLaunch launch) {
            launches.add(launch);
            return new LaunchReply.Redirect(URI.create(launch.targetLink()), List.of("faaslab_session=s1; HttpOnly"));
        }

        @Override
        public LaunchReply deepLinkingRequested(LtiLaunch launch, String deepLinkSession) {
            launches.add(launch);
            deepLinkSessions.add(deepLinkSession);
            return new LaunchReply.Page(200, "<p>choose a lesson</p>", List.of());
        }
    }

    /** The form the platform's authorization endpoint answered with: where it posts, and what. */
    record LaunchForm(URI action, String idToken, String state) {
    }

    /** Begins a launch at the tool, as a platform's login initiation does, and follows the redirect to the platform. */
    LaunchForm login() throws Exception {
        Map<String, String> init = new LinkedHashMap<>();
        init.put("iss", platform.issuer());
        init.put("login_hint", "user-42");
        init.put("target_link_uri", "https://faaslab.example/lessons/cold-starts");
        init.put("lti_message_hint", "link-9");
        init.put("client_id", TestLtiPlatform.CLIENT_ID);
        init.put("lti_deployment_id", TestLtiPlatform.DEPLOYMENT_ID);
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(URI.create(tool.endpoints().login() + "?"
                + LoginInitiation.encode(init))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, redirect.statusCode(), "the login initiation redirects: " + redirect.body());
        URI auth = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(auth).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), "the platform accepts the tool's redirect: " + page.body());
        return new LaunchForm(URI.create(attribute(page.body(), "action")), input(page.body(), "id_token"),
                input(page.body(), "state"));
    }

    /** Posts an id_token and a state to the tool's launch URL, as the browser does with the platform's form. */
    HttpResponse<String> post(URI action, String idToken, String state) throws Exception {
        return postForm(action, Map.of("id_token", idToken, "state", state));
    }

    HttpResponse<String> postForm(URI action, Map<String, String> fields) throws Exception {
        return browser.send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(LoginInitiation.encode(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A whole launch: login, the platform's form, and its post. */
    HttpResponse<String> launch() throws Exception {
        LaunchForm form = login();
        return post(form.action(), form.idToken(), form.state());
    }

    /** A launch that succeeds, and what the handler got. */
    LtiLaunch launched() throws Exception {
        HttpResponse<String> response = launch();
        assertTrue(response.statusCode() == 302 || response.statusCode() == 200, "the launch succeeds: "
                + response.body());
        return launches.getLast();
    }

    /** The reason the tool's JSON error names. */
    static String reason(HttpResponse<String> response) throws Exception {
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        return error.path("reason").asText();
    }

    static String message(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body()).path("error").path("message").asText();
    }

    static String input(String html, String name) {
        Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(value.find(), "the page has the field " + name + ": " + html);
        return unescape(value.group(1));
    }

    static String attribute(String html, String name) {
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        assertTrue(value.find(), "the page has " + name + ": " + html);
        return unescape(value.group(1));
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Override
    public void close() throws Exception {
        server.stop();
        platform.close();
        database.close();
    }
}
