package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The progress API")
class ProgressApiTest {

    static final long START = 1_795_000_000_000L;

    static final String LESSON = "{\"visitedAt\":\"2026-11-23T10:00:00Z\",\"completedAt\":null,\"runtime\":\"nodejs\"}";
    static final String CODE = "{\"code\":\"export const handler = async () => 1;\",\"savedAt\":\"2026-11-23T10:01:00Z\"}";

    @TempDir
    Path data;

    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(data, new ManualClock(START));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode progress() {
        TestServer.Reply reply = server.get("/api/progress");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("progress");
    }

    private void put(String key, String json) {
        TestServer.Reply reply = server.put("/api/progress/" + key, json);
        assertEquals(200, reply.status(), "PUT " + key + ": " + reply.body());
    }

    private void assertRefused(TestServer.Reply reply, String code, String expected) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals(code, reply.json().path("error").path("code").asText(), reply.body());
        String message = reply.json().path("error").path("message").asText();
        assertTrue(message.contains(expected), "the message says " + expected + ": " + message);
    }

    @Nested
    @DisplayName("PUT /api/progress/{key} with a revision")
    class Revisions {

        static final String KEY = "code.first.nodejs";

        static String code(String text, long revision) {
            return "{\"code\":\"" + text + "\",\"revision\":" + revision + "}";
        }

        @Test
        @DisplayName("keeps the newer edit when an older save arrives after it, and answers the older one 409 with the stored revision")
        void keepsTheNewerEdit() {
            put(KEY, code("second edit", 2));
            TestServer.Reply late = server.put("/api/progress/" + KEY, code("first edit", 1));
            assertEquals(409, late.status(), late.body());
            OpenApiTest.assertDescribed(late, "put", "/api/progress/{key}");
            assertEquals("Conflict", late.json().path("error").path("code").asText(), late.body());
            assertEquals(2, late.json().path("error").path("revision").asLong(), late.body());
            assertEquals(TestServer.json(code("second edit", 2)), progress().path(KEY), "the newer edit stays");
        }

        @Test
        @DisplayName("stores a newer or an equal revision, so that a save sent twice is stored twice alike")
        void storesNewerAndEqual() {
            put(KEY, code("first edit", 1));
            put(KEY, code("first edit", 1));
            put(KEY, code("third edit", 3));
            assertEquals(TestServer.json(code("third edit", 3)), progress().path(KEY));
        }

        @Test
        @DisplayName("replaces a document without a revision, and is replaced by one, as before")
        void withoutRevisions() {
            put(KEY, CODE);
            put(KEY, code("counted", 4));
            put(KEY, CODE);
            assertEquals(TestServer.json(CODE), progress().path(KEY), "a document without a revision is stored as it is");
        }
    }

    @Nested
    @DisplayName("DELETE /api/progress/{key}")
    class Delete {

        @Test
        @DisplayName("removes the document, answers 204, and again 204 when there is nothing left")
        void isIdempotent() {
            put("code.first.nodejs", CODE);
            put("lesson.first", LESSON);
            TestServer.Reply deleted = server.delete("/api/progress/code.first.nodejs");
            assertEquals(204, deleted.status(), deleted.body());
            OpenApiTest.assertDescribed(deleted, "delete", "/api/progress/{key}");
            assertEquals(TestServer.json("{\"lesson.first\":" + LESSON + "}"), progress(), "only that key is gone");
            assertEquals(204, server.delete("/api/progress/code.first.nodejs").status(), "deleting again is fine");
            assertEquals(204, server.delete("/api/progress/never-written").status(), "so is deleting a stranger");
        }

        @Test
        @DisplayName("refuses a key that could not be stored")
        void refusesBadKey() {
            assertRefused(server.delete("/api/progress/a%20b"), "BadRequest", "must be 1 to 128 letters");
        }
    }

    @Nested
    @DisplayName("the route table")
    class Routes {

        @Test
        @DisplayName("keeps export and import apart from keys, refusing them as key names")
        void reservesExportAndImport() {
            put("course", "{\"lastLesson\":\"first\"}");
            assertEquals(200, server.get("/api/progress/export").status(), "GET export is the export");
            assertRefused(server.put("/api/progress/export", "{}"), "BadRequest", "is taken by /api/progress/export");
            assertRefused(server.put("/api/progress/import", "{}"), "BadRequest", "is taken by /api/progress/import");
            assertEquals(TestServer.json("{\"course\":{\"lastLesson\":\"first\"}}"), progress(), "nothing was stored");
            assertEquals(405, server.get("/api/progress/course").status(),
                    "a single key is not read alone: GET /api/progress gives them all");
        }
    }

    @Nested
    @DisplayName("export and import")
    class ExportImport {

        @Test
        @DisplayName("export gives an attachment with the format, version, time and every document")
        void exports() {
            put("course", "{\"lastLesson\":\"first\"}");
            put("lesson.first", LESSON);
            TestServer.Reply reply = server.get("/api/progress/export");
            assertEquals(200, reply.status(), reply.body());
            OpenApiTest.assertDescribed(reply, "get", "/api/progress/export");
            assertEquals("attachment; filename=\"faaslab-progress.json\"", reply.header("Content-Disposition"));
            JsonNode file = reply.json();
            assertEquals(List.of("format", "version", "exportedAt", "progress"), QueueTriggerTest.fieldNames(file));
            assertEquals("faaslab-progress", file.path("format").asText());
            assertEquals(1, file.path("version").asInt());
            assertEquals(java.time.Instant.ofEpochMilli(START).toString(), file.path("exportedAt").asText(),
                    "the time is the server clock's");
            assertEquals(TestServer.json("{\"course\":{\"lastLesson\":\"first\"},\"lesson.first\":" + LESSON + "}"),
                    file.path("progress"));
        }

        @Test
        @DisplayName("import after changes gives back exactly what was exported")
        void roundTrips() {
            put("course", "{\"lastLesson\":\"first\"}");
            put("lesson.first", LESSON);
            put("code.first.python", CODE);
            put("odd", "[1, \"two\", null, {\"three\": 3.5}]");
            JsonNode exported = server.get("/api/progress/export").json();
            JsonNode before = progress();
            put("course", "{\"lastLesson\":\"second\"}");
            put("lesson.second", LESSON);
            server.delete("/api/progress/code.first.python");
            TestServer.Reply imported = server.post("/api/progress/import", exported.toString());
            assertEquals(200, imported.status(), imported.body());
            OpenApiTest.assertDescribed(imported, "post", "/api/progress/import");
            assertEquals(4, imported.json().path("imported").asInt(), "four documents were imported");
            assertEquals(before, progress(), "the progress is the exported one: changes since are gone");
        }

        @Test
        @DisplayName("import of an empty progress clears it")
        void importsNothing() {
            put("course", "{\"lastLesson\":\"first\"}");
            TestServer.Reply imported = server.post("/api/progress/import",
                    "{\"format\":\"faaslab-progress\",\"version\":1,\"progress\":{}}");
            assertEquals(200, imported.status(), imported.body());
            assertEquals(0, imported.json().path("imported").asInt());
            assertEquals(0, progress().size(), "nothing is left");
        }

        @Test
        @DisplayName("a bad key in the middle of a file leaves the old progress untouched")
        void isAllOrNothing() {
            put("course", "{\"lastLesson\":\"first\"}");
            put("lesson.first", LESSON);
            JsonNode before = progress();
            TestServer.Reply refused = server.post("/api/progress/import", "{\"format\":\"faaslab-progress\","
                    + "\"version\":1,\"progress\":{\"course\":{\"lastLesson\":\"third\"},\"bad key!\":{},"
                    + "\"lesson.third\":" + LESSON + "}}");
            assertRefused(refused, "BadRequest", "'bad key!'");
            OpenApiTest.assertDescribed(refused, "post", "/api/progress/import");
            assertEquals(before, progress(), "nothing of the refused file was imported, nothing old removed");
        }

        @Test
        @DisplayName("refuses a wrong format, an unsupported version, a missing progress object, bad JSON")
        void refusesWrongFiles() {
            assertRefused(server.post("/api/progress/import", "{\"format\":\"other\",\"version\":1,\"progress\":{}}"),
                    "BadRequest", "not a FaaS Lab progress file");
            assertRefused(server.post("/api/progress/import", "{\"version\":1,\"progress\":{}}"),
                    "BadRequest", "not a FaaS Lab progress file");
            assertRefused(server.post("/api/progress/import", "[]"), "BadRequest", "not a FaaS Lab progress file");
            assertRefused(server.post("/api/progress/import",
                    "{\"format\":\"faaslab-progress\",\"version\":2,\"progress\":{}}"), "BadRequest", "version 2");
            assertRefused(server.post("/api/progress/import", "{\"format\":\"faaslab-progress\",\"progress\":{}}"),
                    "BadRequest", "reads version 1");
            assertRefused(server.post("/api/progress/import", "{\"format\":\"faaslab-progress\",\"version\":1}"),
                    "BadRequest", "no \"progress\" object");
            assertRefused(server.post("/api/progress/import",
                    "{\"format\":\"faaslab-progress\",\"version\":1,\"progress\":[]}"), "BadRequest", "but array");
            assertRefused(server.post("/api/progress/import", "{\"format\":"), "InvalidJson", "malformed JSON");
        }

        @Test
        @DisplayName("imported progress survives a restart of the server")
        void survivesRestart() throws Exception {
            put("course", "{\"lastLesson\":\"first\"}");
            ObjectNode file = (ObjectNode) server.get("/api/progress/export").json();
            ((ObjectNode) file.path("progress")).set("lesson.first", TestServer.json(LESSON));
            assertEquals(200, server.post("/api/progress/import", file.toString()).status());
            JsonNode before = progress();
            server.close();
            server = null;
            server = new TestServer(data, new ManualClock(START));
            assertEquals(before, progress(), "the restarted server reads the imported progress from its database");
            assertEquals(2, progress().size());
        }
    }
}
