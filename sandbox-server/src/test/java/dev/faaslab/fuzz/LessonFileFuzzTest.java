package dev.faaslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonException;
import dev.faaslab.course.LessonFiles;
import dev.faaslab.course.LessonLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A lesson file is YAML front matter and Markdown, written by a course author: whatever it holds, the
 * library reads it as a lesson or refuses it with a LessonException naming the file, and the page it
 * renders carries no script or {@code javascript:} link of the file's making (raw HTML is escaped).
 */
class LessonFileFuzzTest {

    private static Path lessons;
    private static Path file;

    @BeforeAll
    static void aLessonFolderWithBothStarters() throws IOException {
        lessons = Files.createTempDirectory("faaslab-fuzz-lessons");
        file = LessonFiles.write(lessons, "fuzzed", LessonFiles.frontMatter("fuzzed", 1), "").resolve("lesson.md");
    }

    @AfterAll
    static void removeTheFolder() throws IOException {
        try (var paths = Files.walk(lessons)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    // No line breaks in the entries: Jazzer 0.30 writes them unescaped, which breaks its dictionary file.
    @DictionaryEntries({"---", "id: ", "title: ", "order: ", "summary: ", "concepts: [", "function: ", "exercise: ",
            "events: [http, queue]", "## ", "<script>", "[a](javascript:alert(1))", "&#", "!!binary", "&anchor ",
            "*anchor", "? ", "| a | b |", "|---|", "```", "> ", "\uFEFF", "minutes: 20", "level: beginner",
            "objectives: [", "prerequisites: [", "```prediction", "```check", "choices:", "  - answer: ", "right: true",
            "explanation: ", "try: burst/20", "questions:", "number: ", "tolerance: ", "pass: ", "](#glossary/"})
    void aLessonFileIsReadOrRefusedNamingItAndItsPageRunsNoScript(byte[] input) throws IOException {
        Files.write(file, input);
        List<Lesson> read;
        try {
            read = LessonLibrary.load(lessons).lessons();
        } catch (LessonException refused) {
            assertEquals(file, refused.file(), refused::getMessage);
            assertTrue(refused.getMessage().startsWith(file.toString()), refused::getMessage);
            assertTrue(refused.line() >= 0, refused::getMessage);
            return;
        }

        assertEquals(1, read.size());
        String html = read.getFirst().html().toLowerCase(Locale.ROOT);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("href=\"javascript:"), html);
    }
}
