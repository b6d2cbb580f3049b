package dev.faaslab.grader;

import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An exercise as its folder describes it: {@code exercise.json} (the manifest), {@code README.md} (the task),
 * {@code starter.mjs}/{@code starter.py} and {@code solution.mjs}/{@code solution.py}; or, for an exercise written
 * in several files, the folders {@code starter/}, {@code solution/} (and {@code wrong-…/}), each with a folder per
 * runtime ({@code nodejs/}, {@code python/}) holding that language's files.
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
 * @param files     per language, the files a submission is made of when it is several (the handler's among them);
 *                  a language not listed is written in one file
 */
public record Exercise(String id, String title, String lesson, int order, Map<Language, String> handlers,
                       Limits limits, List<Check> checks, Fixtures fixtures, Path directory,
                       Map<Language, List<String>> files) {

    public static final String MANIFEST = "exercise.json";

    public Exercise {
        handlers = Map.copyOf(handlers);
        checks = List.copyOf(checks);
        files = Map.copyOf(files);
    }

    /** The files a submission in {@code language} is made of: the manifest's list, or the handler's one file. */
    public List<String> files(Language language) {
        return files.getOrDefault(language, List.of(entryFile(language)));
    }

    /** Whether a submission in {@code language} is several files, deployed as a package. */
    public boolean isPackage(Language language) {
        return files.containsKey(language);
    }

    /**
     * The file the handler is in: {@code index.mjs}, {@code lambda_function.py} (Lambda's console names), or the
     * listed file its module names.
     */
    public String entryFile(Language language) {
        String module = dev.faaslab.runtime.HandlerName.parse(handlers.get(language)).module();
        List<String> listed = files.getOrDefault(language, List.of());
        return listed.stream().filter(file -> file.substring(0, file.lastIndexOf('.')).equals(module)).findFirst()
                .orElse(module + (language == Language.PYTHON ? ".py" : ".mjs"));
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

    /** The code a learner starts from (its handler's file, when it is several). */
    public String starter(Language language) {
        return starterFiles(language).get(entryFile(language));
    }

    /** The reference solution (its handler's file, when it is several). */
    public String solution(Language language) {
        return solutionFiles(language).get(entryFile(language));
    }

    /** The code a learner starts from, by file name. */
    public Map<String, String> starterFiles(Language language) {
        return submission("starter", language);
    }

    /** The reference solution, by file name. */
    public Map<String, String> solutionFiles(Language language) {
        return submission("solution", language);
    }

    /**
     * A submission kept in the exercise's folder, by file name: {@code name + ".mjs"} (one file), or the files of
     * the folder {@code name/nodejs/} (several), as the manifest lists them. A known-wrong one ({@code wrong-…/})
     * holds only the files it gets wrong: the others are the solution's.
     */
    public Map<String, String> submission(String name, Language language) {
        if (!isPackage(language)) {
            return Map.of(entryFile(language), read(name + language.defaultExtension()));
        }
        Map<String, String> read = new java.util.LinkedHashMap<>();
        for (String file : files(language)) {
            String own = name + "/" + language.runtimeName() + "/" + file;
            read.put(file, read(name.startsWith("wrong-") && !Files.exists(directory.resolve(own))
                    ? "solution/" + language.runtimeName() + "/" + file : own));
        }
        return read;
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            throw new ExerciseException(directory.resolve(name) + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
