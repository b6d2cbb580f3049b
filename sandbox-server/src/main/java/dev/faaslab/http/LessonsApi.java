package dev.faaslab.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.course.Lesson;
import dev.faaslab.course.LessonException;
import dev.faaslab.course.LessonLibrary;
import dev.faaslab.platform.NotFoundException;
import java.util.List;

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
        ObjectNode body = Exchange.JSON.createObjectNode();
        var lessons = body.putArray("lessons");
        for (Lesson lesson : lessons()) {
            lessons.add(summary(lesson));
        }
        exchange.json(200, body);
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
        Lesson lesson = lessons.get(at);
        ObjectNode body = summary(lesson);
        var events = body.putArray("events");
        lesson.events().forEach(events::add);
        body.put("html", lesson.html());
        var sections = body.putArray("sections");
        for (Lesson.Section section : lesson.sections()) {
            sections.addObject().put("id", section.id()).put("title", section.title());
        }
        ObjectNode starters = body.putObject("starters");
        // In the runtimes' usual order, not the map's.
        for (String runtime : List.of("nodejs", "python")) {
            Lesson.Starter starter = lesson.starters().get(runtime);
            if (starter != null) {
                starters.putObject(runtime).put("handler", starter.handler()).put("file", starter.fileName())
                        .put("code", starter.code());
            }
        }
        body.set("previous", at > 0 ? link(lessons.get(at - 1)) : null);
        body.set("next", at + 1 < lessons.size() ? link(lessons.get(at + 1)) : null);
        exchange.json(200, body);
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

    /** What the course map shows of a lesson. */
    private static ObjectNode summary(Lesson lesson) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("id", lesson.id());
        node.put("title", lesson.title());
        node.put("order", lesson.order());
        node.put("summary", lesson.summary());
        var concepts = node.putArray("concepts");
        lesson.concepts().forEach(concepts::add);
        node.put("function", lesson.function());
        node.put("exercise", lesson.exercise());
        return node;
    }

    private static ObjectNode link(Lesson lesson) {
        return Exchange.JSON.createObjectNode().put("id", lesson.id()).put("title", lesson.title());
    }
}
