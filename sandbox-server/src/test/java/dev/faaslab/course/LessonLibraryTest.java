package dev.faaslab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The lesson library")
class LessonLibraryTest {

    @TempDir
    Path lessons;

    @Nested
    @DisplayName("given well-formed lessons")
    class WellFormed {

        @Test
        @DisplayName("reads every folder's lesson.md and gives the lessons by order, not by folder name")
        void readsInOrder() {
            LessonFiles.write(lessons, "a-third", "third", 3);
            LessonFiles.write(lessons, "b-first", "first", 1);
            LessonFiles.write(lessons, "c-second", "second", 2);
            List<String> ids = LessonLibrary.load(lessons).lessons().stream().map(Lesson::id).toList();
            assertEquals(List.of("first", "second", "third"), ids, "the lessons come sorted by their order field");
        }

        @Test
        @DisplayName("takes every field of the front matter, with the optional ones defaulted")
        void takesEveryField() {
            LessonFiles.write(lessons, "01", "one", 1);
            LessonFiles.write(lessons, "02", LessonFiles.frontMatter("two", 2)
                    + "exercise: hello-http\nevents: [queue, http]\n", "Text.\n");
            LessonLibrary library = LessonLibrary.load(lessons);
            Lesson one = library.lesson("one").orElseThrow();
            assertEquals("Lesson one", one.title());
            assertEquals("What one teaches, in one sentence.", one.summary());
            assertEquals(List.of("one idea", "another idea"), one.concepts());
            assertEquals("fn-one", one.function());
            assertNull(one.exercise(), "a lesson without an exercise has none");
            assertEquals(List.of("http", "queue", "schedule", "upload", "custom"), one.events(),
                    "a lesson naming no events offers all five kinds");
            Lesson two = library.lesson("two").orElseThrow();
            assertEquals("hello-http", two.exercise());
            assertEquals(List.of("queue", "http"), two.events(), "the lesson's own events, in its order");
            assertEquals(20, one.minutes());
            assertEquals("beginner", one.level());
            assertEquals(List.of("do one thing", "do another"), one.objectives());
            assertEquals(List.of(), one.prerequisites(), "a lesson naming no prerequisites has none");
        }

        @Test
        @DisplayName("takes prerequisites that are earlier lessons, and a block list of objectives")
        void takesPrerequisites() {
            LessonFiles.write(lessons, "01", "one", 1);
            LessonFiles.write(lessons, "02", "two", 2);
            LessonFiles.write(lessons, "03", LessonFiles.frontMatter("three", 3)
                    .replace("objectives: [do one thing, do another]\n", "objectives:\n  - first, with a comma\n  - second\n")
                    + "prerequisites: [one, two]\n", "Text.\n");
            Lesson three = LessonLibrary.load(lessons).lesson("three").orElseThrow();
            assertEquals(List.of("one", "two"), three.prerequisites());
            assertEquals(List.of("first, with a comma", "second"), three.objectives());
        }

        @Test
        @DisplayName("takes both starters with their handlers and file names")
        void takesStarters() {
            LessonFiles.write(lessons, "01", "one", 1);
            Lesson one = LessonLibrary.load(lessons).lesson("one").orElseThrow();
            assertEquals(new Lesson.Starter("index.handler", "index.mjs", LessonFiles.NODE_STARTER),
                    one.starters().get("nodejs"));
            assertEquals(new Lesson.Starter("lambda_function.lambda_handler", "lambda_function.py",
                    LessonFiles.PYTHON_STARTER), one.starters().get("python"));
        }

