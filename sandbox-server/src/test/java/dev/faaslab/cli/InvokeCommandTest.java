package dev.faaslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

@DisplayName("faaslab invoke")
class InvokeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one run of the command printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run faaslab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = FaasLabCommand.forArguments(args); // as Main runs it
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private String file(String name, String code) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, code);
        return path.toString();
    }

    private static int count(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    @Test
    @DisplayName("prints the result on stdout and the log with its REPORT line on stderr")
    void printsResultAndLog() throws Exception {
        Run run = faaslab("invoke", file("hello.mjs",
                "export const handler = async (event) => { console.log('hi', event.name); return { hello: event.name }; };"),
                "--event", "{\"name\":\"Ada\"}");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("{\"hello\":\"Ada\"}", run.out().strip());
        assertTrue(run.err().contains("\tINFO\thi Ada"), run.err());
        assertTrue(run.err().contains("REPORT RequestId: "), run.err());
        assertTrue(run.err().contains("Init Duration: "), run.err());
    }

    @Test
    @DisplayName("with --style runs a handler written as another provider documents it: a Worker gets the event as a POST")
    void runsAWorkerWithStyle() throws Exception {
        Run run = faaslab("invoke", file("index.mjs", """
                export default {
                  async fetch(request, env, ctx) {
                    const event = await request.json();
                    return new Response('Hello, ' + event.name + '!');
                  },
                };
                """), "--style", "cloudflare-workers", "--event", "{\"name\":\"Ada\"}");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode reply = JSON.readTree(run.out());
        assertEquals(200, reply.path("status").asInt(), run.out());
        assertEquals("Hello, Ada!", reply.path("text").asText(), "a text body shows as text: " + run.out());
    }

    @Test
    @DisplayName("refuses an unknown style, and code its style cannot call, with a usage exit naming what it looked for")
    void refusesABadStyle() throws Exception {
        String code = file("index.mjs", "export const handler = async () => 1;");
        Run unknown = faaslab("invoke", code, "--style", "heroku");
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("heroku") && unknown.err().contains("cloudflare-workers"), unknown.err());
        Run misfit = faaslab("invoke", code, "--style", "cloudflare-workers");
        assertEquals(ExitCode.USAGE, misfit.exitCode());
        assertTrue(misfit.err().contains("Cloudflare Workers") && misfit.err().contains("default export"), misfit.err());
    }

    @Test
    @DisplayName("with --repeat sends every request to one instance: one cold start, then warm")
    void repeatsOnOneInstance() throws Exception {
        Run run = faaslab("invoke", file("count.js", "let n = 0;\nexports.handler = async () => ++n;"), "--repeat", "4");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("1\n2\n3\n4", run.out().strip().replace("\r", ""));
        assertEquals(1, count(run.err(), "\\(cold start\\)"), run.err());
        assertEquals(3, count(run.err(), "\\(warm\\)"), run.err());
    }

    @Test
    @DisplayName("runs a folder of several files with its node_modules, and the same folder zipped")
    void runsAFolderAndAZip() throws Exception {
        Path folder = Path.of("src/test/resources/packages/node-with-deps");
        Run fromFolder = faaslab("invoke", folder.toString(), "--event", "{\"name\":\"Ada\"}");
        assertEquals(ExitCode.OK, fromFolder.exitCode(), fromFolder.err());
        assertEquals("{\"greeting\":\"Hello, Ada!\",\"twoDaysMs\":172800000,\"idIsValid\":true}", fromFolder.out().strip());

        Path zip = dir.resolve("function.zip");
        Files.write(zip, dev.faaslab.http.PackagesApiTest.zipFolder(Path.of("src/test/resources/packages/python-package")));
        Run fromZip = faaslab("invoke", zip.toString());
        assertEquals(ExitCode.OK, fromZip.exitCode(), fromZip.err());
        assertEquals("{\"greeting\": \"Hello, world!\", \"motd\": \"Served from /var/task\"}", fromZip.out().strip());
    }

    @Test
    @DisplayName("says, with exit code 2, when a folder has no handler module to run, and which modules it has")
    void refusesAFolderWithoutItsHandler() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(folder.resolve("greet.mjs"), "export const greet = async () => 'hi';");
        Run run = faaslab("invoke", folder.toString());
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("neither index.js (.mjs, .cjs) nor lambda_function.py: name the handler with --handler"
                + " (its modules: greet.mjs)"), run.err());
        Run named = faaslab("invoke", folder.toString(), "--handler", "greet.greet");
        assertEquals(ExitCode.OK, named.exitCode(), named.err());
        assertEquals("\"hi\"", named.out().strip());
    }

    @Test
    @DisplayName("runs Python with Lambda's default handler name and the environment given with --env")
    void runsPython() throws Exception {
        Run run = faaslab("invoke", file("lambda_function.py",
                "import os\ndef lambda_handler(event, context):\n    print('hello from python')\n    return {'table': os.environ['TABLE'], 'memory': context.memory_limit_in_mb}\n"),
                "--env", "TABLE=orders", "--memory", "512");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("{\"table\": \"orders\", \"memory\": \"512\"}", run.out().strip());
        assertTrue(run.err().contains("hello from python"), run.err());
        assertTrue(run.err().contains("the Python runtime started"), run.err());
    }

    @Test
    @DisplayName("reads the event from a file with @ and from standard input with -")
    void readsEventsFromFilesAndStdin() throws Exception {
        String echo = file("echo.mjs", "export const handler = async (event) => event;");
        String eventFile = file("event.json", "{\n  \"from\": \"file\"\n}");
        assertEquals("{\"from\":\"file\"}", faaslab("invoke", echo, "--event", "@" + eventFile).out().strip());
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream("[1, 2, 3]".getBytes(StandardCharsets.UTF_8)));
            assertEquals("[1,2,3]", faaslab("invoke", echo, "--event", "-").out().strip());
        } finally {
            System.setIn(original);
        }
    }

    @Nested
    @DisplayName("exits with a code that says how the function ended")
    class ExitCodes {

        @ParameterizedTest(name = "{0} -> {1}")
        // Only the timeout case needs a short timeout; the others get room for a slow, busy machine.
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                a thrown error        | 1 | 30 | index.mjs          | export const handler = async () => { throw new Error('boom'); };
                a timeout             | 3 | 1  | index.mjs          | export const handler = async () => { for (;;) {} };
                a memory bomb         | 4 | 60 | index.mjs          | export const handler = async () => { const k = []; for (;;) k.push(new Uint8Array(1 << 20)); };
                a syntax error        | 5 | 30 | index.mjs          | export const handler = async () => { return (; };
                a missing handler     | 6 | 30 | index.mjs          | export const other = async () => 1;
                a Python error        | 1 | 30 | lambda_function.py | def lambda_handler(event, context):\\n    raise ValueError('no')\\n
                a Python syntax error | 5 | 30 | lambda_function.py | def lambda_handler(event, context)\\n    pass\\n
                """)
        void perKindOfFailure(String what, int expected, String timeout, String name, String code) throws Exception {
            Run run = faaslab("invoke", file(name, code.replace("\\n", "\n")), "--timeout", timeout);
            assertEquals(expected, run.exitCode(), what + "\n" + run.err());
            JsonNode error = JSON.readTree(run.out());
            assertTrue(error.has("errorType") && error.has("errorMessage"), "Lambda's error shape on stdout: " + run.out());
        }

        @Test
        void theErrorPayloadIsLambdasAndStderrSaysWhereAndWhatToTry() throws Exception {
            Run run = faaslab("invoke", file("index.mjs",
                    "export const handler = async (event) => {\n  return event.user.name;\n};"));
            assertEquals(ExitCode.FUNCTION_ERROR, run.exitCode());
            JsonNode error = JSON.readTree(run.out());
            assertEquals("TypeError", error.get("errorType").asText());
            assertTrue(error.get("trace").isArray());
            assertTrue(run.err().contains("at index.mjs:2:"), run.err());
        }
    }

    @Nested
    @DisplayName("refuses bad usage with exit code 2 and a clear message")
    class BadUsage {

        @Test
        void aMissingFile() {
            Run run = faaslab("invoke", dir.resolve("nothere.js").toString());
            assertEquals(ExitCode.USAGE, run.exitCode());
            assertTrue(run.err().contains("no such file"), run.err());
        }

        @Test
        void malformedEventJsonWithItsLocation() throws Exception {
            Run run = faaslab("invoke", file("index.mjs", "export const handler = async () => 1;"), "--event", "{\"a\": 1,,}");
            assertEquals(ExitCode.USAGE, run.exitCode());
            assertTrue(run.err().contains("not valid JSON at line 1, column 9"), run.err());
        }

        @Test
        void anOversizeEvent() throws Exception {
            Path big = dir.resolve("big.json");
            Files.writeString(big, "\"" + "x".repeat(7 << 20) + "\"");
            Run run = faaslab("invoke", file("index.mjs", "export const handler = async () => 1;"), "--event", "@" + big);
            assertEquals(ExitCode.USAGE, run.exitCode());
            assertTrue(run.err().contains("6 MB"), run.err());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                memory below Lambda's minimum | --memory  | 64        | memory must be between 128 and 10240 MB
                timeout above Lambda's maximum| --timeout | 901       | between 1 and 900 seconds
                a handler for another file    | --handler | app.main  | use the handler index.main
                a handler without a function  | --handler | index     | must look like FILE.FUNCTION
                """)
        void badOptions(String what, String option, String value, String message) throws Exception {
            Run run = faaslab("invoke", file("index.mjs", "export const handler = async () => 1;"), option, value);
            assertEquals(ExitCode.USAGE, run.exitCode(), what);
            assertTrue(run.err().contains(message), run.err());
        }

        @Test
        void anUnknownOption() throws Exception {
            Run run = faaslab("invoke", file("index.mjs", "export const handler = async () => 1;"), "--colour");
            assertEquals(ExitCode.USAGE, run.exitCode());
            assertTrue(run.err().contains("Unknown option: '--colour'"), run.err());
        }

        @Test
        void anUnknownLanguage() throws Exception {
            Run run = faaslab("invoke", file("main.rb", "puts 1"));
            assertEquals(ExitCode.USAGE, run.exitCode());
            assertTrue(run.err().contains(".js, .mjs, .cjs or .py"), run.err());
        }
    }

    @Test
    @DisplayName("documents its options and exit codes in --help")
    void documentsExitCodes() {
        Run run = faaslab("invoke", "--help");
        assertEquals(ExitCode.OK, run.exitCode());
        for (String expected : new String[] {"--event", "--handler", "--timeout", "--memory", "--repeat", "Exit codes:", "timed out"}) {
            assertTrue(run.out().contains(expected), expected + " in\n" + run.out());
        }
    }

    @Test
    @DisplayName("faaslab help lists the subcommands")
    void helpListsSubcommands() {
        Run run = faaslab("help");
        assertEquals(ExitCode.OK, run.exitCode());
        for (String expected : new String[] {"invoke", "bench", "test"}) {
            assertTrue(run.out().contains(expected), expected + " in\n" + run.out());
        }
    }
}
