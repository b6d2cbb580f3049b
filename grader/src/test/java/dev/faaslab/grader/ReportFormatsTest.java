package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.grader.report.ClassroomReport;
import dev.faaslab.grader.report.ExercismReport;
import dev.faaslab.grader.report.JunitReport;
import dev.faaslab.runtime.Language;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each report format, checked against its specification (see shared notes, learning-tools.md). */
@DisplayName("The reports")
class ReportFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Loops on Ada (a time-out), logs 2,000 characters each time, and greets nobody properly. */
    private static final String NOISY_LOOPING = """
            export const handler = async (event) => {
              console.log('x'.repeat(2000));
              if (event.queryStringParameters?.name === 'Ada') { while (true) {} }
              return { statusCode: 200, body: '{}' };
            };
            """;

    static Exercise exercise;
    static Grade solution;
    static Grade looping;
    static Grade syntaxError;
    /** setup-once's table built on every request: its structural check fails, and the analyzer comments. */
    static Grade tablePerRequest;

    @BeforeAll
    static void grade() throws java.io.IOException {
        exercise = SharedSandbox.exercise("greet-by-name");
        Grader grader = SharedSandbox.grader();
        solution = grader.grade(exercise, Language.NODEJS, exercise.solution(Language.NODEJS));
        looping = grader.grade(exercise, Language.NODEJS, NOISY_LOOPING);
        syntaxError = grader.grade(exercise, Language.NODEJS, "export const handler = async (event) => {");
        Exercise setupOnce = SharedSandbox.exercise("setup-once");
        tablePerRequest = grader.grade(setupOnce, Language.NODEJS, "var unused = 0;\n" + java.nio.file.Files.readString(
                setupOnce.directory().resolve("wrong-builds-the-table-every-request.mjs")));
    }

    @Nested
    @DisplayName("Exercism's results.json, version 3,")
    class Exercism {

        @Test
        @DisplayName("says version 3 and pass for a passing submission, every test passing")
        void passing() {
            JsonNode results = ExercismReport.of(solution);
            assertEquals(3, results.path("version").asInt());
            assertEquals("pass", results.path("status").asText());
            assertFalse(results.has("message"), "message only goes with status error");
            // Hidden checks that pass are not shown to a learner.
            assertEquals(exercise.checks().stream().filter(c -> !c.hidden()).map(Check::name).toList(),
                    names(results.path("tests")), "the visible checks, in the exercise's order");
            results.path("tests").forEach(test -> assertEquals("pass", test.path("status").asText()));
        }

        @Test
        @DisplayName("says fail, marks a time-out as an error that says it timed out, and cuts output to 500 characters")
        void failing() {
            JsonNode results = ExercismReport.of(looping);
            assertEquals("fail", results.path("status").asText());
            JsonNode first = results.path("tests").get(0);
            assertEquals("error", first.path("status").asText(), "a time-out did not run to a result");
            assertTrue(first.path("message").asText().contains("Timed out"), first.toString());
            for (JsonNode test : results.path("tests")) {
                assertTrue(Set.of("pass", "fail", "error").contains(test.path("status").asText()), test.toString());
                assertTrue(test.has("name") && test.has("test_code"), "name and test_code are required: " + test);
                assertTrue(test.path("output").asText("").length() <= ExercismReport.MAX_OUTPUT_CHARS,
                        "output is at most 500 characters: " + test.path("output").asText().length());
                if (!"pass".equals(test.path("status").asText())) {
                    assertFalse(test.path("message").asText().isEmpty(), "a failure has a message: " + test);
                }
            }
            assertTrue(results.path("tests").toString().contains("(hidden)"),
                    "the failing hidden checks are listed, their code hidden");
        }

        @Test
        @DisplayName("carries a structural check as a test, and the analyzer's comments as Exercism's analyzers give them")
        void structuralChecksAndComments() {
            JsonNode results = ExercismReport.of(tablePerRequest);
            JsonNode structural = java.util.stream.StreamSupport.stream(results.path("tests").spliterator(), false)
                    .filter(test -> test.path("test_code").asText().startsWith("structural (builtInInit): "))
                    .findFirst().orElseThrow(() -> new AssertionError("no structural test in " + results));
            assertEquals("fail", structural.path("status").asText());
            assertTrue(structural.path("message").asText().contains("builds the table of primes in the handler"),
                    structural.toString());
            JsonNode comment = results.path("comments").get(0);
            assertEquals("faaslab.javascript.prefer_const", comment.path("comment").asText(), results.toString());
            assertEquals("informative", comment.path("type").asText());
            assertEquals("1", comment.path("params").path("line").asText());
            assertTrue(comment.path("text").asText().startsWith("Line 1: `var`"), comment.toString());
            assertEquals(0, ExercismReport.of(solution).path("comments").size(), "no comment on the reference solution");
        }

        @Test
        @DisplayName("says error, with a message, when the code does not parse")
        void syntaxError() {
            JsonNode results = ExercismReport.of(syntaxError);
            assertEquals("error", results.path("status").asText());
            assertTrue(results.path("message").asText().contains("does not parse"), results.toString());
        }
    }

    @Nested
    @DisplayName("GitHub Classroom's result")
    class Classroom {

        @Test
        @DisplayName("decodes from base64 to version 1 with max_score and every test's six fields")
        void decodes() throws Exception {
            JsonNode result = JSON.readTree(Base64.getDecoder().decode(ClassroomReport.base64(looping)));
            assertEquals(1, result.path("version").asInt());
            assertEquals("fail", result.path("status").asText());
            assertEquals(exercise.points(), result.path("max_score").asInt());
            assertEquals(exercise.checks().size(), result.path("tests").size(), "every check, hidden ones too");
            int sum = 0;
            for (JsonNode test : result.path("tests")) {
                for (String field : List.of("name", "status", "score", "message", "line_no", "execution_time")) {
                    assertTrue(test.has(field), "a test has " + field + ": " + test);
                }
                assertTrue(test.path("execution_time").asText().matches("\\d+\\.\\d\\ds"), test.toString());
                sum += test.path("score").asInt();
            }
            assertEquals(looping.score(), sum, "the reporter's sum of scores is the grade");
        }

        @Test
        @DisplayName("gives a passing submission the full score")
        void fullScore() throws Exception {
            JsonNode result = JSON.readTree(Base64.getDecoder().decode(ClassroomReport.base64(solution)));
            assertEquals("pass", result.path("status").asText());
            int sum = 0;
            for (JsonNode test : result.path("tests")) {
                sum += test.path("score").asInt();
            }
            assertEquals(result.path("max_score").asInt(), sum);
        }
    }

    @Nested
    @DisplayName("JUnit XML")
    class Junit {

        @Test
        @DisplayName("parses, with one testcase per check and the failure and error counts right")
        void counts() throws Exception {
            Document xml = parse(JunitReport.xml(looping));
            Element suite = xml.getDocumentElement();
            assertEquals("testsuite", suite.getTagName());
            NodeList cases = suite.getElementsByTagName("testcase");
            assertEquals(exercise.checks().size(), cases.getLength());
            assertEquals(Integer.toString(cases.getLength()), suite.getAttribute("tests"));
            long failures = looping.results().stream().filter(r -> r.status() == CheckStatus.FAIL).count();
            long errors = looping.results().stream()
                    .filter(r -> r.status() != CheckStatus.FAIL && r.status() != CheckStatus.PASS).count();
            assertTrue(errors > 0, "the time-outs are errors");
            assertEquals(Long.toString(failures), suite.getAttribute("failures"));
            assertEquals(Long.toString(errors), suite.getAttribute("errors"));
            assertEquals(failures, suite.getElementsByTagName("failure").getLength());
            assertEquals(errors, suite.getElementsByTagName("error").getLength());
        }

        @Test
        @DisplayName("has a structural check's failure as a testcase's failure")
        void structural() throws Exception {
            NodeList failures = parse(JunitReport.xml(tablePerRequest)).getElementsByTagName("failure");
            assertEquals(1, failures.getLength(), "only the structural check fails");
            Element testcase = (Element) failures.item(0).getParentNode();
            assertEquals("builds the table in Init, never in the handler", testcase.getAttribute("name"));
        }

        @Test
        @DisplayName("has no failure at all for a passing submission")
        void passing() throws Exception {
            Element suite = parse(JunitReport.xml(solution)).getDocumentElement();
            assertEquals("0", suite.getAttribute("failures"));
            assertEquals("0", suite.getAttribute("errors"));
        }

        private static Document parse(String xml) throws Exception {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<String> names(JsonNode tests) {
        return java.util.stream.StreamSupport.stream(tests.spliterator(), false).map(t -> t.path("name").asText()).toList();
    }
}
