package dev.faaslab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.grader.Exercise;
import dev.faaslab.grader.SharedSandbox;
import dev.faaslab.grader.SubmissionStatus;
import dev.faaslab.runtime.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class's folder mixes correct, wrong and broken submissions, graded two at a time: each gets its own clear
 * status, and the correct ones full marks, whatever their neighbours did. (The hostile ones, the whole corpus of
 * them, are in HostileCorpusBatchTest, through the command line.)
 */
@DisplayName("A batch mixing correct, wrong and broken submissions")
class MixedBatchTest {

    @TempDir
    static Path folder;
    static Exercise exercise;
    static Map<String, BatchGrader.Row> rows;
    static final AtomicInteger PROGRESS_CALLS = new AtomicInteger();

    @BeforeAll
    static void gradeTheFolder() throws Exception {
        exercise = SharedSandbox.exercise("greet-by-name");
        Files.writeString(folder.resolve("ada.mjs"), exercise.solution(Language.NODEJS));
        Files.writeString(folder.resolve("bob.py"), exercise.solution(Language.PYTHON));
        Files.writeString(folder.resolve("carol.mjs"), exercise.starter(Language.NODEJS));
        Files.writeString(folder.resolve("dave.mjs"), "export const handler = async (event) => {\n  return {;\n");
        Files.createDirectories(folder.resolve("heidi")); // handed in nothing
        Files.writeString(folder.resolve("notes.txt"), "not a submission");
        List<Submission> submissions = SubmissionFolder.list(folder, exercise);
        rows = new BatchGrader(SharedSandbox.grader(), 2)
                .grade(exercise, submissions, (row, done, total) -> PROGRESS_CALLS.incrementAndGet()).stream()
                .collect(Collectors.toMap(BatchGrader.Row::learner, Function.identity()));
    }

    @Test
    @DisplayName("has one row per learner, and told the progress once per learner")
    void oneRowPerLearner() {
        assertEquals(List.of("ada", "bob", "carol", "dave", "heidi"),
                rows.keySet().stream().sorted().toList(), "a file or a folder per learner; notes.txt is not code");
        assertEquals(5, PROGRESS_CALLS.get());
    }

    @Test
    @DisplayName("gives the correct submissions, in both languages, full marks")
    void correctOnesPass() {
        for (String learner : List.of("ada", "bob")) {
            assertEquals(SubmissionStatus.PASS, rows.get(learner).grade().status(), learner);
            assertEquals(exercise.points(), rows.get(learner).grade().score(), learner + " gets full marks");
        }
    }

    @Test
    @DisplayName("says fail for the wrong one, with partial credit")
    void wrongOneFails() {
        assertEquals(SubmissionStatus.FAIL, status("carol"));
        assertTrue(rows.get("carol").grade().score() < exercise.points());
    }

    @Test
    @DisplayName("says syntax-error, and where, for code that does not parse")
    void syntaxError() {
        assertEquals(SubmissionStatus.SYNTAX_ERROR, status("dave"));
        assertTrue(rows.get("dave").grade().message().contains("dave") || rows.get("dave").grade().message()
                .contains(":2"), rows.get("dave").grade().message());
        assertEquals(0, rows.get("dave").grade().score());
    }




    @Test
    @DisplayName("says error for a folder without code")
    void emptyFolder() {
        assertEquals(SubmissionStatus.ERROR, status("heidi"));
        assertTrue(rows.get("heidi").grade().message().contains("no code file"), rows.get("heidi").grade().message());
    }

    private static SubmissionStatus status(String learner) {
        return rows.get(learner).grade().status();
    }
}