        @Test
        @DisplayName("renders headings with ids, lists the h2 sections with the same ids, and escapes raw HTML")
        void rendersMarkdown() {
            LessonFiles.write(lessons, "01", LessonFiles.frontMatter("one", 1), """
                    # Cold starts

                    <script>alert('x')</script>

                    ## What a cold start is

                    A [burst of 20](#lab/burst/20), a [bad link](javascript:alert(1)).

                    ## Why `init` costs

                    ### Detail

                    | a | b |
                    |---|---|
                    | 1 | 2 |

                    ## What a cold start is
                    """);
            Lesson one = LessonLibrary.load(lessons).lesson("one").orElseThrow();
            assertEquals(List.of(new Lesson.Section("what-a-cold-start-is", "What a cold start is"),
                            new Lesson.Section("why-init-costs", "Why init costs"),
                            new Lesson.Section("what-a-cold-start-is-1", "What a cold start is")),
                    one.sections(), "each h2, with a repeated title numbered");
            for (Lesson.Section section : one.sections()) {
                assertTrue(one.html().contains("<h2 id=\"" + section.id() + "\">"),
                        "the page's h2 carries the section's id " + section.id() + ": " + one.html());
            }
            assertTrue(one.html().contains("&lt;script&gt;"), "raw HTML comes out escaped: " + one.html());
            assertTrue(!one.html().contains("<script>"), "no script element reaches the page: " + one.html());
            assertTrue(one.html().contains("href=\"#lab/burst/20\">burst of 20</a>"),
                    "a #lab/ link keeps its href: " + one.html());
            assertTrue(!one.html().contains("javascript:"), "a javascript: link loses its href: " + one.html());
            assertTrue(one.html().contains("<table>"), "GFM tables render: " + one.html());
        }

        @Test
        @DisplayName("renders blocks nested thousands deep, the deepest as text, rather than overflowing the stack")
        void rendersDeepNesting() {
            // 10,000 nested quotes or 5,000 nested lists in 10 kB overflowed a 4 MB thread stack while rendering
            // (LessonFileFuzzTest's input crash-nested-ten-thousand-deep): GET /api/lessons answered a 500.
            LessonFiles.write(lessons, "01", LessonFiles.frontMatter("one", 1),
                    ">".repeat(20_000) + " quoted\n\n" + "- ".repeat(20_000) + "listed\n");
            String html = LessonLibrary.load(lessons).lesson("one").orElseThrow().html();
            assertTrue(html.contains("quoted") && html.contains("listed"), "the deepest text is kept");
            assertTrue(html.startsWith("<blockquote>"), "the outer blocks still render: " + html.substring(0, 100));
        }

        @Test
        @DisplayName("ignores folders without a lesson.md and files beside the folders")
        void ignoresOthers() throws IOException {
            LessonFiles.write(lessons, "01", "one", 1);
            Files.createDirectories(lessons.resolve("images"));
            Files.writeString(lessons.resolve("README.md"), "# Lessons\n");
            assertEquals(1, LessonLibrary.load(lessons).lessons().size(), "only the folder with a lesson.md counts");
        }

        @Test
        @DisplayName("is empty, not broken, when the directory does not exist")
        void missingDirectoryIsEmpty() {
            assertEquals(List.of(), LessonLibrary.load(lessons.resolve("nowhere")).lessons());
        }
    }

    @Nested
    @DisplayName("after a lesson's files change")
    class AfterAChange {

        @Test
        @DisplayName("gives the lesson as it is now, without a restart")
        void readsAgain() throws IOException {
            Path folder = LessonFiles.write(lessons, "01", "one", 1);
            LessonLibrary library = LessonLibrary.load(lessons);
            Path file = folder.resolve("lesson.md");
            LessonFiles.rewrite(file, Files.readString(file).replace("title: Lesson one", "title: Lesson one, edited"));
            assertEquals("Lesson one, edited", library.lesson("one").orElseThrow().title(), "the edit shows");
        }

        @Test
        @DisplayName("picks up a new lesson folder and forgets a removed one")
        void seesFoldersComeAndGo() throws IOException {
            Path first = LessonFiles.write(lessons, "01", "one", 1);
            LessonLibrary library = LessonLibrary.load(lessons);
            LessonFiles.write(lessons, "02", "two", 2);
            assertEquals(List.of("one", "two"), library.lessons().stream().map(Lesson::id).toList());
            try (Stream<Path> files = Files.list(first)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(first);
            assertEquals(List.of("two"), library.lessons().stream().map(Lesson::id).toList());
        }

        @Test
        @DisplayName("reports a mistake made since loading, and recovers once it is fixed")
        void reportsNewMistakes() throws IOException {
            Path folder = LessonFiles.write(lessons, "01", "one", 1);
            LessonLibrary library = LessonLibrary.load(lessons);
            Path file = folder.resolve("lesson.md");
            String good = Files.readString(file);
            LessonFiles.rewrite(file, good.replace("title: Lesson one\n", ""));
            LessonException wrong = assertThrows(LessonException.class, library::lessons);
            assertEquals("title", wrong.field(), wrong.getMessage());
            LessonFiles.rewrite(file, good);
            assertEquals("Lesson one", library.lesson("one").orElseThrow().title(), "the fixed lesson loads again");
        }
    }

