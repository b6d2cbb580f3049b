package dev.faaslab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.grader.SharedSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faaslab grade}, called as the launcher calls it, on the tests' shared sandbox. */
@DisplayName("faaslab grade")
class GradeCommandTest {

    static final Path HOME = Path.of(System.getProperty("faaslab.home", ".."));

    /** What one run printed and how it ended. */
    record Run(int exitCode, String out, String err) {
    }

    static Run grade(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = GradeCommand.commandLine(new GradeCommand(SharedSandbox.grader()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String file(String relative) {
        return HOME.resolve(relative).toString();
    }

    @Nested
    @DisplayName("exits")
    class ExitCodes {

        @Test
        @DisplayName("0, with every check listed, when every check passes")
        void pass() {
            Run run = grade("greet-by-name", file("exercises/greet-by-name/solution.mjs"));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("greet-by-name (nodejs): 12/12 points, pass"), run.out());
        }

        @Test
        @DisplayName("1, with what was expected, what happened and a hint, when some fail")
        void fail() {
            Run run = grade("greet-by-name", file("exercises/greet-by-name/starter.mjs"));
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.out().contains("FAIL  answers 405 to a method /greet does not take"), run.out());
            assertTrue(run.out().contains("expected: $.statusCode = 405"), run.out());
            assertTrue(run.out().contains("hint:"), run.out());
            assertTrue(run.out().contains("lesson:   /lesson.html?id=http-functions#one-function-several-routes"), run.out());
        }

        @Test
        @DisplayName("1 for a folder of an exercise written in several files, graded as its files; 2 for one of them alone")
        void folder() {
            Run run = grade("five-doors", file("exercises/five-doors/starter/nodejs"));
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("five-doors (nodejs): "), run.out());
            assertTrue(run.out().contains("PASS  each adapter is at most 15 lines of code"), run.out());
            Run alone = grade("five-doors", file("exercises/five-doors/starter/nodejs/lambda.mjs"));
            assertEquals(2, alone.exitCode());
            assertTrue(alone.err().contains("is written in several files in nodejs (core.mjs, lambda.mjs, worker.mjs,"
                    + " gcp.mjs, azure.mjs, netlify.mjs): give the folder that holds them"), alone.err());
        }

        @Test
        @DisplayName("2 on bad usage: no file, an unknown format")
        void usage() {
            assertEquals(2, grade("greet-by-name").exitCode());
            Run unknownFormat = grade("greet-by-name", file("exercises/greet-by-name/solution.mjs"), "--format", "pdf");
            assertEquals(2, unknownFormat.exitCode());
            assertTrue(unknownFormat.err().contains("pdf"), unknownFormat.err());
        }

        @Test
        @DisplayName("3 when the file or the exercise cannot be read")
        void unreadable(@TempDir Path folder) {
            Run missingFile = grade("greet-by-name", folder.resolve("nothing.mjs").toString());
            assertEquals(3, missingFile.exitCode());
            assertTrue(missingFile.err().contains("no such file"), missingFile.err());
            Run missingExercise = grade("no-such-exercise", file("exercises/greet-by-name/solution.mjs"));
            assertEquals(3, missingExercise.exitCode());
            assertTrue(missingExercise.err().contains("no exercise 'no-such-exercise'"), missingExercise.err());
        }

        @Test
        @DisplayName("and documents its exit codes in --help")
        void help() {
            Run run = grade("--help");
            assertEquals(0, run.exitCode());
            assertTrue(run.out().contains("Exit codes:") && run.out().contains("3  unreadable input"), run.out());
        }
    }

    @Nested
    @DisplayName("--format exercism --out DIR")
    class ExercismOut {

        @Test
        @DisplayName("writes DIR/results.json and exits 0 even when checks fail, as Exercism's runners do")
        void writesResults(@TempDir Path out) throws Exception {
            Run run = grade("greet-by-name", file("exercises/greet-by-name/starter.py"), "--format", "exercism",
                    "--out", out.toString());
            assertEquals(0, run.exitCode(), run.err());
            var results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            assertEquals(3, results.path("version").asInt());
            assertEquals("fail", results.path("status").asText());
        }
    }

    @Nested
    @DisplayName("--batch DIR --csv FILE")
    class Batch {

        @Test
        @DisplayName("writes one row per learner and a line of progress per learner when not on a terminal")
        void gradebook(@TempDir Path folder) throws Exception {
            Path submissions = Files.createDirectories(folder.resolve("submissions"));
            Files.copy(HOME.resolve("exercises/greet-by-name/solution.mjs"), submissions.resolve("ada.mjs"));
            Files.copy(HOME.resolve("exercises/greet-by-name/starter.mjs"), submissions.resolve("bob.mjs"));
            Path csv = folder.resolve("gradebook.csv");
            Run run = grade("greet-by-name", "--batch", submissions.toString(), "--csv", csv.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.err().contains("graded 2/2"), run.err());
            Map<String, List<String>> rows = GradebookCsv.rows(Files.readString(csv));
            assertEquals(List.of("ada", "nodejs", "pass", "12", "12"), rows.get("ada").subList(0, 5));
            assertEquals("fail", rows.get("bob").get(2));
            assertEquals(rows.get("learner").size(), rows.get("ada").size(), "every row has every column");
            assertTrue(rows.keySet().containsAll(List.of("learner", "ada", "bob")),
                    rows.keySet().stream().collect(Collectors.joining(",")));
        }

        @Test
        @DisplayName("grades the whole class when a submission sends this process SIGTERM")
        void survivesASignal(@TempDir Path folder) throws Exception {
            Path submissions = Files.createDirectories(folder.resolve("submissions"));
            Files.copy(HOME.resolve("exercises/greet-by-name/solution.py"), submissions.resolve("ada.py"));
            Files.writeString(submissions.resolve("mallory.py"), """
                    import signal

                    def lambda_handler(event, context):
                        try:
                            signal.raise_signal(signal.SIGTERM)  # would stop the grader, and the gradebook with it
                        except PermissionError as refused:  # (caught: an error's traceback is slow on a busy machine)
                            return {'statusCode': 500, 'body': str(refused)}
                    """);
            Path csv = folder.resolve("gradebook.csv");
            Run run = grade("greet-by-name", "--batch", submissions.toString(), "--csv", csv.toString());
            assertEquals(0, run.exitCode(), run.err());
            Map<String, List<String>> rows = GradebookCsv.rows(Files.readString(csv));
            assertEquals(List.of("ada", "python", "pass", "12", "12"), rows.get("ada").subList(0, 5));
            assertEquals(List.of("mallory", "python", "fail"), rows.get("mallory").subList(0, 3));
            assertTrue(Integer.parseInt(rows.get("mallory").get(3)) < 12, "its own score: " + rows.get("mallory"));
        }
    }
}
