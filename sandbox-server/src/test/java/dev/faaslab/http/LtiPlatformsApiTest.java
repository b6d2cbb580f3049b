package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/lti/platforms}, as the dashboard's LMS section uses it: the tool's URLs and the LMSs registered. */
@DisplayName("The LMSs of a classroom server (/api/lti/platforms)")
class LtiPlatformsApiTest {

    static final String MOODLE = "{\"issuer\":\"https://moodle.example.edu\",\"clientId\":\"faaslab-7\","
            + "\"deploymentIds\":[\"3\",\"1\"],\"authLoginUrl\":\"https://moodle.example.edu/mod/lti/auth.php\","
            + "\"tokenUrl\":\"https://moodle.example.edu/mod/lti/token.php\","
            + "\"jwksUrl\":\"https://moodle.example.edu/mod/lti/certs.php\"}";

    @TempDir
    static Path data;

    static TestServer server;
    static Person instructor;
    static Person learner;

    @BeforeAll
    static void aClass() throws Exception {
        server = TestServer.classroom(data, null);
        instructor = Person.instructor(server, "turing", server.sandbox().classroom().setUpLink().orElseThrow());
        String code = instructor.send("POST", "/api/classes", "{\"title\":\"Monday\"}").json().path("joinCode").asText();
        learner = Person.learner(server, "Ada", code);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("lists, for an instructor, the tool's URLs and each LMS registered, with its deployments")
    void listsWhatIsRegistered() {
        Person.Reply registered = instructor.send("POST", "/api/lti/platforms", MOODLE);
        assertEquals(201, registered.status(), registered.body());

        Person.Reply listed = instructor.get("/api/lti/platforms");
        assertEquals(200, listed.status(), listed.body());
        JsonNode tool = listed.json().path("tool");
        assertEquals(server.uri("/lti/login").toString(), tool.path("loginUrl").asText(), tool.toString());
        assertEquals(server.uri("/lti/launch").toString(), tool.path("launchUrl").asText());
        assertEquals(server.uri("/lti/jwks").toString(), tool.path("jwksUrl").asText());
        JsonNode moodle = null;
        for (JsonNode platform : listed.json().path("platforms")) {
            if (platform.path("issuer").asText().equals("https://moodle.example.edu")) {
                moodle = platform;
            }
        }
        assertTrue(moodle != null, "the registration is listed: " + listed.body());
        assertEquals("faaslab-7", moodle.path("clientId").asText());
        assertEquals("[\"1\",\"3\"]", moodle.path("deploymentIds").toString(), "its deployments, in order");
        assertEquals("https://moodle.example.edu/mod/lti/token.php", moodle.path("tokenUrl").asText());
    }

    @Test
    @DisplayName("is for instructors: a learner is refused with 403, nobody with 401, and neither registers an LMS")
    void instructorsOnly() {
        assertEquals(403, learner.get("/api/lti/platforms").status());
        assertEquals(403, learner.send("POST", "/api/lti/platforms", MOODLE.replace("moodle", "learners")).status());
        Person nobody = new Person(server, "nobody");
        assertEquals(401, nobody.get("/api/lti/platforms").status());
        assertEquals(401, nobody.send("POST", "/api/lti/platforms", MOODLE.replace("moodle", "nobodys")).status());
        String listed = instructor.get("/api/lti/platforms").body();
        assertTrue(!listed.contains("learners.example.edu") && !listed.contains("nobodys.example.edu"), listed);
    }

    @Test
    @DisplayName("refuses a URL that is not http(s) and an empty field, naming the field, as the form shows it")
    void refusesBadFields() {
        Person.Reply badUrl = instructor.send("POST", "/api/lti/platforms",
                MOODLE.replace("https://moodle.example.edu/mod/lti/certs.php", "moodle.example.edu/certs"));
        assertEquals(400, badUrl.status(), badUrl.body());
        JsonNode error = badUrl.json().path("error");
        assertEquals("jwksUrl", error.path("field").asText(), badUrl.body());
        assertTrue(error.path("message").asText().contains("http(s) URL"), badUrl.body());
        Person.Reply otherScheme = instructor.send("POST", "/api/lti/platforms",
                MOODLE.replace("https://moodle.example.edu/mod/lti/certs.php", "httpx://moodle.example.edu/certs"));
        assertEquals(400, otherScheme.status(), "a scheme that only starts like http's: " + otherScheme.body());

        Person.Reply emptyIssuer = instructor.send("POST", "/api/lti/platforms",
                MOODLE.replace("\"issuer\":\"https://moodle.example.edu\"", "\"issuer\":\" \""));
        assertEquals(400, emptyIssuer.status(), emptyIssuer.body());
        assertEquals("issuer", emptyIssuer.json().path("error").path("field").asText(), emptyIssuer.body());

        Person.Reply noDeployment = instructor.send("POST", "/api/lti/platforms",
                MOODLE.replace("[\"3\",\"1\"]", "[]"));
        assertEquals("deploymentIds", noDeployment.json().path("error").path("field").asText(), noDeployment.body());
    }
}