    @Nested
    @DisplayName("refuses at loading, naming the file and the field,")
    class Refuses {

        private LessonException refusal(String frontMatter) {
            LessonFiles.write(lessons, "01-broken", frontMatter, "Text.\n");
            LessonException e = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertEquals(lessons.resolve("01-broken").resolve("lesson.md"), e.file(), e.getMessage());
            assertTrue(e.getMessage().contains("01-broken" + java.io.File.separator + "lesson.md"),
                    "the message names the file: " + e.getMessage());
            return e;
        }

        @Test
        @DisplayName("a missing required field")
        void missingField() {
            for (String field : List.of("id", "title", "order", "summary", "concepts", "function", "minutes", "level",
                    "objectives")) {
                String frontMatter = LessonFiles.frontMatter("one", 1).lines()
                        .filter(line -> !line.startsWith(field + ":")).map(line -> line + "\n")
                        .reduce("", String::concat);
                LessonException e = refusal(frontMatter);
                assertEquals(field, e.field(), "the missing field is named: " + e.getMessage());
                assertTrue(e.getMessage().contains(field + ": is missing"), e.getMessage());
            }
        }

        @Test
        @DisplayName("a field of the wrong kind, with its line")
        void wrongKind() {
            LessonException e = refusal(LessonFiles.frontMatter("one", 1).replace("order: 1", "order: first"));
            assertEquals("order", e.field(), e.getMessage());
            assertEquals(4, e.line(), "order is on the file's line 4 (after the opening ---): " + e.getMessage());
            assertTrue(e.getMessage().contains("lesson.md:4: order: must be a whole number"), e.getMessage());
        }

        @Test
        @DisplayName("an id or function name that breaks its rule, an empty list, an unknown event kind")
        void brokenRules() {
            assertEquals("id", refusal(LessonFiles.frontMatter("One Two", 1)).field());
            assertEquals("function", refusal(LessonFiles.frontMatter("one", 1)
                    .replace("function: fn-one", "function: fn one!")).field());
            assertEquals("concepts", refusal(LessonFiles.frontMatter("one", 1)
                    .replace("concepts: [one idea, another idea]", "concepts: []")).field());
            LessonException events = refusal(LessonFiles.frontMatter("one", 1) + "events: [http, email]\n");
            assertEquals("events", events.field());
            assertTrue(events.getMessage().contains("'email' is not an event kind"), events.getMessage());
        }

        @Test
        @DisplayName("minutes out of range, an unknown level, empty objectives, each with its line")
        void brokenCourseFields() {
            LessonException minutes = refusal(LessonFiles.frontMatter("one", 1).replace("minutes: 20", "minutes: 0"));
            assertEquals("minutes", minutes.field(), minutes.getMessage());
            assertEquals(8, minutes.line(), minutes.getMessage());
            assertTrue(minutes.getMessage().contains("lesson.md:8: minutes: must be how long the lesson takes, 1 to 180"),
                    minutes.getMessage());
            LessonException level = refusal(LessonFiles.frontMatter("one", 1).replace("level: beginner", "level: expert"));
            assertEquals(9, level.line(), level.getMessage());
            assertTrue(level.getMessage().contains("level: 'expert' is not a level; use beginner, intermediate, advanced"),
                    level.getMessage());
            LessonException objectives = refusal(LessonFiles.frontMatter("one", 1)
                    .replace("objectives: [do one thing, do another]", "objectives: []"));
            assertEquals("objectives", objectives.field(), objectives.getMessage());
            assertEquals(10, objectives.line(), objectives.getMessage());
        }

