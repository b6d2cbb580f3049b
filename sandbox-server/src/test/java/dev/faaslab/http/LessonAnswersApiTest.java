package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.course.LessonFiles;
import dev.faaslab.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A learner's answers to a lesson")
class LessonAnswersApiTest {

    static final String LESSON = """
            # Bursts

            A [cold start](#glossary/cold-start) first.

            ```prediction
            id: burst
            question: How many instances?
            try: burst/20
            choices:
              - answer: One
                explanation: HIDDEN-ONE one at a time.
              - answer: Several
                right: true
                explanation: HIDDEN-SEVERAL busy ones make more.
            reveal: HIDDEN-REVEAL look at the tiles.
            ```

            ```prediction
            id: warm
            question: Is the second call warm?
            try: [invoke, invoke]
            choices:
              - answer: "Yes"
                right: true
                explanation: HIDDEN-YES the instance waits.
              - answer: "No"
                explanation: HIDDEN-NO it does not.
            ```

            ## Check your understanding

            ```check
            pass: 2
            questions:
              - id: one
                question: Requests per instance at once?
                choices:
                  - answer: One
                    right: true
                    explanation: HIDDEN-RIGHT one.
                  - answer: Ten
                    explanation: HIDDEN-WRONG ten is a batch.
              - id: gbs
                question: GB-seconds of 100 ms at 0.125 GB?
                number: 0.0125
                tolerance: 0.0001
                unit: GB-s
                explanation: HIDDEN-WORKING 0.125 × 0.1.
                hint: Multiply.
              - id: retries
                question: Retries of an async call?
                number: 2
                explanation: HIDDEN-TWO two.
                hint: Lambda's default.
            ```
            """;

    @TempDir
    static Path data;

    @TempDir
    static Path lessons;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(lessons.resolve("glossary.yaml"), """
                cold-start:
                  term: cold start
                  definition: A new instance must start first.
                warm-start:
                  term: warm start
                  definition: An idle instance answers.
                """);
        LessonFiles.write(lessons, "01-bursts", LessonFiles.frontMatter("bursts", 1), LESSON);
        LessonFiles.write(lessons, "02-plain", LessonFiles.frontMatter("plain", 2) + "prerequisites: [bursts]\n",
                "# Plain\n\nA [warm start](#glossary/warm-start).\n");
        server = TestServer.withLessons(data, lessons, Clock.system());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void forget() {
        server.delete("/api/progress/predictions.bursts");
        server.delete("/api/progress/check.bursts");
    }

    static JsonNode progress(String key) {
        return server.get("/api/progress").json().path("progress").path(key);
    }

    @Test
    @DisplayName("the lesson page asks the questions without their answers, and says what makes the lesson done")
    void pageHasNoAnswers() {
        TestServer.Reply reply = server.get("/api/lessons/bursts");
        assertEquals(200, reply.status(), reply.body());
        OpenApiTest.assertDescribed(reply, "get", "/api/lessons/{id}");
        assertFalse(reply.body().contains("HIDDEN"), "no explanation, reveal or working in the page: " + reply.body());
        assertFalse(reply.body().contains("\"right\""), "no choice is marked right: " + reply.body());
        assertFalse(reply.body().contains("0.0125"), "no number answer: " + reply.body());
        JsonNode lesson = reply.json();
        assertEquals(TestServer.json("""
                [{"id":"burst","question":"How many instances?","experiment":["burst/20"],"choices":["One","Several"]},
                 {"id":"warm","question":"Is the second call warm?","experiment":["invoke","invoke"],"choices":["Yes","No"]}]"""),
                lesson.path("predictions"));
        assertEquals(TestServer.json("""
                {"pass":2,"questions":[
                  {"id":"one","kind":"choice","question":"Requests per instance at once?","choices":["One","Ten"],"unit":""},
                  {"id":"gbs","kind":"number","question":"GB-seconds of 100 ms at 0.125 GB?","choices":[],"unit":"GB-s"},
                  {"id":"retries","kind":"number","question":"Retries of an async call?","choices":[],"unit":""}]}"""),
                lesson.path("check"));
        assertEquals(TestServer.json("{\"predictions\":[\"burst\",\"warm\"],\"checkQuestions\":3,\"checkPass\":2}"),
                lesson.path("doneWhen"));
        JsonNode plain = server.get("/api/lessons/plain").json();
        assertTrue(plain.path("check").isNull(), "a lesson without a check says null");
        assertEquals(TestServer.json("[\"bursts\"]"), plain.path("prerequisites"));
    }

