package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.course.LessonFiles;
import dev.faaslab.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The lessons API")
class LessonsApiTest {

    @TempDir
    static Path data;

    @TempDir
    static Path lessons;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // Folder names out of course order, so that the order field is what sorts them.
        LessonFiles.write(lessons, "b-second", LessonFiles.frontMatter("second", 2)
                + "exercise: hello-http\nevents: [queue]\n", """
                # Second

                <script>alert('boo')</script>

                ## Send events

                Try [a burst of 20](#lab/burst/20).

                ## Read the `REPORT` line
                """);
        LessonFiles.write(lessons, "a-first", "first", 1);
        LessonFiles.write(lessons, "c-third", "third", 3);
        server = TestServer.withLessons(data, lessons, Clock.system());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Nested
    @DisplayName("GET /api/lessons")
    class Listing {

        @Test
        @DisplayName("lists the lessons in course order with what the map shows")
        void listsInOrder() {
            TestServer.Reply reply = server.get("/api/lessons");
            assertEquals(200, reply.status(), reply.body());
            OpenApiTest.assertDescribed(reply, "get", "/api/lessons");
            List<String> ids = new ArrayList<>();
            reply.json().path("lessons").forEach(lesson -> ids.add(lesson.path("id").asText()));
            assertEquals(List.of("first", "second", "third"), ids, "the lessons come by their order field");
            JsonNode second = reply.json().path("lessons").get(1);
            assertEquals(TestServer.json("""
                    {"id":"second","title":"Lesson second","order":2,"summary":"What second teaches, in one sentence.",
                     "concepts":["one idea","another idea"],"function":"fn-second","exercise":"hello-http",
                     "minutes":20,"level":"beginner","prerequisites":[],"objectives":["do one thing","do another"],
                     "doneWhen":{"predictions":[],"checkQuestions":0,"checkPass":0}}"""),
                    second, "a list entry holds the map's fields and no more");
            assertEquals(List.of("id", "title", "order", "summary", "concepts", "function", "exercise", "minutes", "level",
                    "prerequisites", "objectives", "doneWhen"), QueueTriggerTest.fieldNames(second), "in this order");
            assertTrue(reply.json().path("lessons").get(0).path("exercise").isNull(),
                    "a lesson without an exercise says null");
        }
    }

    @Nested
    @DisplayName("GET /api/lessons/{id}")
    class Get {

        @Test
        @DisplayName("gives the page: HTML with heading ids, escaped raw HTML, #lab/ links as written")
        void givesThePage() {
            TestServer.Reply reply = server.get("/api/lessons/second");
            assertEquals(200, reply.status(), reply.body());
            OpenApiTest.assertDescribed(reply, "get", "/api/lessons/{id}");
            String html = reply.json().path("html").asText();
            assertTrue(html.contains("<h2 id=\"send-events\">Send events</h2>"), "headings carry ids: " + html);
            assertTrue(html.contains("&lt;script&gt;alert('boo')&lt;/script&gt;"), "raw HTML is escaped: " + html);
            assertFalse(html.contains("<script"), "no script element reaches the page: " + html);
            assertTrue(html.contains("href=\"#lab/burst/20\""), "a #lab/ link keeps its href: " + html);
        }

        @Test
        @DisplayName("lists the sections, the events and the starters in both runtimes")
        void givesWhatTheLabNeeds() {
            JsonNode lesson = server.get("/api/lessons/second").json();
            assertEquals(List.of("id", "title", "order", "summary", "concepts", "function", "exercise", "minutes", "level",
                    "prerequisites", "objectives", "doneWhen", "events", "html", "sections", "starters", "predictions", "check",
                    "previous", "next"), QueueTriggerTest.fieldNames(lesson),
                    "a list entry's fields, then the page's");
            assertEquals(List.of("nodejs", "python"), QueueTriggerTest.fieldNames(lesson.path("starters")),
                    "the starters in the runtimes' usual order");
            assertEquals(List.of("handler", "file", "code"), QueueTriggerTest.fieldNames(lesson.path("starters").path("python")));
            assertEquals(TestServer.json("""
                    [{"id":"send-events","title":"Send events"},
                     {"id":"read-the-report-line","title":"Read the REPORT line"}]"""), lesson.path("sections"));
            assertEquals(TestServer.json("[\"queue\"]"), lesson.path("events"), "the lesson's own event kinds");
            assertEquals("index.handler", lesson.path("starters").path("nodejs").path("handler").asText());
            assertEquals("index.mjs", lesson.path("starters").path("nodejs").path("file").asText());
            assertEquals(LessonFiles.NODE_STARTER, lesson.path("starters").path("nodejs").path("code").asText());
            assertEquals("lambda_function.lambda_handler", lesson.path("starters").path("python").path("handler").asText());
            assertEquals("lambda_function.py", lesson.path("starters").path("python").path("file").asText());
            assertEquals(LessonFiles.PYTHON_STARTER, lesson.path("starters").path("python").path("code").asText());
            assertEquals(5, server.get("/api/lessons/first").json().path("events").size(),
                    "a lesson naming no events offers all five kinds");
        }

