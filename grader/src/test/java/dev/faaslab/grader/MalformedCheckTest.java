package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code malformed} check sends the grader's own malformed requests to a function on the real platform, and
 * counts how API Gateway would have answered them: it passes a function that answers every one below 500, and names
 * the first request that got a 5xx and why.
 */
@DisplayName("The malformed check")
class MalformedCheckTest {

    @TempDir
    static Path root;

    static Exercise exercise;

    /** Routes GET and POST /greet, reads a JSON or base64 body with care, and answers 4xx to what it cannot use. */
    static final String CAREFUL = """
            const json = (statusCode, value) => ({ statusCode, headers: { 'content-type': 'application/json' },
              body: JSON.stringify(value) });
            const nameIn = (event) => {
              if (event.requestContext.http.method === 'GET') return event.queryStringParameters?.name;
              const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
              try { return JSON.parse(text ?? '')?.name; } catch { return undefined; }
            };
            export const handler = async (event) => {
              if (event.rawPath !== '/greet') return json(404, { error: 'no route ' + event.rawPath });
              if (!['GET', 'POST'].includes(event.requestContext.http.method)) return json(405, { error: 'GET or POST' });
              const name = nameIn(event);
              if (typeof name !== 'string' || name.trim() === '') return json(400, { error: 'name is missing' });
              return json(200, { message: `Hello, ${name}!` });
            };
            """;

    @BeforeAll
    static void anExerciseSendingTwentyMalformedRequestsToGreet() throws IOException {
        exercise = exercise("""
                {"kind": "malformed", "requests": 20, "path": "/greet"}""");
    }

    static Exercise exercise(String scenario) throws IOException {
        return exerciseWith("{\"name\": \"no 500 across malformed requests\", \"points\": 2, \"scenario\": "
                + scenario + "}");
    }

    /** An exercise of one check, in a folder of its own, read as the grader reads it. */
    static Exercise exerciseWith(String check) throws IOException {
        Path folder = Files.createDirectories(root.resolve("malformed-" + Integer.toHexString(check.hashCode())));
        for (String file : new String[] {"README.md", "starter.mjs", "solution.mjs"}) {
            Files.writeString(folder.resolve(file), "");
        }
        Files.writeString(folder.resolve(Exercise.MANIFEST), """
                {"title": "t", "lesson": "l", "languages": {"nodejs": {"handler": "index.handler"}},
                 "limits": {"timeoutSeconds": 2, "memoryMb": 128}, "checks": [%s]}
                """.formatted(check));
        return ExerciseReader.read(folder);
    }

    static CheckResult graded(String code) {
        Grade grade = SharedSandbox.grader().grade(exercise, Language.NODEJS, code);
        return grade.results().getFirst();
    }

    @Test
    @DisplayName("passes a function that answers every malformed request with a 4xx, counting each status")
    void passesACarefulFunction() {
        CheckResult result = graded(CAREFUL);
        assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
        assertEquals("20 malformed requests answered 5 × 200, 12 × 400, 1 × 404, 2 × 405; the function threw on none",
                result.verdict().actual());
    }

    @Test
    @DisplayName("fails a function that parses the body carelessly, naming the first request that got a 500")
    void failsCarelessParsing() {
        CheckResult result = graded(CAREFUL.replace("try { return JSON.parse(text ?? '')?.name; } catch { return undefined; }",
                "return JSON.parse(text).name;"));
        assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
        String actual = result.verdict().actual();
        assertTrue(actual.startsWith("20 malformed requests answered "), actual);
        assertTrue(actual.contains("; the first was a POST whose body is not JSON (POST /greet, content-type"
                + " application/json, 14 bytes of body), answered 500 because the function threw SyntaxError: "), actual);
    }

    @Test
    @DisplayName("fails a function that answers an unknown route with a response API Gateway cannot read")
    void failsAnUnreadableResponse() {
        CheckResult result = graded(CAREFUL.replace("return json(404, { error: 'no route ' + event.rawPath });",
                "return { statusCode: '404', body: 'no route' };"));
        assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
        assertTrue(result.verdict().actual().endsWith("the function threw on none; the first was a GET of a route the"
                + " function does not have (GET /no-such-route?name=Ada, no body), answered 500 because the function"
                + " returned a response API Gateway cannot read ({\"statusCode\":\"404\",\"body\":\"no route\"})"),
                result.verdict().actual());
    }