    @Nested
    @DisplayName("to a prediction")
    class Predictions {

        @Test
        @DisplayName("are recorded in the progress, then answered with the right choice, the explanations and the reveal")
        void recordsAndAnswers() {
            TestServer.Reply reply = server.post("/api/lessons/bursts/predictions/burst", "{\"choice\":0}");
            assertEquals(200, reply.status(), reply.body());
            OpenApiTest.assertDescribed(reply, "post", "/api/lessons/{id}/predictions/{prediction}");
            JsonNode answer = reply.json();
            assertEquals("burst", answer.path("prediction").asText());
            assertEquals(0, answer.path("choice").asInt());
            assertFalse(answer.path("right").asBoolean());
            assertEquals(1, answer.path("rightChoice").asInt());
            assertEquals("HIDDEN-ONE one at a time.", answer.path("explanation").asText());
            assertEquals("HIDDEN-SEVERAL busy ones make more.", answer.path("rightExplanation").asText());
            assertTrue(answer.path("reveal").asText().contains("HIDDEN-REVEAL"), answer.toString());
            assertEquals(1, answer.path("answered").asInt());
            assertEquals(2, answer.path("of").asInt());

            JsonNode stored = progress("predictions.bursts").path("burst");
            assertEquals(0, stored.path("choice").asInt(), "the choice is in the learner's progress: " + stored);
            assertFalse(stored.path("right").asBoolean());
            assertTrue(stored.path("answeredAt").isTextual());
        }

        @Test
        @DisplayName("keep the first choice: answering again, after seeing the outcome, changes nothing")
        void keepTheFirstChoice() {
            server.post("/api/lessons/bursts/predictions/burst", "{\"choice\":0}");
            JsonNode again = server.post("/api/lessons/bursts/predictions/burst", "{\"choice\":1}").json();
            assertEquals(0, again.path("choice").asInt(), "the first choice stands: " + again);
            assertFalse(again.path("right").asBoolean());
            assertEquals(0, progress("predictions.bursts").path("burst").path("choice").asInt());
            JsonNode right = server.post("/api/lessons/bursts/predictions/warm", "{\"choice\":0}").json();
            assertTrue(right.path("right").asBoolean());
            assertTrue(right.path("rightExplanation").isNull(), "no other explanation when the choice was right");
            assertEquals("", right.path("reveal").asText(), "no reveal written: empty");
            assertEquals(2, right.path("answered").asInt(), "both predictions answered");
        }

        @Test
        @DisplayName("are refused for a choice that is not there, an unknown prediction or lesson, or a body of another shape")
        void refusals() {
            TestServer.Reply outside = server.post("/api/lessons/bursts/predictions/burst", "{\"choice\":2}");
            assertEquals(400, outside.status(), outside.body());
            OpenApiTest.assertDescribed(outside, "post", "/api/lessons/{id}/predictions/{prediction}");
            assertTrue(outside.body().contains("0 to 1, not 2"), outside.body());
            assertEquals(400, server.post("/api/lessons/bursts/predictions/burst", "{\"choice\":\"1\"}").status());
            assertEquals(400, server.post("/api/lessons/bursts/predictions/burst", "{\"choice\":1,\"why\":\"x\"}").status());
            TestServer.Reply unknown = server.post("/api/lessons/bursts/predictions/nope", "{\"choice\":0}");
            assertEquals(404, unknown.status(), unknown.body());
            OpenApiTest.assertDescribed(unknown, "post", "/api/lessons/{id}/predictions/{prediction}");
            assertEquals(404, server.post("/api/lessons/nope/predictions/burst", "{\"choice\":0}").status());
            assertTrue(progress("predictions.bursts").isMissingNode(), "nothing was recorded");
        }
    }

    @Nested
    @DisplayName("to the concept check")
    class Check {

