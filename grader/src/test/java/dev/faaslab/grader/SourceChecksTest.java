package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structural checks and the comments, from the outline the language's own parser makes of a submission
 * (Acorn for JavaScript, Python's {@code ast}), read inside the sandbox: what the handler runs is followed through
 * the module's functions, and a source built to break the parser costs only its own analysis.
 */
@DisplayName("Checks and comments on the source")
class SourceChecksTest {

    @TempDir
    static Path root;

    static Exercise exercise;
    static final SourceAnalyzer analyzer = new SourceAnalyzer(SharedSandbox.get().platform());

    @BeforeAll
    static void anExerciseThatBuildsATableInInit() throws IOException {
        Path folder = Files.createDirectories(root.resolve("built-in-init"));
        for (String file : new String[] {"README.md", "starter.mjs", "solution.mjs", "starter.py", "solution.py"}) {
            Files.writeString(folder.resolve(file), "");
        }
        Files.writeString(folder.resolve(Exercise.MANIFEST), """
                {"title": "t", "lesson": "l", "languages": {"nodejs": {"handler": "index.handler"},
                                                            "python": {"handler": "lambda_function.lambda_handler"}},
                 "checks": [{"name": "builds the table in Init", "points": 2,
                             "structure": {"kind": "builtInInit", "what": "the table",
                                           "calls": {"nodejs": ["split"], "python": ["splitlines"]}}}]}
                """);
        exercise = ExerciseReader.read(folder);
    }

    static CheckResult graded(Language language, String code) {
        Grade grade = SharedSandbox.grader().grade(exercise, language, code);
        return grade.results().getFirst();
    }

    static SourceOutline outline(Language language, String handler, String code) {
        SourceAnalysis analysis = analyzer.analyze(language, handler, code);
        return assertInstanceOf(SourceAnalysis.Read.class, analysis, analysis.toString()).outline();
    }

    static Set<String> names(List<SourceOutline.Placed<SourceOutline.Call>> calls) {
        return calls.stream().map(placed -> placed.what().name()).collect(java.util.stream.Collectors.toSet());
    }

    @Nested
    @DisplayName("The outline of a JavaScript module")
    class JavaScriptOutline {

        @Test
        @DisplayName("follows the handler into the module's functions it calls, and the top level into its own")
        void followsCallsThroughTheModulesFunctions() {
            SourceOutline outline = outline(Language.NODEJS, "index.handler", """
                    import { bucket } from 'faaslab';
                    async function load() { const { body } = await bucket('reference').get('p.txt'); return parse(body); }
                    const parse = (text) => new Set(text.split('\\n').map(Number));
                    const table = await load();
                    function answer(n) { return table.has(n); }
                    export const handler = async (event) => ({ prime: answer(event.n) });
                    """);
            assertTrue(outline.handler().found());
            assertEquals(6, outline.handler().line());
            assertEquals(Set.of("answer", "has"), names(outline.handlerCalls()));
            assertTrue(names(outline.initCalls()).containsAll(Set.of("load", "bucket", "get", "parse", "split", "Set")),
                    names(outline.initCalls()).toString());
        }

        @Test
        @DisplayName("finds a handler exported under another name, and one exported the CommonJS way")
        void findsHandlersHoweverExported() {
            SourceOutline renamed = outline(Language.NODEJS, "index.handler", """
                    async function main(event) { return event.text.split(' '); }
                    export { main as handler };
                    """);
            assertEquals("main", renamed.handler().owner());
            assertEquals(Set.of("split"), names(renamed.handlerCalls()));
            SourceOutline commonJs = outline(Language.NODEJS, "index.handler", """
                    exports.handler = async (event) => event.text.split(' ');
                    """);
            assertTrue(commonJs.handler().found());
            assertEquals(Set.of("split"), names(commonJs.handlerCalls()));
        }

        @Test
        @DisplayName("sees a module-level name the handler changes, and not one it only shadows")
        void seesWritesToModuleLevelNames() {
            SourceOutline outline = outline(Language.NODEJS, "index.handler", """
                    const seen = new Set();
                    let count = 0;
                    function remember(id) { seen.add(id); }
                    export const handler = async (event) => { let count = 1; count++; remember(event.id); return count; };
                    """);
            assertEquals(List.of("seen"), outline.handlerWrites().stream().map(placed -> placed.what().name()).toList());
        }
    }

    @Nested
    @DisplayName("The outline of a Python module")
    class PythonOutline {

        @Test
        @DisplayName("follows the handler into the module's functions it calls, and the top level into its own")
        void followsCallsThroughTheModulesFunctions() {
            SourceOutline outline = outline(Language.PYTHON, "lambda_function.lambda_handler", """
                    from faaslab import bucket

                    def load():
                        return {int(line) for line in bucket('reference').get('p.txt')['body'].splitlines()}

                    PRIMES = load()

                    def answer(n):
                        return n in PRIMES

                    def lambda_handler(event, context):
                        return {'prime': answer(event['n'])}
                    """);
            assertEquals(11, outline.handler().line());
            assertEquals(Set.of("answer"), names(outline.handlerCalls()));
            assertTrue(names(outline.initCalls()).containsAll(Set.of("load", "bucket", "get", "splitlines", "int")),
                    names(outline.initCalls()).toString());
        }

        @Test
        @DisplayName("sees a module-level name the handler changes, and not a local of the same name")
        void seesWritesToModuleLevelNames() {
            SourceOutline outline = outline(Language.PYTHON, "lambda_function.lambda_handler", """
                    SEEN = set()
                    TOTAL = 0

                    def lambda_handler(event, context):
                        global TOTAL
                        TOTAL += 1
                        SEEN.add(event['id'])
                        count = 0
                        count += 1
                        return count
                    """);
            assertEquals(List.of("TOTAL", "SEEN"), outline.handlerWrites().stream().map(placed -> placed.what().name())
                    .toList());
        }
    }

    @Nested
    @DisplayName("builtInInit")
    class BuiltInInitChecks {

        @Test
        @DisplayName("passes a table built at the top level, in JavaScript and in Python")
        void passesATableBuiltAtTheTopLevel() {
            CheckResult javaScript = graded(Language.NODEJS, """
                    const table = new Set('2 3 5'.split(' ').map(Number));
                    export const handler = async (event) => ({ prime: table.has(event.n) });
                    """);
            assertEquals(CheckStatus.PASS, javaScript.status(), javaScript.verdict().actual());
            assertTrue(javaScript.verdict().actual().contains("line 1: split(…) builds the table in Init, at the top level"),
                    javaScript.verdict().actual());
            CheckResult python = graded(Language.PYTHON, """
                    def build():
                        return {int(n) for n in '2\\n3\\n5'.splitlines()}

                    TABLE = build()

                    def lambda_handler(event, context):
                        return {'prime': event['n'] in TABLE}
                    """);
            assertEquals(CheckStatus.PASS, python.status(), python.verdict().actual());
            assertTrue(python.verdict().actual().contains("(in build, which the top level calls)"),
                    python.verdict().actual());
        }

        @Test
        @DisplayName("fails a table built in a function the handler calls, naming the line and the function")
        void failsATableBuiltThroughTheHandler() {
            CheckResult result = graded(Language.NODEJS, """
                    const text = '2 3 5';
                    function build() {
                      return new Set(text.split(' ').map(Number));
                    }
                    export const handler = async (event) => ({ prime: build().has(event.n) });
                    """);
            assertEquals(CheckStatus.FAIL, result.status());
            assertEquals("line 3: split(…) builds the table in the handler (in build, which the handler calls), so "
                    + "every request builds it again", result.verdict().actual());
        }

        @Test
        @DisplayName("fails a table built both in Init and again in the handler, as a refresh on every request does")
        void failsATableBuiltInBoth() {
            CheckResult result = graded(Language.PYTHON, """
                    def build():
                        return set('2\\n3'.splitlines())

                    TABLE = build()

                    def lambda_handler(event, context):
                        global TABLE
                        TABLE = build()
                        return {'prime': str(event['n']) in TABLE}
                    """);
            assertEquals(CheckStatus.FAIL, result.status());
            assertTrue(result.verdict().actual().startsWith("line 2: splitlines(…) builds the table in the handler"),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that builds no table anywhere")
        void failsCodeThatBuildsNothing() {
            CheckResult result = graded(Language.NODEJS, "export const handler = async (event) => ({ prime: event.n === 2 });");
            assertEquals(CheckStatus.FAIL, result.status());
            assertTrue(result.verdict().actual().startsWith("nothing in Init builds the table"), result.verdict().actual());
        }

        @Test
        @DisplayName("ends a source nested too deep for the parser as an error of its own analysis, and the next one is read")
        void survivesASourceBuiltToBreakTheParser() {
            String deep = "export const handler = async () => " + "[".repeat(200_000) + "]".repeat(200_000) + ";";
            CheckResult result = graded(Language.NODEJS, deep);
            assertTrue(result.status() == CheckStatus.ERROR || result.status() == CheckStatus.SYNTAX_ERROR,
                    result.status() + ": " + result.verdict().actual());
            CheckResult next = graded(Language.NODEJS, """
                    const table = new Set('2 3'.split(' '));
                    export const handler = async (event) => table.has(event.n);
                    """);
            assertEquals(CheckStatus.PASS, next.status(), next.verdict().actual());
        }
    }

    @Nested
    @DisplayName("The comments")
    class Comments {

        static List<String> comments(Language language, String code) {
            return SharedSandbox.grader().grade(exercise, language, code).comments().stream()
                    .map(CodeComment::comment).toList();
        }

        @Test
        @DisplayName("say when the handler makes a service's handle on every request, and when Init does the setup")
        void clientsPerRequestAndSetupInInit() {
            assertEquals(List.of("faaslab.init.client_per_request"), comments(Language.NODEJS, """
                    import { table } from 'faaslab';
                    export const handler = async (event) => { await table('orders').put({ id: event.id }); return 1; };
                    """));
            assertEquals(List.of("faaslab.init.setup_in_init"), comments(Language.PYTHON, """
                    from faaslab import bucket

                    DATA = bucket('reference').get('p.txt')['body']

                    def lambda_handler(event, context):
                        return len(DATA)
                    """));
        }

        @Test
        @DisplayName("say when the handler keeps state in the module, and when var is used")
        void stateInMemoryAndVar() {
            Grade grade = SharedSandbox.grader().grade(exercise, Language.NODEJS, """
                    var counted = [];
                    export const handler = async (event) => { counted.push(event.id); return counted.length; };
                    """);
            assertEquals(List.of("faaslab.state.module_state", "faaslab.javascript.prefer_const"),
                    grade.comments().stream().map(CodeComment::comment).toList());
            CodeComment state = grade.comments().getFirst();
            assertEquals("actionable", state.type());
            assertEquals(2, state.line());
            assertTrue(state.text().contains("`counted`"), state.text());
        }

        @Test
        @DisplayName("say nothing of code that keeps no state, makes no handle and declares no var")
        void nothingToSay() {
            assertEquals(List.of(), comments(Language.NODEJS, "export const handler = async (event) => event.n * 2;"));
        }
    }
}
