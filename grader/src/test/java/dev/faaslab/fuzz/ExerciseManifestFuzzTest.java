package dev.faaslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.faaslab.grader.Exercise;
import dev.faaslab.grader.ExerciseException;
import dev.faaslab.grader.ExerciseReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * An exercise's {@code exercise.json} is written by its author, or by a teacher sharing a folder: whatever it
 * holds, the reader returns an exercise or refuses it with an ExerciseException whose message starts with the
 * manifest's path and says what is wrong, never anything else.
 */
class ExerciseManifestFuzzTest {

    private static Path exercise;
    private static Path manifest;

    @BeforeAll
    static void anExerciseFolderWithEveryFileButTheManifest() throws IOException {
        exercise = Files.createTempDirectory("faaslab-fuzz-exercise").resolve("fuzzed");
        Files.createDirectories(exercise);
        for (String file : new String[] {"README.md", "starter.mjs", "solution.mjs", "starter.py", "solution.py"}) {
            Files.writeString(exercise.resolve(file), "");
        }
        manifest = exercise.resolve(Exercise.MANIFEST);
    }

    @AfterAll
    static void removeTheFolder() throws IOException {
        try (var paths = Files.walk(exercise.getParent())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"\"title\":", "\"lesson\":", "\"order\":", "\"points\":", "\"languages\":{", "\"nodejs\":",
            "\"python\":", "\"handler\":\"index.handler\"", "\"limits\":{", "\"timeoutSeconds\":", "\"memoryMb\":",
            "\"checks\":[", "\"name\":", "\"event\":", "\"http\":{", "\"method\":", "\"path\":", "\"query\":",
            "\"headers\":{", "\"body\":", "\"expect\":{", "\"exact\":", "\"subset\":", "\"regex\":", "\"jsonPath\":{",
            "\"$.statusCode\":", "\"scenario\":{", "\"kind\":", "\"coldStarts\"", "\"initOnce\"", "\"withinTimeout\"",
            "\"costPerMillion\"", "\"invocations\":", "\"maxUsd\":", "\"hidden\":", "\"hint\":", "\"section\":",
            "\"id\":\"fuzzed\"", "1e999999999", "\"(?<name>", "\"$..[?(@.a", "\"idempotent\"", "\"deliveries\":",
            "\"effects\":[", "\"table\":", "\"key\":{", "\"equals\":", "\"setupCall\":\"bucket.get reference\"",
            "\"fixtures\":{", "\"tables\":{", "\"buckets\":{", "\"partitionKey\":", "\"sortKey\":", "\"../\""})
    void aManifestIsReadOrRefusedWithItsPath(byte[] input) throws IOException {
        Files.write(manifest, input);
        try {
            ExerciseReader.read(exercise);
        } catch (ExerciseException refused) {
            assertTrue(refused.getMessage().startsWith(manifest.toString()), refused::getMessage);
            String why = refused.getMessage().substring(manifest.toString().length());
            assertFalse(why.isBlank() || why.endsWith(": null"), refused::getMessage);
        }
    }
}