        @Test
        @DisplayName("are graded, wrong then right, with each answer's explanation, and the score is kept")
        void wrongThenRight() {
            TestServer.Reply wrong = server.post("/api/lessons/bursts/check/one", "{\"answer\":1}");
            assertEquals(200, wrong.status(), wrong.body());
            OpenApiTest.assertDescribed(wrong, "post", "/api/lessons/{id}/check/{question}");
            assertEquals(TestServer.json("""
                    {"question":"one","right":false,"explanation":"HIDDEN-WRONG ten is a batch.","attempts":1,"score":0,
                     "questions":3,"pass":2,"passed":false}"""), wrong.json());
            JsonNode right = server.post("/api/lessons/bursts/check/one", "{\"answer\":0}").json();
            assertEquals(TestServer.json("""
                    {"question":"one","right":true,"explanation":"HIDDEN-RIGHT one.","attempts":2,"score":1,
                     "questions":3,"pass":2,"passed":false}"""), right);
            JsonNode stored = progress("check.bursts");
            assertEquals(1, stored.path("score").asInt(), stored.toString());
            assertEquals(0, stored.path("answers").path("one").path("answer").asInt(), "the latest answer is kept");
            assertEquals(2, stored.path("answers").path("one").path("attempts").asInt());
            assertFalse(stored.path("passed").asBoolean());
        }

        @Test
        @DisplayName("grade numbers within the tolerance, give the hint when wrong, and pass at the pass mark for good")
        void numbersAndPassing() {
            JsonNode off = server.post("/api/lessons/bursts/check/gbs", "{\"answer\":0.125}").json();
            assertFalse(off.path("right").asBoolean());
            assertEquals("Multiply.", off.path("explanation").asText(), "a wrong number gets the hint, not the answer");
            assertTrue(server.post("/api/lessons/bursts/check/gbs", "{\"answer\":0.01255}").json().path("right").asBoolean());
            JsonNode passed = server.post("/api/lessons/bursts/check/retries", "{\"answer\":2}").json();
            assertEquals(2, passed.path("score").asInt());
            assertTrue(passed.path("passed").asBoolean(), "2 of 3 right passes: " + passed);
            assertTrue(progress("check.bursts").path("passedAt").isTextual());
            JsonNode later = server.post("/api/lessons/bursts/check/retries", "{\"answer\":3}").json();
            assertEquals(1, later.path("score").asInt(), "the score follows the latest answers");
            assertTrue(later.path("passed").asBoolean(), "a check once passed stays passed");
        }

        @Test
        @DisplayName("are refused when the answer is not of the question's kind, or the question is not there")
        void refusals() {
            TestServer.Reply text = server.post("/api/lessons/bursts/check/gbs", "{\"answer\":\"a lot\"}");
            assertEquals(400, text.status(), text.body());
            OpenApiTest.assertDescribed(text, "post", "/api/lessons/{id}/check/{question}");
            assertTrue(text.body().contains("is a number"), text.body());
            assertEquals(400, server.post("/api/lessons/bursts/check/one", "{\"answer\":0.5}").status());
            assertEquals(400, server.post("/api/lessons/bursts/check/one", "{}").status());
            assertEquals(404, server.post("/api/lessons/bursts/check/nope", "{\"answer\":0}").status());
            TestServer.Reply none = server.post("/api/lessons/plain/check/one", "{\"answer\":0}");
            assertEquals(404, none.status(), none.body());
            assertTrue(none.body().contains("has no concept check"), none.body());
            assertTrue(progress("check.bursts").isMissingNode(), "nothing was recorded");
        }
    }

    @Test
    @DisplayName("the glossary lists every term by name, with the lessons that link to it")
    void glossary() {
        TestServer.Reply reply = server.get("/api/glossary");
        assertEquals(200, reply.status(), reply.body());
        OpenApiTest.assertDescribed(reply, "get", "/api/glossary");
        assertEquals(TestServer.json("""
                {"terms":[
                  {"id":"cold-start","term":"cold start","definition":"A new instance must start first.",
                   "lessons":[{"id":"bursts","title":"Lesson bursts"}]},
                  {"id":"warm-start","term":"warm start","definition":"An idle instance answers.",
                   "lessons":[{"id":"plain","title":"Lesson plain"}]}]}"""), reply.json());
    }
}