        @Test
        @DisplayName("a prerequisite that is no lesson, or not an earlier one")
        void brokenPrerequisites() {
            LessonFiles.write(lessons, "01", "one", 1);
            LessonFiles.write(lessons, "02", LessonFiles.frontMatter("two", 2) + "prerequisites: [nine]\n", "Text.\n");
            LessonException unknown = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertEquals("prerequisites", unknown.field(), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("lesson.md:11: prerequisites: there is no lesson 'nine'"),
                    "named with its line, after the front matter's ten: " + unknown.getMessage());
            LessonFiles.write(lessons, "02", LessonFiles.frontMatter("two", 2), "Text.\n");
            LessonFiles.write(lessons, "01", LessonFiles.frontMatter("one", 1) + "prerequisites: [two]\n", "Text.\n");
            LessonException later = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertEquals(lessons.resolve("01").resolve("lesson.md"), later.file(), later.getMessage());
            assertTrue(later.getMessage().contains("'two' comes at 2, not before this lesson's 1"), later.getMessage());
        }

        @Test
        @DisplayName("a field FaaS Lab does not know (a typo of an optional one, say)")
        void unknownField() {
            LessonException e = refusal(LessonFiles.frontMatter("one", 1) + "exercize: hello-http\n");
            assertEquals("exercize", e.field(), e.getMessage());
        }

        @Test
        @DisplayName("front matter that is not YAML, with the line")
        void badYaml() {
            LessonException e = refusal(LessonFiles.frontMatter("one", 1) + "concepts: [unclosed\n");
            assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
            assertTrue(e.line() > 1, "the YAML error has a line in the file: " + e.getMessage());
        }

        @Test
        @DisplayName("a field written twice")
        void duplicateField() {
            LessonException e = refusal(LessonFiles.frontMatter("one", 1) + "title: Again\n");
            assertTrue(e.getMessage().contains("title"), "the repeated field is named: " + e.getMessage());
        }

        @Test
        @DisplayName("a file without front matter, or without its closing line")
        void noFrontMatter() throws IOException {
            Path folder = LessonFiles.write(lessons, "01-broken", "", "");
            Files.writeString(folder.resolve("lesson.md"), "# Just Markdown\n");
            LessonException none = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertTrue(none.getMessage().contains("lesson.md:1: a lesson starts with front matter"), none.getMessage());
            Files.writeString(folder.resolve("lesson.md"), "---\n" + LessonFiles.frontMatter("one", 1) + "# Text\n");
            LessonException open = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertTrue(open.getMessage().contains("no closing '---'"), open.getMessage());
        }

        @Test
        @DisplayName("a missing starter, naming the file to add")
        void missingStarter() throws IOException {
            Path folder = LessonFiles.write(lessons, "01", "one", 1);
            Files.delete(folder.resolve("lambda_function.py"));
            LessonException e = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertEquals(folder.resolve("lambda_function.py"), e.file(), e.getMessage());
            assertTrue(e.getMessage().contains("no starter for python"), e.getMessage());
        }

        @Test
        @DisplayName("two lessons with one id, or one order, naming both files")
        void duplicates() throws IOException {
            LessonFiles.write(lessons, "01", "one", 1);
            LessonFiles.write(lessons, "02", "one", 2);
            LessonException sameId = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertEquals("id", sameId.field(), sameId.getMessage());
            assertEquals(lessons.resolve("02").resolve("lesson.md"), sameId.file(), "the later folder is at fault");
            assertTrue(sameId.getMessage().contains(lessons.resolve("01").resolve("lesson.md").toString()),
                    "the message names the other file: " + sameId.getMessage());
            LessonFiles.write(lessons, "02", "two", 1);
            LessonException sameOrder = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
            assertEquals("order", sameOrder.field(), sameOrder.getMessage());
        }
    }

    @Test
    @DisplayName("loads the course's own lessons, when there are any yet")
    void loadsTheRealLessons() throws IOException {
        Path real = Path.of("..", "lessons");
        boolean any;
        try (Stream<Path> entries = Files.isDirectory(real) ? Files.list(real) : Stream.empty()) {
            any = entries.anyMatch(folder -> Files.isRegularFile(folder.resolve("lesson.md")));
        }
        assumeTrue(any, "lessons/ holds no lesson folder yet");
        List<Lesson> loaded = LessonLibrary.load(real).lessons();
        assertTrue(!loaded.isEmpty(), "every lesson in lessons/ loads");
    }
}
