package dev.faaslab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("An exercise's progress entry")
class ExerciseProgressTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    static GradedSubmission graded(String runtime, int score) {
        return new GradedSubmission("setup-once", runtime, score == 9 ? "pass" : "fail", "", score, 9, List.of(), List.of());
    }

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    static JsonNode written(ExerciseProgress entry) {
        return Json.MAPPER.valueToTree(entry);
    }

    @Nested
    @DisplayName("after a first submission")
    class First {

        @Test
        @DisplayName("holds its score as the best overall and in its language only")
        void bestOverallAndInItsLanguage() {
            ExerciseProgress entry = ExerciseProgress.after(Json.MAPPER.missingNode(), graded("python", 4), NOW);
            assertEquals(4, entry.bestScore());
            assertEquals(Map.of("python", new ExerciseProgress.Score(4, 9, 4, NOW.toString())), entry.languages());
        }
    }

    @Nested
    @DisplayName("after submissions in two languages")
    class TwoLanguages {

        @Test
        @DisplayName("keeps each language's best apart, and the best of both overall")
        void keepsEachLanguagesBest() throws Exception {
            ExerciseProgress javascript = ExerciseProgress.after(Json.MAPPER.missingNode(), graded("nodejs", 9), NOW);
            ExerciseProgress python = ExerciseProgress.after(written(javascript), graded("python", 4), NOW);
            ExerciseProgress worse = ExerciseProgress.after(written(python), graded("nodejs", 2), NOW);
            assertEquals(9, worse.bestScore(), "the best over every language");
            assertEquals(2, worse.lastScore());
            assertEquals(9, worse.languages().get("nodejs").bestScore(), "a worse try keeps JavaScript's best");
            assertEquals(2, worse.languages().get("nodejs").lastScore());
            assertEquals(4, worse.languages().get("python").bestScore(), "Python's best is its own");
        }

        @Test
        @DisplayName("is written with the old fields first, then languages")
        void fieldsInOrder() {
            ExerciseProgress entry = ExerciseProgress.after(Json.MAPPER.missingNode(), graded("nodejs", 9), NOW);
            List<String> names = new java.util.ArrayList<>();
            written(entry).fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("bestScore", "maxScore", "lastScore", "submittedAt", "languages"), names);
        }
    }

    @Nested
    @DisplayName("kept in the old per-exercise form")
    class OldForm {

        @Test
        @DisplayName("keeps its best as the best overall, and starts the languages from the new submission")
        void readsTheOldBest() throws Exception {
            JsonNode old = json("{\"bestScore\":8,\"maxScore\":9,\"lastScore\":8,\"submittedAt\":\"2026-11-30T09:00:00Z\"}");
            ExerciseProgress entry = ExerciseProgress.after(old, graded("python", 5), NOW);
            assertEquals(8, entry.bestScore(), "the old best is not lost");
            assertEquals(5, entry.lastScore());
            assertEquals(Map.of("python", new ExerciseProgress.Score(5, 9, 5, NOW.toString())), entry.languages(),
                    "nobody knows in which language the old best was scored");
        }
    }
}
