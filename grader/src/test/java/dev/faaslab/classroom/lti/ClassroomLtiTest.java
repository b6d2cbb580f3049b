package dev.faaslab.classroom.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.http.TestServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An LMS course launching into a classroom server, end to end over real HTTP: a test platform built from the
 * LTI 1.3 and Assignment and Grade Services specifications, the server with the grader, a learner who launches
 * a graded exercise and submits it, and the score arriving at the platform's line item.
 */
@DisplayName("A classroom server as an LMS's LTI tool")
class ClassroomLtiTest {

    @TempDir
    static Path data;

    static TestLtiPlatform platform;
    static TestServer server;
    static JsonNode tool;

    @BeforeAll
    static void registered() throws Exception {
        platform = new TestLtiPlatform();
        server = TestServer.classroom(data, Path.of("..", "web").toAbsolutePath().normalize());
        Browser admin = new Browser();
        admin.post("/api/classroom/setup", "{\"token\":\"" + server.sandbox().classroom().setUpLink().orElseThrow()
                + "\",\"login\":\"admin\",\"name\":\"Admin\",\"password\":\"correct horse battery\"}", 200);
        LtiPlatform registration = platform.registration();
        admin.post("/api/lti/platforms", Json.MAPPER.writeValueAsString(Map.of("issuer", registration.issuer(),
                "clientId", registration.clientId(), "deploymentIds", List.copyOf(registration.deploymentIds()),
                "authLoginUrl", registration.authLoginUrl().toString(), "tokenUrl", registration.tokenUrl().toString(),
                "jwksUrl", registration.jwksUrl().toString())), 201);
        tool = admin.get("/api/lti/platforms").path("tool");
        platform.registerTool(URI.create(tool.path("launchUrl").asText()), URI.create(tool.path("jwksUrl").asText()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        platform.close();
    }

    /** A browser: its cookies, and the CSRF token of its session once it has one. */
    static final class Browser {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String csrf;

        JsonNode post(String path, String json, int status) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            if (csrf != null) {
                request.header("X-CSRF-Token", csrf);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(status, response.statusCode(), path + ": " + response.body());
            JsonNode answer = Json.MAPPER.readTree(response.body());
            if (answer.hasNonNull("csrfToken")) {
                csrf = answer.path("csrfToken").asText();
            }
            return answer;
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return Json.MAPPER.readTree(response.body());
        }

        /** The platform's login initiation, its form, and the form's post to the tool: where the tool sends us. */
        HttpResponse<String> launch() throws Exception {
            Map<String, String> init = new LinkedHashMap<>();
            init.put("iss", platform.issuer());
            init.put("login_hint", "user-42");
            init.put("target_link_uri", tool.path("launchUrl").asText());
            init.put("lti_message_hint", "link-9");
            init.put("client_id", TestLtiPlatform.CLIENT_ID);
            init.put("lti_deployment_id", TestLtiPlatform.DEPLOYMENT_ID);
            HttpResponse<String> redirect = client.send(HttpRequest.newBuilder(URI.create(tool.path("loginUrl")
                    .asText() + "?" + LoginInitiation.encode(init))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, redirect.statusCode(), redirect.body());
            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(redirect.headers()
                    .firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, form.statusCode(), form.body());
            HttpResponse<String> launched = client.send(HttpRequest.newBuilder(URI.create(LtiFixture.attribute(
                            form.body(), "action"))).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Sec-Fetch-Site", "cross-site") // the LMS's page posts it, as a browser says
                    .POST(HttpRequest.BodyPublishers.ofString(LoginInitiation.encode(Map.of("id_token",
                            LtiFixture.input(form.body(), "id_token"), "state", LtiFixture.input(form.body(), "state")))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, launched.statusCode(), "the launch signs in and sends on: " + launched.body());
            String cookie = launched.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
            csrf = get("/api/classroom/session").path("csrfToken").asText();
            return launched;
        }
    }

    @Test
    @DisplayName("signs a learner in to the linked exercise, and posts the score of her submission to its line item")
    void learnerLaunchAndPassback() throws Exception {
        platform.nextLaunch(claims -> claims.subject("learner-7").claim("name", "Lin Seven").claim(TestLtiPlatform.LTI + "target_link_uri",
                tool.path("launchUrl").asText() + "?item=exercise:hello-context"));
        Browser learner = new Browser();
        HttpResponse<String> launched = learner.launch();
        assertEquals("/exercise.html?id=hello-context", launched.headers().firstValue("Location").orElseThrow());
        JsonNode session = learner.get("/api/classroom/session");
        assertEquals("learner", session.path("role").asText());
        assertEquals("Serverless 101", session.path("classView").path("title").asText(), "the course is her class");

        int before = platform.scores.size();
        String solution = Files.readString(Path.of("..", "exercises", "hello-context", "solution.mjs"));
        JsonNode graded = learner.post("/api/exercises/hello-context/submissions", Json.MAPPER.writeValueAsString(
                Map.of("runtime", "nodejs", "code", solution)), 200);
        assertEquals(graded.path("maxScore").asInt(), graded.path("score").asInt(), graded.toString());

        // The score goes to the LMS beside the learner's answer: wait for the platform to record it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (platform.scores.size() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before + 1, platform.scores.size(), "one score reached the line item");
        TestLtiPlatform.RecordedScore recorded = platform.scores.getLast();
        assertEquals("/lineitems/7/lineitem/scores", recorded.lineItem());
        assertEquals("application/vnd.ims.lis.v1.score+json", recorded.contentType());
        assertEquals("learner-7", recorded.score().path("userId").asText());
        assertEquals(graded.path("score").asDouble(), recorded.score().path("scoreGiven").asDouble());
        assertEquals(graded.path("maxScore").asDouble(), recorded.score().path("scoreMaximum").asDouble());
        assertEquals("Completed", recorded.score().path("activityProgress").asText());
        assertEquals("FullyGraded", recorded.score().path("gradingProgress").asText());

        // Her instructor's reports for the whole class have her full marks, in both formats.
        platform.nextLaunch(claims -> claims.subject("teacher-2").claim(TestLtiPlatform.LTI + "roles",
                List.of(TestLtiPlatform.INSTRUCTOR)));
        Browser teacher = new Browser();
        String classId = teacher.launch().headers().firstValue("Location").orElseThrow().substring("/#/classes/".length());
        HttpResponse<String> junit = teacher.client.send(HttpRequest.newBuilder(server.uri("/api/classes/" + classId
                + "/reports/junit.xml")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, junit.statusCode(), junit.body());
        assertTrue(junit.body().contains("<testcase classname=\"hello-context\" name=\"hello-context (nodejs)\"/>"),
                "a passed test case for her JavaScript: " + junit.body());
        assertTrue(junit.body().contains("name=\"hello-context (python)\"><skipped message=\"not submitted\"/>"),
                "her Python is not submitted: " + junit.body());
        JsonNode exercism = teacher.get("/api/classes/" + classId + "/reports/exercism.json");
        JsonNode hers = exercism.properties().stream().map(java.util.Map.Entry::getValue)
                .filter(result -> result.path("learner").asText().equals("Lin Seven")).findFirst().orElseThrow();
        assertEquals(3, hers.path("version").asInt());
        assertEquals("pass", hers.path("tests").path(0).path("status").asText(), hers.toString());
        platform.reset();
    }

    @Test
    @DisplayName("signs the course's instructor in to the class's dashboard, where the course's learners are")
    void instructorLaunch() throws Exception {
        platform.nextLaunch(claims -> claims.subject("learner-8"));
        new Browser().launch();
        platform.nextLaunch(claims -> claims.subject("teacher-1").claim("name", "Grace Hopper")
                .claim(TestLtiPlatform.LTI + "roles", List.of(TestLtiPlatform.INSTRUCTOR)));
        Browser teacher = new Browser();
        String location = teacher.launch().headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/#/classes/"), location);
        String classId = location.substring("/#/classes/".length());
        assertEquals("instructor", teacher.get("/api/classroom/session").path("role").asText());
        JsonNode grid = teacher.get("/api/classes/" + classId + "/progress");
        assertEquals("Serverless 101", grid.path("classInfo").path("title").asText());
        assertTrue(grid.path("learners").size() >= 1, "the course's learners are the class's: " + grid);
        platform.reset();
    }
}
