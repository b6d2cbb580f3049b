package dev.faaslab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faaslab grade --batch} over a class folder holding a correct submission and every case of the
 * sandbox's hostile corpus, each handed in as a learner's: the gradebook is whole, the correct one has full
 * marks, and each hostile one the status its behaviour earns.
 */
@DisplayName("faaslab grade --batch over the whole hostile corpus")
class HostileCorpusBatchTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CORPUS = GradeCommandTest.HOME.resolve("sandbox-server/src/test/resources/hostile");

    @Test
    @DisplayName("writes a full gradebook: full marks for the correct one, its own status for each hostile one")
    void gradesEveryCase(@TempDir Path folder) throws IOException {
        Path submissions = Files.createDirectories(folder.resolve("submissions"));
        Files.copy(GradeCommandTest.HOME.resolve("exercises/greet-by-name/solution.mjs"), submissions.resolve("ada.mjs"));
        List<Path> cases;
        try (Stream<Path> files = Files.list(CORPUS)) {
            cases = files.filter(file -> file.toString().endsWith(".mjs") || file.toString().endsWith(".py")).sorted().toList();
        }
        assertTrue(cases.size() >= 30, "the corpus is there: " + cases.size() + " cases");
        for (Path hostile : cases) {
            Files.copy(hostile, submissions.resolve(hostile.getFileName()));
        }
        Path csv = folder.resolve("gradebook.csv");

        Path exercise = quickExercise(folder);
        String points = JSON.readTree(exercise.resolve("exercise.json").toFile()).path("points").asText();
        GradeCommandTest.Run run = GradeCommandTest.grade(exercise.toString(), "--batch",
                submissions.toString(), "--csv", csv.toString());

        Map<String, List<String>> rows = GradebookCsv.rows(Files.readString(csv));
        assertEquals(List.of("ada", "nodejs", "pass", points, points), rows.get("ada").subList(0, 5), run.err());
        List<String> wrong = new ArrayList<>();
        for (Path hostile : cases) {
            String learner = hostile.getFileName().toString().replaceFirst("\\.(mjs|py)$", "");
            List<String> row = rows.get(learner);
            Set<String> earned = statusesFor(hostile, timeoutSeconds(exercise));
            if (row == null || !earned.contains(row.get(2)) || row.get(3).equals(points)) {
                wrong.add(learner + ": " + row + ", expected one of " + earned);
            }
        }
        assertEquals(List.of(), wrong, "each hostile submission's row");
        assertEquals(cases.size() + 2, rows.size(), "a row per learner, and the header");
        assertEquals(0, run.exitCode(), "the gradebook was written: " + run.err());
    }

    /**
     * greet-by-name as a folder of its own with two of its checks (a greeting, and the timeout's own): a third
     * of the corpus runs until stopped, on every check and its retry, and this cuts what that costs the suite
     * to a third. Its 2 s timeout stays: under 1 s, a Python RecursionError's long traceback could run out of
     * time on a loaded machine, and earn "timeout" instead of "fail".
     */
    static Path quickExercise(Path folder) throws IOException {
        Path source = GradeCommandTest.HOME.resolve("exercises/greet-by-name");
        Path copy = Files.createDirectories(folder.resolve("exercise/greet-by-name"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(copy.resolve("exercise.json").toFile());
        ArrayNode kept = JSON.createArrayNode();
        int points = 0;
        for (JsonNode check : manifest.path("checks")) {
            if (kept.isEmpty() || check.path("scenario").path("kind").asText().equals("withinTimeout")) {
                kept.add(check);
                points += check.path("points").asInt();
            }
        }
        manifest.set("checks", kept);
        manifest.put("points", points);
        JSON.writeValue(copy.resolve("exercise.json").toFile(), manifest);
        return copy;
    }

    static int timeoutSeconds(Path exercise) throws IOException {
        return JSON.readTree(exercise.resolve("exercise.json").toFile()).path("limits").path("timeoutSeconds").asInt();
    }

    /**
     * The gradebook statuses a case's {@code expect:} line allows, run as the exercise runs it (once per check,
     * on a fresh function, under the exercise's 2 s and 128 MB): a case that needs several warm invocations to
     * pass its memory size, or a long time to pass a timeout, may only fail the checks instead; and a case whose
     * own {@code timeout:} says it needs longer than the exercise gives may run out of it. py-deep-recursion is
     * one: GraalPy's second RecursionError from the same code after its traceback was read (the grader's second
     * check) can take 2 to 3 s on two cores, and then earns "timeout".
     */
    static Set<String> statusesFor(Path hostile, int exerciseTimeoutSeconds) throws IOException {
        Set<String> statuses = new LinkedHashSet<>();
        String header = Files.readString(hostile);
        for (String line : header.lines().toList()) {
            String text = line.replaceFirst("^(//|#)\\s*", "");
            if (text.startsWith("timeout:")
                    && Integer.parseInt(text.substring("timeout:".length()).strip()) > exerciseTimeoutSeconds) {
                statuses.add("timeout");
            }
            if (!text.startsWith("expect:")) {
                continue;
            }
            for (String outcome : text.substring("expect:".length()).split("\\|")) {
                String expected = outcome.strip();
                statuses.add(expected.equals("Sandbox.Timedout") ? "timeout"
                        : expected.equals("Runtime.OutOfMemory") ? "memory-limit"
                        : expected.startsWith("refused") ? "syntax-error"
                        : "fail");
            }
        }
        if (header.contains("invocations:")) {
            statuses.add("fail");
        }
        return statuses;
    }
}
