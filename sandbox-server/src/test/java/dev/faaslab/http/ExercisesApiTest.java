package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grader is another module: this one builds and serves without it, and says so on the exercise routes. */
@DisplayName("A server without the grader on its class path")
class ExercisesApiTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("answers the exercise list with 501 and says how to get the grader")
    void listIsNotImplemented() {
        TestServer.Reply reply = server.get("/api/exercises");
        assertEquals(501, reply.status(), reply.body());
        assertEquals("NotImplemented", reply.json().path("error").path("code").asText(), reply.body());
        assertTrue(reply.json().path("error").path("message").asText().contains("grader"), reply.body());
        String documented = server.get("/api/openapi.json").json().path("components").path("schemas").path("Error")
                .path("properties").path("error").path("properties").path("code").path("enum").toString();
        assertTrue(documented.contains("\"NotImplemented\""), "the OpenAPI Error codes " + documented);
    }

    @Test
    @DisplayName("answers one exercise and a submission with 501 too")
    void detailAndSubmissionAreNotImplemented() {
        assertEquals(501, server.get("/api/exercises/greet-by-name").status());
        assertEquals(501, server.post("/api/exercises/greet-by-name/submissions",
                "{\"runtime\":\"nodejs\",\"code\":\"export const handler = async () => 1;\"}").status());
    }

    @Test
    @DisplayName("still serves everything else")
    void otherRoutesWork() {
        assertEquals(200, server.get("/health").status());
    }
}
