package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exercise written in several files, a core and its adapters, graded through several providers' doors: each
 * door a function of its own in its provider's handler style, every request sent through each door's HTTP trigger.
 */
@DisplayName("A submission behind several providers' doors")
class DoorsCheckTest {

    @TempDir
    static Path root;

    static Exercise exercise;

    static final String CORE = """
            // The answer, whoever asks.
            export function greet({ method, query }) {
              if (!query.name) return { status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"no name"}' };
              return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: query.name }) };
            }
            """;
    static final String LAMBDA = """
            import { greet } from './core.mjs';
            export const handler = async (event) => {
              const { status, headers, body } = greet({ method: event.requestContext.http.method,
                query: event.queryStringParameters ?? {} });
              return { statusCode: status, headers, body };
            };
            """;
    static final String WORKER = """
            import { greet } from './core.mjs';
            export default {
              async fetch(request) {
                const { status, headers, body } = greet({ method: request.method,
                  query: Object.fromEntries(new URL(request.url).searchParams) });
                return new Response(body, { status, headers });
              },
            };
            """;

    @BeforeAll
    static void anExerciseOfACoreAndTwoDoors() throws IOException {
        Path folder = Files.createDirectories(root.resolve("two-doors"));
        Files.writeString(folder.resolve("README.md"), "");
        for (String kind : List.of("starter", "solution")) {
            Path files = Files.createDirectories(folder.resolve(kind).resolve("nodejs"));
            Files.writeString(files.resolve("core.mjs"), CORE);
            Files.writeString(files.resolve("lambda.mjs"), LAMBDA);
            Files.writeString(files.resolve("worker.mjs"), WORKER);
        }
        Files.writeString(folder.resolve(Exercise.MANIFEST), """
                {"title": "t", "lesson": "l", "limits": {"timeoutSeconds": 30},
                 "languages": {"nodejs": {"handler": "lambda.handler", "files": ["core.mjs", "lambda.mjs", "worker.mjs"]}},
                 "checks": [
                   {"name": "answers alike", "points": 3, "scenario": {"kind": "doors",
                     "doors": [{"style": "aws-lambda", "handler": "lambda.handler"},
                               {"style": "cloudflare-workers", "handler": {"nodejs": "worker.default"}}],
                     "requests": [{"method": "GET", "path": "/hi", "query": "name=Ada"}, {"method": "GET", "path": "/hi"}],
                     "expect": [{"subset": {"statusCode": 200, "body": {"hello": "Ada"}}}, null]}},
                   {"name": "the core is nobody's", "points": 1, "structure": {"kind": "providerFree",
                     "file": {"nodejs": "core.mjs"}, "modules": {"nodejs": {"@azure/functions": "Azure Functions"}},
                     "names": {"nodejs": {"requestContext": "API Gateway's event"}}}},
                   {"name": "short adapters", "points": 1, "structure": {"kind": "shortFiles",
                     "files": {"nodejs": ["lambda.mjs", "worker.mjs"]}, "maxLines": 8}}]}
                """);
        exercise = ExerciseReader.read(folder);
    }

    static Grade graded(Map<String, String> changed) {
        Map<String, String> files = new HashMap<>(Map.of("core.mjs", CORE, "lambda.mjs", LAMBDA, "worker.mjs", WORKER));
        files.putAll(changed);
        return SharedSandbox.grader().grade(exercise, Language.NODEJS, files);
    }

    @Test
    void aCoreAnsweringAlikeThroughEveryDoorGetsFullMarks() {
        Grade grade = graded(Map.of());
        assertEquals(5, grade.score(), () -> grade.results().toString());
        assertEquals("2 requests, each answered alike through 2 doors", grade.results().getFirst().verdict().actual());
        assertEquals("lines of code: lambda.mjs 6, worker.mjs 8", grade.results().get(2).verdict().actual());
    }

    @Test
    void anAdapterThatDropsTheContentTypeIsNamedWithBothAnswers() {
        Grade grade = graded(Map.of("worker.mjs", WORKER.replace("{ status, headers }", "{ status }")));
        CheckResult doors = grade.results().getFirst();
        assertEquals(CheckStatus.FAIL, doors.status());
        assertEquals("request 1 (GET /hi?name=Ada): aws-lambda (lambda.handler) answered 200 application/json"
                + " {\"hello\":\"Ada\"}, but cloudflare-workers (worker.default) answered 200 text/plain {\"hello\":\"Ada\"}",
                doors.verdict().actual());
    }

    @Test
    void anAnswerThatMissesTheExpectationFailsEvenWhenEveryDoorAgrees() {
        Grade grade = graded(Map.of("core.mjs", CORE.replace("hello: query.name", "hi: query.name")));
        assertTrue(grade.results().getFirst().verdict().actual().startsWith("request 1 (GET /hi?name=Ada): aws-lambda"
                + " (lambda.handler) answered 200 application/json {\"hi\":\"Ada\"}, not a result containing"),
                grade.results().getFirst().verdict().actual());
    }

