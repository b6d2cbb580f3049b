package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.faaslab.course.ConceptCheck;
import dev.faaslab.course.Glossary;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonException;
import dev.faaslab.course.LessonLibrary;
import dev.faaslab.course.Prediction;
import dev.faaslab.platform.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/lessons}: the course map, and each lesson's page with what its lab starts from; {@code /api/glossary}:
 * the course's terms. A page carries its predictions and concept check without their answers: the server grades
 * them ({@link LessonAnswersApi}).
 */
final class LessonsApi {

    private final LessonLibrary library;

    LessonsApi(LessonLibrary library) {
        this.library = library;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/lessons", this::listHandler),
                new Route("GET", "/api/lessons/{id}", this::getHandler),
                new Route("GET", "/api/glossary", this::glossaryHandler));
    }

    private void glossaryHandler(Exchange exchange) {
        List<Lesson> lessons = lessons();
        Glossary glossary = library.glossary();
        exchange.json(200, new GlossaryPage(glossary.terms().stream().map(term -> new GlossaryEntry(term.id(), term.term(),
                term.definition(), lessons.stream().filter(lesson -> lesson.terms().contains(term.id()))
                        .map(LessonLink::of).toList())).toList()));
    }

    private void listHandler(Exchange exchange) {
        exchange.json(200, new CourseMap(lessons().stream().map(LessonSummary::of).toList()));
    }

    private void getHandler(Exchange exchange) {
        String id = exchange.param("id");
        List<Lesson> lessons = lessons();
        int at = -1;
        for (int i = 0; i < lessons.size() && at < 0; i++) {
            at = lessons.get(i).id().equals(id) ? i : -1;
        }
        if (at < 0) {
            throw new NotFoundException("there is no lesson with the id '" + id + "': GET /api/lessons lists them");
        }
        exchange.json(200, LessonPage.of(lessons.get(at), at > 0 ? lessons.get(at - 1) : null,
                at + 1 < lessons.size() ? lessons.get(at + 1) : null));
    }

    /** The lessons as they are on disk now; a lesson an author broke since start-up is a 500 naming the mistake. */
    static List<Lesson> lessons(LessonLibrary library) {
        try {
            return library.lessons();
        } catch (LessonException e) {
            throw new ApiException(500, "InternalError", "a lesson file is wrong: " + e.getMessage()
                    + " (fix the file and reload the page)");
        }
    }

    private List<Lesson> lessons() {
        return lessons(library);
    }

    /** The course map: every lesson, in course order. */
    record CourseMap(List<LessonSummary> lessons) {
    }

    /** What the course map shows of a lesson. */
    record LessonSummary(String id, String title, int order, String summary, List<String> concepts, String function,
                         String exercise, int minutes, String level, List<String> prerequisites,
                         List<String> objectives, DoneWhen doneWhen) {

        static LessonSummary of(Lesson lesson) {
            return new LessonSummary(lesson.id(), lesson.title(), lesson.order(), lesson.summary(), lesson.concepts(),
                    lesson.function(), lesson.exercise(), lesson.minutes(), lesson.level(), lesson.prerequisites(),
                    lesson.objectives(), DoneWhen.of(lesson));
        }
    }

    /**
     * What makes a lesson done: every one of these predictions answered, and at least {@code checkPass} of the
     * concept check's {@code checkQuestions} answered right (none to answer when the lesson has no check).
     */
    record DoneWhen(List<String> predictions, int checkQuestions, int checkPass) {

        static DoneWhen of(Lesson lesson) {
            ConceptCheck check = lesson.check();
            return new DoneWhen(lesson.predictions().stream().map(Prediction::id).toList(),
                    check == null ? 0 : check.questions().size(), check == null ? 0 : check.pass());
        }
    }

    /** A lesson's page: what the map shows of it, then the page itself, what its lab starts from and its neighbours. */
    record LessonPage(@JsonUnwrapped LessonSummary summary, List<String> events, String html,
                      List<Lesson.Section> sections, Map<String, StarterFile> starters, List<PredictionQuestion> predictions,
                      CheckQuestions check, LessonLink previous, LessonLink next) {

        /** {@code previous} and {@code next} are null at the ends of the course. */
        static LessonPage of(Lesson lesson, Lesson previous, Lesson next) {
            Map<String, StarterFile> starters = new LinkedHashMap<>();
            // In the runtimes' usual order, not the map's.
            for (String runtime : List.of("nodejs", "python")) {
                Lesson.Starter starter = lesson.starters().get(runtime);
                if (starter != null) {
                    starters.put(runtime, new StarterFile(starter.handler(), starter.fileName(), starter.code()));
                }
            }
            return new LessonPage(LessonSummary.of(lesson), lesson.events(), lesson.html(), lesson.sections(), starters,
                    lesson.predictions().stream().map(PredictionQuestion::of).toList(), CheckQuestions.of(lesson.check()),
                    LessonLink.of(previous), LessonLink.of(next));
        }
    }

    /** A prediction as the page asks it: the question, the choices and the experiment, not which choice is right. */
    record PredictionQuestion(String id, String question, List<String> experiment, List<String> choices) {

        static PredictionQuestion of(Prediction prediction) {
            return new PredictionQuestion(prediction.id(), prediction.questionHtml(), prediction.actions(),
                    prediction.choices().stream().map(dev.faaslab.course.Choice::html).toList());
        }
    }

    /** The concept check as the page asks it, without its answers; null when the lesson has none. */
    record CheckQuestions(int pass, List<CheckQuestion> questions) {

        static CheckQuestions of(ConceptCheck check) {
            return check == null ? null : new CheckQuestions(check.pass(), check.questions().stream()
                    .map(CheckQuestion::of).toList());
        }
    }

    /**
     * One question of a concept check: {@code kind} is {@code choice} (with its {@code choices}) or {@code number}
     * (with the {@code unit} to show after the field; {@code choices} is then empty).
     */
    record CheckQuestion(String id, String kind, String question, List<String> choices, String unit) {

        static CheckQuestion of(ConceptCheck.Question question) {
            return switch (question) {
                case ConceptCheck.ChoiceQuestion choice -> new CheckQuestion(choice.id(), "choice", choice.questionHtml(),
                        choice.choices().stream().map(dev.faaslab.course.Choice::html).toList(), "");
                case ConceptCheck.NumberQuestion number -> new CheckQuestion(number.id(), "number",
                        number.questionHtml(), List.of(), number.unit());
            };
        }
    }

    /** The glossary page: every term, by name, with the lessons that use it. */
    record GlossaryPage(List<GlossaryEntry> terms) {
    }

    /** One term of the glossary, and the lessons whose text links to it. */
    record GlossaryEntry(String id, String term, String definition, List<LessonLink> lessons) {
    }

    /** The code a lesson's lab starts from in one runtime, and the handler to configure for it. */
    record StarterFile(String handler, String file, String code) {
    }

    /** A neighbouring lesson, as a page links to it. */
    record LessonLink(String id, String title) {

        /** Null for no lesson, which the page shows as null. */
        static LessonLink of(Lesson lesson) {
            return lesson == null ? null : new LessonLink(lesson.id(), lesson.title());
        }
    }
}
