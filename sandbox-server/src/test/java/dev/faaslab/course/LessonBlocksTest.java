package dev.faaslab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A lesson's interactive parts")
class LessonBlocksTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String PREDICTION = """
            ## A burst

            ```prediction
            id: burst-instances
            question: Twenty requests arrive at once. How many **instances**?
            try: burst/20
            choices:
              - answer: One
                explanation: SECRET-ONE an instance serves one request at a time.
              - answer: More than one
                right: true
                explanation: SECRET-RIGHT busy instances make the platform start more.
            reveal: |
              SECRET-REVEAL the REPORT lines name the instances.
            ```

            After the block.
            """;

    static final String CHECK = """
            ## Check your understanding

            ```check
            pass: 2
            questions:
              - id: one-at-a-time
                question: How many requests does an instance serve at once?
                choices:
                  - answer: One
                    right: true
                    explanation: One at a time.
                  - answer: Ten
                    explanation: Ten is a batch.
              - id: gb-seconds
                question: 100 ms at 0.125 GB, in GB-seconds?
                number: 0.0125
                tolerance: 0.0001
                unit: GB-s
                explanation: 0.125 × 0.1.
                hint: Multiply memory by time.
              - id: exact
                question: How many retries?
                number: 2
                explanation: Two.
                hint: Lambda's default.
            ```
            """;

    @TempDir
    Path lessons;

    Lesson load(String markdown) {
        LessonFiles.write(lessons, "01", LessonFiles.frontMatter("one", 1), markdown);
        return LessonLibrary.load(lessons).lesson("one").orElseThrow();
    }

    /** The refusal of a lesson whose text is {@code markdown}, with the line it names checked against {@code atText}. */
    LessonException refusal(String markdown, String atText) {
        Path folder = LessonFiles.write(lessons, "01", LessonFiles.frontMatter("one", 1), markdown);
        LessonException e = assertThrows(LessonException.class, () -> LessonLibrary.load(lessons));
        Path file = folder.resolve("lesson.md");
        assertEquals(file, e.file(), e.getMessage());
        int line = LessonFiles.lineOf(file, atText);
        assertEquals(line, e.line(), "the mistake is reported on the line of '" + atText + "': " + e.getMessage());
        assertTrue(e.getMessage().contains("lesson.md:" + line + ": "), "the message starts file:line: " + e.getMessage());
        return e;
    }

    @Nested
    @DisplayName("a prediction")
    class Predictions {

        @Test
        @DisplayName("is read with its question, choices, the right one, explanations, experiment and reveal")
        void isRead() {
            Lesson lesson = load(PREDICTION);
            assertEquals(1, lesson.predictions().size());
            Prediction prediction = lesson.predictions().getFirst();
            assertEquals("burst-instances", prediction.id());
            assertEquals("Twenty requests arrive at once. How many <strong>instances</strong>?", prediction.questionHtml(),
                    "the question is Markdown, rendered without a paragraph around it");
            assertEquals(List.of("burst/20"), prediction.actions());
            assertEquals(List.of("One", "More than one"), prediction.choices().stream().map(Choice::html).toList());
            assertEquals(1, prediction.rightChoice());
            assertTrue(prediction.choices().get(0).explanationHtml().startsWith("SECRET-ONE"));
            assertTrue(prediction.revealHtml().contains("SECRET-REVEAL"), prediction.revealHtml());
        }

        @Test
        @DisplayName("leaves in the page only an empty place for itself: no choice, no explanation, no reveal")
        void keepsItsAnswerOutOfThePage() {
            String html = load(PREDICTION).html();
            assertTrue(html.contains("<div class=\"prediction\" id=\"prediction-burst-instances\" data-prediction=\"burst-instances\"></div>"),
                    html);
            assertFalse(html.contains("SECRET"), "no explanation or reveal in the page: " + html);
            assertFalse(html.contains("More than one"), "no choice in the page: " + html);
            assertTrue(html.contains("After the block."), "the text after it stays: " + html);
        }

        @Test
        @DisplayName("sends a glossary link in its explanations or reveal to the glossary page, since no term is made there")
        void linksTheGlossaryPage() {
            Prediction prediction = load(PREDICTION.replace("SECRET-REVEAL the", "SECRET-REVEAL a [warm start](#glossary/warm-start), the")
                    .replace("SECRET-ONE an", "SECRET-ONE a [cold start](#glossary/cold-start), an")).predictions().getFirst();
            assertTrue(prediction.revealHtml().contains("href=\"/glossary.html#warm-start\">warm start</a>"), prediction.revealHtml());
            assertTrue(prediction.choices().getFirst().explanationHtml().contains("href=\"/glossary.html#cold-start\">"),
                    prediction.choices().getFirst().explanationHtml());
        }

        @Test
        @DisplayName("takes a list of lab actions as its experiment")
        void takesAList() {
            Lesson lesson = load(PREDICTION.replace("try: burst/20", "try: [event/http, invoke, language/python]"));
            assertEquals(List.of("event/http", "invoke", "language/python"), lesson.predictions().getFirst().actions());
        }

        @Test
        @DisplayName("is refused without exactly one right choice, on the line of its choices")
        void needsOneRightChoice() {
            LessonException none = refusal(PREDICTION.replace("    right: true\n", ""), "choices:");
            assertTrue(none.getMessage().contains("exactly one choice marked 'right: true', not 0"), none.getMessage());
            LessonException two = refusal(PREDICTION.replace("  - answer: One\n", "  - answer: One\n    right: true\n"),
                    "choices:");
            assertTrue(two.getMessage().contains("not 2"), two.getMessage());
        }

        @Test
        @DisplayName("is refused with an action the lab does not know, on the line of 'try'")
        void knowsItsActions() {
            LessonException e = refusal(PREDICTION.replace("try: burst/20", "try: explode/20"), "try:");
            assertTrue(e.getMessage().contains("'try' is 'explode/20', which is not a lab action"), e.getMessage());
        }

        @Test
        @DisplayName("is refused when a choice has no explanation, naming the choice")
        void needsExplanations() {
            LessonException e = refusal(PREDICTION.replace(
                    "    explanation: SECRET-RIGHT busy instances make the platform start more.\n", ""), "More than one");
            assertTrue(e.getMessage().contains("has no 'explanation' of choice 2: add it"), e.getMessage());
        }

        @Test
        @DisplayName("is refused with an unquoted Yes, which YAML reads as true, asking for quotes")
        void asksForQuotes() {
            LessonException e = refusal(PREDICTION.replace("  - answer: One\n", "  - answer: Yes\n"), "answer: Yes");
            assertTrue(e.getMessage().contains("'answer' of choice 1 must be text, not true: YAML reads this unquoted value"
                    + " as a yes/no, so put the text in quotes"), e.getMessage());
            assertEquals(List.of("20", "One"), load(PREDICTION.replace("  - answer: More than one\n", "  - answer: 20\n"))
                    .predictions().getFirst().choices().stream().map(Choice::html).toList().reversed(),
                    "a whole number is taken as its digits");
        }

        @Test
        @DisplayName("is refused with an unknown field, a bad id, a second use of its id, or YAML that does not parse")
        void refusesMistakes() {
            LessonException unknown = refusal(PREDICTION.replace("reveal: |", "revael: |"), "revael");
            assertTrue(unknown.getMessage().contains("does not know this field"), unknown.getMessage());
            LessonException id = refusal(PREDICTION.replace("id: burst-instances", "id: Burst Instances"), "id: Burst");
            assertTrue(id.getMessage().contains("'id' is 'Burst Instances', not 1 to 64 lower-case letters"), id.getMessage());
            LessonException twice = refusal(PREDICTION + "\n" + PREDICTION.replace("## A burst", "## Again")
                    .replace("id: burst-instances", "id: burst-instances   # again"), "# again");
            assertTrue(twice.getMessage().contains("used twice"), twice.getMessage());
            LessonException yaml = refusal(PREDICTION.replace("question: Twenty requests arrive at once.",
                    "question: Twenty: requests arrive: at once."), "question: Twenty:");
            assertTrue(yaml.getMessage().contains("is not valid YAML"), yaml.getMessage());
        }
    }

    @Nested
    @DisplayName("a concept check")
    class Checks {

        @Test
        @DisplayName("is read with its choice and number questions and its pass mark, and leaves an empty place")
        void isRead() {
            Lesson lesson = load(CHECK);
            ConceptCheck check = lesson.check();
            assertEquals(2, check.pass());
            assertEquals(List.of("one-at-a-time", "gb-seconds", "exact"),
                    check.questions().stream().map(ConceptCheck.Question::id).toList());
            ConceptCheck.NumberQuestion number = (ConceptCheck.NumberQuestion) check.questions().get(1);
            assertEquals(0.0125, number.answer());
            assertEquals("GB-s", number.unit());
            assertEquals(0, ((ConceptCheck.NumberQuestion) check.questions().get(2)).tolerance(), "no tolerance: exact");
            assertTrue(lesson.html().contains("<div class=\"concept-check\" id=\"concept-check\" data-concept-check=\"\"></div>"),
                    lesson.html());
            assertFalse(lesson.html().contains("Ten is a batch"), lesson.html());
            assertNull(load("# No check\n").check(), "a lesson without a check has none");
        }

        @Test
        @DisplayName("grades a choice by its index, with that choice's explanation")
        void gradesChoices() throws IOException {
            ConceptCheck.Question question = load(CHECK).check().questions().get(0);
            assertEquals(new ConceptCheck.Graded(false, "Ten is a batch."), question.grade(JSON.readTree("1")));
            assertEquals(new ConceptCheck.Graded(true, "One at a time."), question.grade(JSON.readTree("0")));
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> question.grade(JSON.readTree("2")));
            assertTrue(wrong.getMessage().contains("the index of a choice, 0 to 1"), wrong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> question.grade(JSON.readTree("\"0\"")));
        }

        @Test
        @DisplayName("grades a number within its tolerance, with the hint when wrong and the working when right")
        void gradesNumbers() throws IOException {
            List<ConceptCheck.Question> questions = load(CHECK).check().questions();
            ConceptCheck.Question gbSeconds = questions.get(1);
            assertEquals(new ConceptCheck.Graded(true, "0.125 × 0.1."), gbSeconds.grade(JSON.readTree("0.0125")));
            assertTrue(gbSeconds.grade(JSON.readTree("0.0126")).right(), "within the tolerance of 0.0001");
            assertEquals(new ConceptCheck.Graded(false, "Multiply memory by time."), gbSeconds.grade(JSON.readTree("0.125")));
            ConceptCheck.Question exact = questions.get(2);
            assertTrue(exact.grade(JSON.readTree("2.0")).right());
            assertFalse(exact.grade(JSON.readTree("2.001")).right(), "no tolerance written: the exact number");
            IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> exact.grade(JSON.readTree("\"two\"")));
            assertTrue(text.getMessage().contains("is a number"), text.getMessage());
        }

        @Test
        @DisplayName("is refused with fewer than 3 questions, or a pass mark above their number")
        void refusesSizes() {
            String two = CHECK.substring(0, CHECK.indexOf("  - id: exact"));
            LessonException few = refusal(two + "```\n", "questions:");
            assertTrue(few.getMessage().contains("3 to 5 entries"), few.getMessage());
            LessonException pass = refusal(CHECK.replace("pass: 2", "pass: 4"), "pass:");
            assertTrue(pass.getMessage().contains("1 to 3, not 4"), pass.getMessage());
        }

        @Test
        @DisplayName("is refused with a question that has both choices and a number, or a number that is text")
        void refusesQuestions() {
            LessonException both = refusal(CHECK.replace("    number: 2\n", "    number: 2\n    choices: []\n"), "id: exact");
            assertTrue(both.getMessage().contains("question 3 needs either 'choices' (multiple choice) or 'number'"),
                    both.getMessage());
            LessonException text = refusal(CHECK.replace("number: 0.0125", "number: a lot"), "number: a lot");
            assertTrue(text.getMessage().contains("must be a number"), text.getMessage());
        }

        @Test
        @DisplayName("is refused the second time in one lesson")
        void oneOnly() {
            LessonException e = refusal(CHECK + "\nMore.\n\n```check   \npass: 1\n```\n", "```check   ");
            assertTrue(e.getMessage().contains("a lesson has one concept check"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("a glossary link")
    class GlossaryLinks {

        void glossary(String yaml) throws IOException {
            Files.writeString(lessons.resolve("glossary.yaml"), yaml);
        }

        @Test
        @DisplayName("shows the word linked to the glossary page, with its definition as the link's description")
        void rendersTheTerm() throws IOException {
            glossary("""
                    cold-start:
                      term: cold start
                      definition: A request that finds no free instance <and waits>.
                    """);
            Lesson lesson = load("A [cold start](#glossary/cold-start) and [another](#glossary/cold-start).\n");
            assertTrue(lesson.html().contains("<span class=\"term\"><a href=\"/glossary.html#cold-start\" class=\"term-link\""
                    + " data-term=\"cold-start\" aria-describedby=\"term-1\">cold start</a><span class=\"term-definition\""
                    + " role=\"tooltip\" id=\"term-1\">cold start: A request that finds no free instance &lt;and waits&gt;.</span></span>"),
                    lesson.html());
            assertTrue(lesson.html().contains("aria-describedby=\"term-2\">another</a>"), "each use has its own id: " + lesson.html());
            assertEquals(List.of("cold-start"), lesson.terms());
        }

        @Test
        @DisplayName("is refused when the glossary has no such term, on the link's line")
        void refusesUnknownTerms() {
            LessonException e = refusal("# Title\n\nText.\n\nA [warm start](#glossary/warm-start) here.\n", "[warm start]");
            assertTrue(e.getMessage().contains("the glossary has no term 'warm-start'"), e.getMessage());
        }

        @Test
        @DisplayName("lists the glossary's terms by name, and refuses a glossary entry without a definition, with its line")
        void readsTheGlossary() throws IOException {
            glossary("""
                    warm-start:
                      term: warm start
                      definition: An idle instance takes the request.
                    cold-start:
                      term: cold start
                      definition: A new instance first.
                    """);
            LessonFiles.write(lessons, "01", "one", 1);
            LessonLibrary library = LessonLibrary.load(lessons);
            assertEquals(List.of("cold start", "warm start"), library.glossary().terms().stream().map(Glossary.Term::term).toList());
            glossary("""
                    warm-start:
                      term: warm start
                    cold-start:
                      term: cold start
                      definition: A new instance first.
                    """);
            Files.setLastModifiedTime(lessons.resolve("glossary.yaml"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            LessonException e = assertThrows(LessonException.class, library::lessons);
            assertEquals(lessons.resolve("glossary.yaml"), e.file(), e.getMessage());
            assertEquals(1, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("the glossary has no 'definition' of 'warm-start'"), e.getMessage());
        }
    }

    @Test
    @DisplayName("the course's own lessons each ask predictions and end with a concept check of 3 to 5 questions")
    void theRealLessons() {
        List<Lesson> real = LessonLibrary.load(Path.of("..", "lessons")).lessons();
        for (Lesson lesson : real) {
            assertFalse(lesson.predictions().isEmpty(), lesson.id() + " asks at least one prediction");
            assertTrue(lesson.check() != null, lesson.id() + " ends with a concept check");
            assertFalse(lesson.terms().isEmpty(), lesson.id() + " links to the glossary");
            assertFalse(lesson.html().contains("right: true"), lesson.id() + ": no block is left as code in the page");
        }
    }
}
