package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonException;
import dev.faaslab.course.LessonLibrary;
import dev.faaslab.platform.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/lessons}: the course map, and each lesson's page with what its lab starts from. */
final class LessonsApi {

    private final LessonLibrary library;

    LessonsApi(LessonLibrary library) {
        this.library = library;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/lessons", this::listHandler),
                new Route("GET", "/api/lessons/{id}", this::getHandler));
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
    private List<Lesson> lessons() {
        try {
            return library.lessons();
        } catch (LessonException e) {
            throw new ApiException(500, "InternalError", "a lesson file is wrong: " + e.getMessage()
                    + " (fix the file and reload the page)");
        }
    }

    /** The course map: every lesson, in course order. */
    record CourseMap(List<LessonSummary> lessons) {
    }

    /** What the course map shows of a lesson. */
    record LessonSummary(String id, String title, int order, String summary, List<String> concepts, String function,
                         String exercise) {

        static LessonSummary of(Lesson lesson) {
            return new LessonSummary(lesson.id(), lesson.title(), lesson.order(), lesson.summary(), lesson.concepts(),
                    lesson.function(), lesson.exercise());
        }
    }

    /** A lesson's page: what the map shows of it, then the page itself, what its lab starts from and its neighbours. */
    record LessonPage(@JsonUnwrapped LessonSummary summary, List<String> events, String html,
                      List<Lesson.Section> sections, Map<String, StarterFile> starters, LessonLink previous,
                      LessonLink next) {

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
                    LessonLink.of(previous), LessonLink.of(next));
        }
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