    @Test
    void aDoorWhoseStyleCannotCallTheCodeFailsSayingWhatItLookedFor() {
        Grade grade = graded(Map.of("worker.mjs", "export const fetch = async () => new Response('hi');\n"));
        CheckResult doors = grade.results().getFirst();
        assertEquals(CheckStatus.FAIL, doors.status());
        assertTrue(doors.verdict().actual().startsWith("the door cloudflare-workers (worker.default) could not be deployed:"
                + " Cloudflare Workers"), doors.verdict().actual());
    }

    @Test
    void aStyleThePlatformDoesNotHaveIsACheckThatCouldNotRunNamingTheStylesItHas() {
        Doors doors = (Doors) exercise.checks().getFirst().probe();
        Doors.Door unknown = new Doors.Door("no-such-cloud", Map.of(Language.NODEJS, "lambda.handler"), "");
        Check check = new Check("answers alike", 3, false, "", "", new Doors(List.of(doors.doors().getFirst(), unknown),
                doors.requests(), List.of()));
        Exercise withUnknown = new Exercise(exercise.id(), exercise.title(), exercise.lesson(), exercise.order(),
                exercise.handlers(), exercise.limits(), List.of(check), exercise.fixtures(), exercise.directory(),
                exercise.files());
        Grade grade = SharedSandbox.grader().grade(withUnknown, Language.NODEJS, exercise.solutionFiles(Language.NODEJS));
        assertEquals(CheckStatus.ERROR, grade.results().getFirst().status());
        assertTrue(grade.results().getFirst().verdict().actual().startsWith("the check could not run: this platform has"
                + " no handler style 'no-such-cloud' (it has aws-lambda, cloudflare-workers"),
                grade.results().getFirst().verdict().actual());
    }

    @Test
    void aSubmissionWithoutOneOfItsFilesIsRefusedNamingIt() {
        Grade grade = SharedSandbox.grader().grade(exercise, Language.NODEJS, Map.of("core.mjs", CORE, "lambda.mjs",
                LAMBDA, "index.mjs", WORKER));
        assertEquals(0, grade.score());
        assertEquals("the submission is the files core.mjs, lambda.mjs, worker.mjs; it has no worker.mjs; it has others"
                + " (index.mjs): put their code in the listed files", grade.message());
    }

    @Test
    void aCoreThatLoadsAProvidersModuleAnywhereFailsNamingTheLine() {
        Grade grade = graded(Map.of("core.mjs", CORE + """
                export async function later() {
                  const { app } = await import('@azure/functions');
                  return app;
                }
                """));
        assertEquals("core.mjs line 7 loads '@azure/functions', the library of Azure Functions: that door's adapter"
                + " may, the core may not", grade.results().get(1).verdict().actual());
    }

    @Test
    void aCoreThatReadsAProvidersEventByStringFails() {
        Grade grade = graded(Map.of("core.mjs", CORE.replace("if (!query.name)",
                "if ('requestContext' in query) throw new Error('Lambda');\n  if (!query.name)")));
        assertEquals("core.mjs line 3 uses requestContext, which only API Gateway's event has: hand the core plain"
                + " values from the adapter instead", grade.results().get(1).verdict().actual());
    }

    @Test
    void linesOfCodeLeaveOutBlankLinesAndCommentsButCountEveryLineOfAStatement() {
        Grade grade = graded(Map.of("lambda.mjs", """
                // Lambda's door.
                /* A comment
                   of two lines. */
                import { greet } from './core.mjs';

                export const handler = async (event) => {   // one line of code, though commented
                  const { status, headers, body } = greet({ method: event.requestContext.http.method,
                    query: event.queryStringParameters ?? {} });
                  const note = `a template
                spanning two lines`;
                  return { statusCode: status, headers, body };
                };
                """));
        assertEquals("lines of code: lambda.mjs 8, worker.mjs 8", grade.results().get(2).verdict().actual());
    }

    @Test
    void pythonsLinesOfCodeLeaveOutDocstringsAndItsModulesAreFoundInEveryForm() {
        SourceAnalysis analysis = new SourceAnalyzer(SharedSandbox.get().platform()).analyze(Language.PYTHON,
                "main.quote", """
                        \"\"\"The module's docstring,
                        on two lines.\"\"\"
                        import json
                        from azure import functions  # a comment


                        def quote(request):
                            \"\"\"One line.\"\"\"
                            loaded = __import__('functions_framework')
                            return json.dumps(request['requestContext'])
                        """);
        SourceOutline outline = assertInstanceOf(SourceAnalysis.Read.class, analysis).outline();
        assertEquals(5, outline.codeLines());
        assertEquals(List.of(new SourceOutline.ModuleUse("json", 3), new SourceOutline.ModuleUse("azure", 4),
                new SourceOutline.ModuleUse("functions_framework", 9)), outline.modules());
        assertEquals(10, outline.names().get("requestContext"));
    }
}
