package dev.faaslab.grader;

import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An exercise as its folder describes it: {@code exercise.json} (the manifest), {@code README.md} (the task),
 * {@code starter.mjs}/{@code starter.py} and {@code solution.mjs}/{@code solution.py}.
 *
 * @param id        the folder's name
 * @param title     what the learner reads
 * @param lesson    the id of the lesson it belongs to
 * @param order     its place in the course (the lesson's order, usually)
 * @param handlers  the handler setting per language it is offered in ({@code index.handler} …)
 * @param limits    the function's timeout and memory for every check
 * @param checks    the checks, in order
 * @param fixtures  the tables and buckets every check starts with
 * @param directory the folder
 */
public record Exercise(String id, String title, String lesson, int order, Map<Language, String> handlers,
                       Limits limits, List<Check> checks, Fixtures fixtures, Path directory) {

    public static final String MANIFEST = "exercise.json";

    public Exercise {
        handlers = Map.copyOf(handlers);
        checks = List.copyOf(checks);
    }

    /**
     * The function's limits for every check. Tight ones (a timeout of 2 s) make an endless loop cost little.
     *
     * @param timeoutSeconds 1 to 900
     * @param memoryMb       128 to 10,240; also what the memory watchdog enforces
     */
    public record Limits(int timeoutSeconds, int memoryMb) {
        public static final Limits DEFAULT = new Limits(2, 128);
    }

    /** The languages it is offered in, JavaScript first. */
    public List<Language> languages() {
        return handlers.keySet().stream().sorted().toList();
    }

    public int points() {
        return checks.stream().mapToInt(Check::points).sum();
    }

    /**
     * The event a learner's own run starts from: the first visible check's, so that trying the code before
     * submitting sends what the grader will (null when no visible check sends one).
     */
    public EventSpec sampleEvent() {
        return checks.stream().filter(check -> !check.hidden())
                .map(Check::probe).filter(probe -> probe instanceof PlatformProbe)
                .map(probe -> ((PlatformProbe) probe).event()).findFirst().orElse(null);
    }

    /** The task, as Markdown. */
    public String readme() {
        return read("README.md");
    }

    /** The code a learner starts from. */
    public String starter(Language language) {
        return read("starter" + language.defaultExtension());
    }

    /** The reference solution. */
    public String solution(Language language) {
        return read("solution" + language.defaultExtension());
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            throw new ExerciseException(directory.resolve(name) + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