        @Test
        @DisplayName("links each lesson to its neighbours, null at the ends")
        void linksNeighbours() {
            JsonNode first = server.get("/api/lessons/first").json();
            JsonNode second = server.get("/api/lessons/second").json();
            JsonNode third = server.get("/api/lessons/third").json();
            assertTrue(first.path("previous").isNull(), "the first lesson has no previous one");
            assertEquals(TestServer.json("{\"id\":\"second\",\"title\":\"Lesson second\"}"), first.path("next"));
            assertEquals(TestServer.json("{\"id\":\"first\",\"title\":\"Lesson first\"}"), second.path("previous"));
            assertEquals(TestServer.json("{\"id\":\"third\",\"title\":\"Lesson third\"}"), second.path("next"));
            assertTrue(third.path("next").isNull(), "the last lesson has no next one");
        }

        @Test
        @DisplayName("answers 404 for an unknown id, saying where the lessons are listed")
        void unknownId() {
            TestServer.Reply reply = server.get("/api/lessons/nope");
            assertEquals(404, reply.status(), reply.body());
            OpenApiTest.assertDescribed(reply, "get", "/api/lessons/{id}");
            assertEquals("NotFound", reply.json().path("error").path("code").asText());
            String message = reply.json().path("error").path("message").asText();
            assertTrue(message.contains("'nope'") && message.contains("GET /api/lessons"), message);
        }
    }

    @Nested
    @DisplayName("after an author edits a lesson")
    class AfterAnEdit {

        @Test
        @DisplayName("serves the edit, or a 500 naming the file and the field while it is broken")
        void servesEdits() throws Exception {
            Path file = lessons.resolve("c-third").resolve("lesson.md");
            String good = Files.readString(file);
            try {
                LessonFiles.rewrite(file, good.replace("summary: What third teaches", "summary: What third now teaches"));
                assertEquals("What third now teaches, in one sentence.",
                        server.get("/api/lessons/third").json().path("summary").asText(), "the edit shows");
                LessonFiles.rewrite(file, good.replace("order: 3", "order: third"));
                TestServer.Reply broken = server.get("/api/lessons");
                assertEquals(500, broken.status(), broken.body());
                OpenApiTest.assertDescribed(broken, "get", "/api/lessons");
                String message = broken.json().path("error").path("message").asText();
                assertTrue(message.contains("c-third") && message.contains("lesson.md:4: order:"),
                        "the message names the file, line and field: " + message);
            } finally {
                LessonFiles.rewrite(file, good);
            }
            assertEquals(200, server.get("/api/lessons").status(), "the fixed lesson serves again");
        }
    }

    @Nested
    @DisplayName("when a lesson is broken as the server starts")
    class BrokenAtStart {

        @TempDir
        Path otherData;

        @TempDir
        Path otherLessons;

        @Test
        @DisplayName("the server still starts, and the lessons API names the file and the field")
        void startsAndSays() throws Exception {
            LessonFiles.write(otherLessons, "01-broken", LessonFiles.frontMatter("one", 1)
                    .replace("summary: What one teaches, in one sentence.\n", ""), "Text.\n");
            try (TestServer broken = TestServer.withLessons(otherData, otherLessons, Clock.system())) {
                assertEquals(200, broken.get("/health").status(), "the rest of the server works");
                TestServer.Reply reply = broken.get("/api/lessons/one");
                assertEquals(500, reply.status(), reply.body());
                String message = reply.json().path("error").path("message").asText();
                assertTrue(message.contains("01-broken") && message.contains("lesson.md: summary: is missing"),
                        "the message names the file and the field: " + message);
            }
        }
    }
}
