package dev.faaslab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every link a learner can follow in the course goes somewhere: in each lesson folder there is (so a new lesson is
 * checked by existing) and in each exercise. Fast: the files only, no server, no browser.
 */
@DisplayName("The course's links")
class LessonLinksTest {

    /** Tests run with the module as their working directory; the course lives beside it. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final CourseLinks COURSE = new CourseLinks(ROOT.resolve("lessons"), ROOT.resolve("exercises"), ROOT.resolve("web"));

    static Stream<Path> lessons() {
        return COURSE.lessonFolders().stream();
    }

    static Stream<Path> exercises() {
        return COURSE.exerciseFolders().stream();
    }

    @ParameterizedTest(name = "{0}: every lab link, glossary link, anchor, lesson and exercise link resolves, and its exercise exists")
    @MethodSource("lessons")
    void inEachLesson(Path folder) {
        assertResolve(COURSE.inLesson(folder));
    }

    @ParameterizedTest(name = "{0}: its lesson exists, its checks' sections are the lesson's, and its README's links resolve")
    @MethodSource("exercises")
    void inEachExercise(Path folder) {
        assertResolve(COURSE.inExercise(folder));
    }

    static void assertResolve(List<CourseLinks.Problem> problems) {
        assertEquals(List.of(), problems, () -> problems.size() + " link(s) go nowhere:\n"
                + problems.stream().map(CourseLinks.Problem::toString).collect(Collectors.joining("\n")));
    }

    /** The checks themselves, on a small course of their own: each broken link is named with its file and line. */
    @Nested
    @DisplayName("are found broken, with the file, line and link,")
    class Broken {

        @TempDir
        Path root;

        CourseLinks course(String markdown, String manifest, String readme) throws IOException {
            Path lessons = root.resolve("lessons");
            LessonFiles.write(lessons, "01-first", "first", 1);
            LessonFiles.write(lessons, "02-second", LessonFiles.frontMatter("second", 2) + "exercise: task\n", markdown);
            Files.writeString(lessons.resolve("glossary.yaml"), "cold-start:\n  term: cold start\n  definition: A new instance.\n");
            Path task = Files.createDirectories(root.resolve("exercises").resolve("task"));
            Files.writeString(task.resolve("exercise.json"), manifest);
            Files.writeString(task.resolve("README.md"), readme);
            Path web = Files.createDirectories(root.resolve("web").resolve("js"));
            Files.writeString(web.resolve("traffic-lab.js"), "const PRESETS = {\n  'busy-api': {\n  },\n};\n");
            Files.writeString(root.resolve("web").resolve("lesson.html"), "<main id=\"lab\"></main>");
            Files.writeString(root.resolve("web").resolve("exercise.html"), "<main id=\"task\"></main>");
            Files.writeString(root.resolve("web").resolve("index.html"), "<main></main>");
            return new CourseLinks(lessons, root.resolve("exercises"), root.resolve("web"));
        }

        static final String MANIFEST = "{\n  \"lesson\": \"second\",\n  \"checks\": [\n    {\"name\": \"one\", \"section\": \"start\"}\n  ]\n}\n";

        List<String> problems(CourseLinks course) {
            return course.inLesson(course.lessonFolders().get(1)).stream().map(CourseLinks.Problem::toString).toList();
        }

        @Test
        @DisplayName("and a lesson whose links all resolve has none")
        void noneWhenAllResolve() throws IOException {
            CourseLinks course = course("""
                    # Second

                    ## Start

                    [Invoke](#lab/invoke) a [cold start](#glossary/cold-start), [up](#start), [the lab](#lab),
                    [the first](/lesson.html?id=first#first), [the task](/exercise.html?id=task),
                    [a preset](/traffic-lab.html?preset=busy-api), [home](/), [AWS](https://aws.amazon.com/lambda/).
                    """, MANIFEST, "See [the start](/lesson.html?id=second#start) and [the task](#task).\n");
            assertEquals(List.of(), problems(course));
            assertEquals(List.of(), course.inExercise(course.exerciseFolders().getFirst()));
        }

        @Test
        @DisplayName("in the lesson's text and inside its prediction blocks")
        void inTheText() throws IOException {
            CourseLinks course = course("""
                    # Second

                    ## Start

                    [Pour the tea](#lab/pour/tea), [down](#nowhere), [the third](/lesson.html?id=third),
                    [the first's end](/lesson.html?id=first#end), [a task](/exercise.html?id=chores),
                    [a preset](/traffic-lab.html?preset=quiet-night), [a page](/about.html), [the file](notes.md).

                    ```prediction
                    id: guess
                    question: What happens?
                    try: invoke
                    choices:
                      - answer: A [warm start](#glossary/warm-start)
                        right: true
                        explanation: See [the end](#the-end).
                      - answer: Nothing
                        explanation: No.
                    ```
                    """, MANIFEST, "Text.\n");
            Path file = root.resolve("lessons/02-second/lesson.md");
            List<String> problems = problems(course);
            List<String> expected = List.of(
                    file + ":17: #lab/pour/tea: not a lab action",
                    file + ":17: #nowhere: no heading of this page",
                    file + ":17: /lesson.html?id=third: there is no lesson 'third'",
                    file + ":18: /lesson.html?id=first#end: the lesson 'first' has no section 'end'",
                    file + ":18: /exercise.html?id=chores: there is no exercise 'chores'",
                    file + ":19: /traffic-lab.html?preset=quiet-night: the Traffic lab has no preset",
                    file + ":19: /about.html: the site serves nothing",
                    file + ":19: notes.md: a relative link",
                    file + ":26: #glossary/warm-start: the glossary has no term 'warm-start'",
                    file + ":28: #the-end: no heading of this page");
            assertEquals(expected.size(), problems.size(), String.join("\n", problems));
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(problems.get(i).startsWith(expected.get(i)), "expected " + expected.get(i) + "…, got " + problems.get(i));
            }
        }

        @Test
        @DisplayName("in the front matter's exercise, and the exercise's lesson, sections and README")
        void inTheExercise() throws IOException {
            CourseLinks course = course("# Second\n\n## Start\n\nText.\n",
                    "{\n  \"lesson\": \"second\",\n  \"checks\": [\n    {\"name\": \"one\", \"section\": \"start\"},\n"
                            + "    {\"name\": \"two\", \"section\": \"the-middle\"}\n  ]\n}\n",
                    "Read [the lesson](/lesson.html?id=second#the-end).\n");
            List<String> problems = course.inExercise(course.exerciseFolders().getFirst()).stream()
                    .map(CourseLinks.Problem::toString).toList();
            Path exercise = root.resolve("exercises/task");
            assertEquals(2, problems.size(), String.join("\n", problems));
            assertTrue(problems.get(0).startsWith(exercise.resolve("exercise.json") + ":5: section: the-middle: the check 'two'"),
                    problems.get(0));
            assertTrue(problems.get(1).startsWith(exercise.resolve("README.md") + ":1: /lesson.html?id=second#the-end:"),
                    problems.get(1));

            Files.writeString(exercise.resolve("exercise.json"), "{\"lesson\": \"first\", \"checks\": []}");
            assertTrue(problems(course).getFirst().startsWith(root.resolve("lessons/02-second/lesson.md")
                    + ":11: exercise: task: exercises/task/exercise.json says it belongs to the lesson 'first'"), problems(course).toString());
            Files.delete(exercise.resolve("exercise.json"));
            assertTrue(problems(course).getFirst().contains("exercise: task: there is no exercises/task/exercise.json"),
                    problems(course).toString());
        }
    }
}