    @Test
    @DisplayName("fails a function that catches every error and answers 500 itself, whatever it logs")
    void failsAnswering500Itself() {
        CheckResult result = graded("""
                export const handler = async (event) => {
                  try {
                    return { statusCode: 200, body: JSON.stringify({ message: 'Hello, ' + JSON.parse(event.body).name }) };
                  } catch (error) {
                    console.log('handled: 400 Bad Request');
                    return { statusCode: 500, body: JSON.stringify({ error: error.message }) };
                  }
                };
                """);
        assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
        assertTrue(result.verdict().actual().endsWith("the function threw on none; the first was a POST whose body is"
                + " not JSON (POST /greet, content-type application/json, 14 bytes of body), answered 500: the function"
                + " answered 500 itself"), result.verdict().actual());
    }

    @Test
    @DisplayName("ends as a timeout when a request makes the function run past its timeout")
    void endsAsATimeout() {
        CheckResult result = graded("export const handler = async () => { for (;;) { /* never returns */ } };");
        assertEquals(CheckStatus.TIMEOUT, result.status(), result.verdict().actual());
    }

    @Test
    @DisplayName("says what it expects in words")
    void expected() {
        assertEquals("20 malformed requests to /greet (bodies that are not JSON or JSON of the wrong type, binary and"
                + " form bodies, missing parts, an unknown route, other methods) each answered below 500, the function"
                + " throwing on none", exercise.checks().getFirst().expectation());
        assertEquals("malformed", exercise.checks().getFirst().probeKind());
    }

    @Nested
    @DisplayName("its list of requests")
    class TheList {

        @Test
        @DisplayName("has twenty different requests, cycled when more are asked for")
        void isCycled() {
            assertEquals(20, MalformedRequests.ALL.size());
            assertEquals(20, MalformedRequests.ALL.stream().map(MalformedRequests.Request::what).distinct().count());
            List<MalformedRequests.Request> first = MalformedRequests.first(22);
            assertEquals(MalformedRequests.ALL.get(0), first.get(20));
            assertEquals(MalformedRequests.ALL.get(1), first.get(21));
        }

        @Test
        @DisplayName("sends binary and form bodies as API Gateway does, base64-encoded")
        void encodesBinaryBodies() {
            for (MalformedRequests.Request request : MalformedRequests.ALL) {
                String event = request.event("/greet").json();
                boolean base64 = request.what().contains("base64");
                assertEquals(base64, event.contains("\"isBase64Encoded\":true"), request.what() + ": " + event);
            }
        }
    }

    @Nested
    @DisplayName("refuses a manifest")
    class Refuses {

        private String refusal(String scenario) {
            return assertThrows(ExerciseException.class, () -> exercise(scenario)).getMessage();
        }

        @Test
        @DisplayName("that asks for no requests, or more than 50")
        void tooFewOrTooMany() {
            assertTrue(refusal("{\"kind\": \"malformed\", \"requests\": 0, \"path\": \"/greet\"}").endsWith("check 1"
                    + " ('no 500 across malformed requests'): malformed needs 1 to 50 \"requests\", not 0 (the grader's"
                    + " list of 20 is cycled)"));
            assertTrue(refusal("{\"kind\": \"malformed\", \"requests\": 51}").endsWith("not 51 (the grader's list of 20"
                    + " is cycled)"));
            assertTrue(refusal("{\"kind\": \"malformed\", \"requests\": \"20\"}").endsWith("malformed needs"
                    + " \"requests\": how many malformed requests to send, a whole number from 1 to 50, not \"20\""));
        }

        @Test
        @DisplayName("whose path is no route")
        void aPathThatIsNoRoute() {
            assertTrue(refusal("{\"kind\": \"malformed\", \"requests\": 5, \"path\": \"greet?name=Ada\"}").endsWith(
                    "malformed's \"path\" is the route the function serves, starting with '/' and without a query, such"
                    + " as \"/greet\", not 'greet?name=Ada'"));
        }

        @Test
        @DisplayName("whose check has its own request, which the list would ignore")
        void aCheckWithItsOwnRequest() {
            String message = assertThrows(ExerciseException.class, () -> exerciseWith("""
                    {"name": "n", "points": 1, "http": {"method": "GET", "path": "/greet"},
                     "scenario": {"kind": "malformed", "requests": 5, "path": "/greet"}}""")).getMessage();
            assertTrue(message.endsWith("check 1 ('n'): malformed sends the grader's own list of malformed requests:"
                    + " leave out the check's \"http\" and \"event\", and name the route they go to as the scenario's"
                    + " \"path\", such as {\"kind\": \"malformed\", \"requests\": 20, \"path\": \"/greet\"}"), message);
        }
    }
}
