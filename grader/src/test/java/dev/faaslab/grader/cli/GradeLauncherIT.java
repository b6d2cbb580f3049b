package dev.faaslab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code ./faaslab grade} as a teacher runs it, through the launcher and the class path it builds from the packaged
 * modules (not Maven's test class path): everything the grader reads at run time is on it, the parser of the
 * structural checks included.
 */
@DisplayName("./faaslab grade, through the launcher")
class GradeLauncherIT {

    static final Path ROOT = Path.of(System.getProperty("faaslab.home", "..")).toAbsolutePath().normalize();

    @Test
    @DisplayName("reads the source with its parser: a table built per request fails the structural check, with a comment")
    void runsTheStructuralCheck() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("faaslab").toString(), "grade", "setup-once",
                "exercises/setup-once/wrong-builds-the-table-every-request.mjs").directory(ROOT.toFile());
        builder.environment().put("FAASLAB_NO_BUILD", "1");   // the build running this test has just packaged it
        Path out = Files.createTempFile("grade-out", ".txt");
        Path err = Files.createTempFile("grade-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./faaslab grade did not finish in 300 s");
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        String logged = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), "a failed check exits 1:\n" + printed + logged);
        assertTrue(printed.contains("FAIL  builds the table in Init, never in the handler (0/2)"), printed);
        assertTrue(printed.contains("builds the table of primes in the handler"), printed);
        assertFalse(logged.contains("could not be analysed"), logged);
        Files.delete(out);
        Files.delete(err);
    }
}
