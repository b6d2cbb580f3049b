package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner's own live stream ({@code GET /api/events}) carries their class's news as the instructor changes it:
 * pause, resume, a lesson closed; opening it tells the dashboard the learner is here. Two classes on one server: each change of the other class is made first, so that
 * were it heard, it would be the first news read.
 */
@DisplayName("A learner's live stream, in a class")
class LearnerClassNewsTest {

    static final String LESSON = "what-serverless-is";

    @TempDir
    static Path data;

    static TestServer server;
    static Person instructor;
    static String monday;
    static String tuesday;
    static Person ada;

    @BeforeAll
    static void twoClasses() throws Exception {
        server = TestServer.classroom(data, null);
        instructor = Person.instructor(server, "turing", server.sandbox().classroom().setUpLink().orElseThrow());
        monday = instructor.send("POST", "/api/classes", "{\"title\":\"Monday\"}").json().path("id").asText();
        tuesday = instructor.send("POST", "/api/classes", "{\"title\":\"Tuesday\"}").json().path("id").asText();
        ada = Person.learner(server, "Ada", instructor.get("/api/classes/" + monday).json().path("joinCode").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("tells her class's pause, resume and closed lesson as they happen, and nothing of another class")
    void ownClassOnly() throws Exception {
        try (BufferedReader stream = ada.stream("/api/events")) {
            readUntil(stream, "event: ready");

            patch(tuesday, "{\"paused\":true}");
            patch(monday, "{\"paused\":true}");
            JsonNode paused = nextClassNews(stream);
            assertEquals(monday, paused.path("classId").asText(), "her class's news first, none of Tuesday's: " + paused);
            assertTrue(paused.path("paused").asBoolean(), paused.toString());
            assertEquals(instructor.get("/api/classes/" + monday).json().path("title").asText(),
                    paused.path("title").asText());

            patch(tuesday, "{\"paused\":false}");
            patch(monday, "{\"paused\":false}");
            JsonNode resumed = nextClassNews(stream);
            assertEquals(monday, resumed.path("classId").asText(), resumed.toString());
            assertFalse(resumed.path("paused").asBoolean(true), resumed.toString());

            patch(tuesday, "{\"syllabus\":{\"closed\":[\"" + LESSON + "\"],\"due\":{}}}");
            patch(monday, "{\"syllabus\":{\"closed\":[\"" + LESSON + "\"],\"due\":{}}}");
            JsonNode closed = nextClassNews(stream);
            assertEquals(monday, closed.path("classId").asText(), closed.toString());
            assertEquals(List.of(LESSON), TestServer.JSON.convertValue(closed.path("closed"), List.class));
        }
    }

    @Test
    @DisplayName("is not told a change its learners do not see (a quota), nor is an instructor's own stream told any")
    void onlyWhatLearnersSee() throws Exception {
        try (BufferedReader learner = ada.stream("/api/events");
             BufferedReader teacher = instructor.stream("/api/events")) {
            readUntil(learner, "event: ready");
            readUntil(teacher, "event: ready");
            patch(monday, "{\"quotas\":{\"concurrentInstances\":5,\"invocationsPerMinute\":600,\"memoryMb\":512,"
                    + "\"codeBytesPerFunction\":262144,\"codeStorageBytes\":5242880,\"trafficRps\":20,"
                    + "\"storageBytes\":20971520}}");
            patch(monday, "{\"title\":\"Monday, room 2\"}");
            JsonNode renamed = nextClassNews(learner);
            assertEquals("Monday, room 2", renamed.path("title").asText(), "the title is the first news, not the quota: "
                    + renamed);
            // The instructor's stream is their own workspace's: it has nothing to say of a class, so it stays quiet
            // until a function of theirs changes, which it tells.
            assertEquals(201, instructor.send("PUT", "/api/functions/marker", "{\"runtime\":\"nodejs\",\"code\":"
                    + "\"export const handler = async () => 1;\"}").status());
            String next = CompletableFuture.supplyAsync(() -> readUntil(teacher, "event: ")).get(30, TimeUnit.SECONDS);
            assertEquals("event: function", next, "the instructor's own stream heard no class news");
        }
    }

    @Test
    @DisplayName("tells the dashboard as it opens that its learner is here, though it answers only when the page closes")
    void openingIsActivity() throws Exception {
        String code = instructor.get("/api/classes/" + monday).json().path("joinCode").asText();
        Person lin = Person.learner(server, "Lin", code); // joining is public: no activity yet
        try (BufferedReader dashboard = instructor.stream("/api/classes/" + monday + "/events")) {
            readUntil(dashboard, "event: ready");
            try (BufferedReader own = lin.stream("/api/events")) {
                String told = CompletableFuture.supplyAsync(() -> {
                    readUntil(dashboard, "event: learner-activity");
                    return readUntil(dashboard, "data: ");
                }).get(30, TimeUnit.SECONDS);
                assertTrue(told.contains("GET /api/events"), told);
            }
        }
    }

    private static void patch(String classId, String body) {
        Person.Reply reply = instructor.send("PATCH", "/api/classes/" + classId, body);
        assertEquals(200, reply.status(), reply.body());
    }

    /** The data of the next {@code class} event, waiting at most 30 s for it. */
    private static JsonNode nextClassNews(BufferedReader stream) throws Exception {
        String data = CompletableFuture.supplyAsync(() -> {
            readUntil(stream, "event: class");
            return readUntil(stream, "data: ");
        }).get(30, TimeUnit.SECONDS);
        return TestServer.json(data.substring("data: ".length()));
    }

    /** Reads lines up to the first that starts with {@code wanted}, and answers it. */
    private static String readUntil(BufferedReader stream, String wanted) {
        try {
            for (String line = stream.readLine(); line != null; line = stream.readLine()) {
                if (line.startsWith(wanted)) {
                    return line;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the stream ended before " + wanted);
    }
}
