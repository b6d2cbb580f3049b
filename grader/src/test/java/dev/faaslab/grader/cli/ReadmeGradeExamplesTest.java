package dev.faaslab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code ./faaslab grade} examples, run through the command class: each must end as the README
 * implies, and where the README shows output, its first line must be what the command prints.
 */
@DisplayName("The README's grade examples")
class ReadmeGradeExamplesTest {

    @Test
    @DisplayName("run, and print what the README shows")
    void run(@TempDir Path work) throws Exception {
        List<String> lines = Files.readAllLines(GradeCommandTest.HOME.resolve("README.md"));
        Path submissions = Files.createDirectories(work.resolve("submissions"));
        Files.copy(GradeCommandTest.HOME.resolve("exercises/greet-by-name/solution.mjs"), submissions.resolve("ada.mjs"));
        Files.copy(GradeCommandTest.HOME.resolve("exercises/greet-by-name/starter.py"), submissions.resolve("bob.py"));
        int examples = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("$ ./faaslab grade ")) {
                continue;
            }
            examples++;
            List<String> args = new ArrayList<>();
            for (String arg : Arrays.asList(lines.get(i).substring("$ ./faaslab grade ".length()).split(" "))) {
                // Files of the repository are read from it; whatever the command writes goes to a temporary folder.
                args.add(arg.startsWith("exercises/") ? GradeCommandTest.HOME.resolve(arg).toString()
                        : arg.equals("submissions") || arg.equals("results") || arg.endsWith(".csv")
                        ? work.resolve(arg).toString() : arg);
            }
            GradeCommandTest.Run run = GradeCommandTest.grade(args.toArray(String[]::new));
            String shown = i + 1 < lines.size() ? lines.get(i + 1) : "";
            boolean failing = lines.get(i).contains("starter") && !lines.get(i).contains("--format exercism");
            assertEquals(failing ? 1 : 0, run.exitCode(), lines.get(i) + "\n" + run.err());
            if (!shown.startsWith("```")) {
                assertEquals(shown, run.out().lines().findFirst().orElse(""), lines.get(i));
            }
        }
        assertEquals(4, examples, "the README shows four grade commands");
        assertTrue(Files.exists(work.resolve("results/results.json")), "--out results wrote results.json");
        String gradebook = Files.readString(work.resolve("gradebook.csv"));
        assertTrue(gradebook.contains("ada,nodejs,pass,12,12"), gradebook);
        assertFalse(gradebook.contains("bob,python,pass"), gradebook);
    }
}
