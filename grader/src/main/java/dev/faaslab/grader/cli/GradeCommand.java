package dev.faaslab.grader.cli;

import dev.faaslab.style.Styles;
import dev.faaslab.grader.Exercise;
import dev.faaslab.grader.ExerciseException;
import dev.faaslab.grader.ExerciseReader;
import dev.faaslab.grader.Exercises;
import dev.faaslab.grader.Grade;
import dev.faaslab.grader.Grader;
import dev.faaslab.grader.batch.BatchGrader;
import dev.faaslab.grader.batch.Gradebook;
import dev.faaslab.grader.batch.Submission;
import dev.faaslab.grader.batch.SubmissionFolder;
import dev.faaslab.grader.report.ClassroomReport;
import dev.faaslab.grader.report.ExercismReport;
import dev.faaslab.grader.report.JunitReport;
import dev.faaslab.grader.report.TextReport;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Language;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faaslab grade}: grades one submission, or a folder of them, against an exercise. */
@Command(name = "grade",
        mixinStandardHelpOptions = true,
        description = {"Grade a function against an exercise's checks, on the real platform, in this process.",
                "EXERCISE is an exercise's id (a folder under exercises/) or the path of an exercise's folder.",
                "With --batch DIR every submission under DIR (a file or a folder per learner) is graded, as many at",
                "once as the machine has cores, into one CSV row per learner."},
        footer = {"", GradeExit.TABLE})
public final class GradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "The exercise: its id, or its folder.")
    String exerciseName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
            description = "The submission: .mjs, .js (Node.js) or .py (Python); for an exercise written in several"
                    + " files, the folder that holds them. Not with --batch.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), exercism (results.json, version 3), classroom (the base64 result GitHub "
                    + "Classroom's reporter reads) or junit (JUnit XML).")
    Format format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the report into DIR (results.json, result.b64, TEST-<exercise>.<runtime>.xml or "
                    + "grade.txt) instead of standard output.")
    Path out;

    @Option(names = "--batch", paramLabel = "DIR", description = "Grade every submission under DIR.")
    Path batch;

    @Option(names = "--csv", paramLabel = "FILE", description = "With --batch: the gradebook to write (default: standard output).")
    Path csv;

    @Option(names = "--jobs", paramLabel = "N", description = "With --batch: how many to grade at once (default: the number of cores).")
    Integer jobs;

    private final Grader sharedGrader;

    /** The command as the launcher runs it: it opens a sandbox of its own in a temporary folder. */
    public GradeCommand() {
        this(null);
    }

    /** The command grading on {@code grader}'s platform (tests share one). */
    public GradeCommand(Grader grader) {
        this.sharedGrader = grader;
    }

    public static CommandLine commandLine() {
        return commandLine(new GradeCommand());
    }

    public static CommandLine commandLine(GradeCommand command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("faaslab grade: internal error: " + exception);
            exception.printStackTrace(cmd.getErr());
            return GradeExit.INTERNAL;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (batch == null && file == null) {
            return usage("give the FILE to grade, or --batch DIR");
        }
        if (batch != null && file != null) {
            return usage("give either a FILE or --batch DIR, not both");
        }
        if (batch == null && (csv != null || jobs != null)) {
            return usage("--csv and --jobs go with --batch");
        }
        if (jobs != null && jobs < 1) {
            return usage("--jobs must be at least 1, not " + jobs);
        }
        Exercise exercise;
        try {
            exercise = exercise();
        } catch (ExerciseException e) {
            err.println("faaslab grade: " + e.getMessage());
            return GradeExit.UNREADABLE;
        }
        if (batch != null) {
            return batch(exercise, err);
        }
        if (Files.isDirectory(file)) {
            return folder(exercise, err);
        }
        Language language;
        String code;
        try {
            language = Language.fromFileName(file.getFileName().toString());
            code = Files.readString(file);
        } catch (NoSuchFileException e) {
            err.println("faaslab grade: " + file + ": no such file");
            return GradeExit.UNREADABLE;
        } catch (IOException e) {
            err.println("faaslab grade: " + file + ": cannot read it (" + e.getMessage() + ")");
            return GradeExit.UNREADABLE;
        } catch (IllegalArgumentException e) {
            return usage(file + ": " + e.getMessage());
        }
        if (!exercise.languages().contains(language)) {
            return usage("the exercise '" + exercise.id() + "' is offered in "
                    + exercise.languages().stream().map(Language::runtimeName).toList() + ", and " + file + " is "
                    + language.runtimeName());
        }
        if (exercise.isPackage(language)) {
            return usage("the exercise '" + exercise.id() + "' is written in several files in "
                    + language.runtimeName() + " (" + String.join(", ", exercise.files(language))
                    + "): give the folder that holds them");
        }
        return graded(withGrader(grader -> grader.grade(exercise, language, code)));
    }

    /**
     * A submission of several files: the folder {@code file} holds one language's files, as the manifest lists them
     * (other files in it are left alone).
     */
    private int folder(Exercise exercise, PrintWriter err) throws Exception {
        List<Language> languages = exercise.languages().stream().filter(exercise::isPackage).filter(language ->
                exercise.files(language).stream().allMatch(name -> Files.isRegularFile(file.resolve(name)))).toList();
        if (languages.size() != 1) {
            return usage(file + " must hold the files of one language: " + String.join("; or ", exercise.languages()
                    .stream().filter(exercise::isPackage).map(language -> language.runtimeName() + ": " + String.join(
                    ", ", exercise.files(language))).toList()) + (languages.isEmpty() ? "" : " (it holds both)"));
        }
        Language language = languages.getFirst();
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : exercise.files(language)) {
            try {
                files.put(name, Files.readString(file.resolve(name)));
            } catch (IOException e) {
                err.println("faaslab grade: " + file.resolve(name) + ": cannot read it (" + e.getMessage() + ")");
                return GradeExit.UNREADABLE;
            }
        }
        return graded(withGrader(grader -> grader.grade(exercise, language, files)));
    }

    private int graded(Grade grade) throws IOException {
        report(grade);
        if (format == Format.exercism) {
            return GradeExit.PASS; // Exercism's runners exit 0 whenever results.json was written
        }
        return grade.passed() ? GradeExit.PASS : GradeExit.FAIL;
    }

    private int batch(Exercise exercise, PrintWriter err) throws IOException {
        List<Submission> submissions;
        try {
            submissions = SubmissionFolder.list(batch, exercise);
        } catch (IOException e) {
            err.println("faaslab grade: " + batch + ": cannot list the submissions (" + e + ")");
            return GradeExit.UNREADABLE;
        }
        int parallelism = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        err.println("faaslab grade: " + submissions.size() + " submissions of " + exercise.id() + ", " + parallelism
                + " at a time");
        boolean terminal = System.console() != null && System.console().isTerminal();
        List<BatchGrader.Row> rows = withGrader(grader -> new BatchGrader(grader, parallelism)
                .grade(exercise, submissions, new ProgressBar(err, terminal)));
        if (csv == null) {
            Gradebook.write(exercise, rows, spec.commandLine().getOut());
        } else {
            try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                Gradebook.write(exercise, rows, writer);
            }
            err.println("faaslab grade: the gradebook is in " + csv);
        }
        return GradeExit.PASS;
    }

    private void report(Grade grade) throws IOException {
        String text;
        String fileName;
        switch (format) {
            case exercism -> {
                text = ExercismReport.json(grade) + "\n";
                fileName = "results.json";
            }
            case classroom -> {
                text = ClassroomReport.base64(grade) + "\n";
                fileName = "result.b64";
            }
            case junit -> {
                text = JunitReport.xml(grade);
                fileName = "TEST-" + JunitReport.suiteName(grade) + ".xml";
            }
            default -> {
                java.io.StringWriter buffer = new java.io.StringWriter();
                TextReport.write(grade, new PrintWriter(buffer));
                text = buffer.toString();
                fileName = "grade.txt";
            }
        }
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Files.createDirectories(out);
            Files.writeString(out.resolve(fileName), text);
            spec.commandLine().getErr().println("faaslab grade: wrote " + out.resolve(fileName));
        }
    }

    private Exercise exercise() {
        Path folder = Path.of(exerciseName);
        if (Files.isRegularFile(folder.resolve(Exercise.MANIFEST))) {
            return ExerciseReader.read(folder);
        }
        Exercises exercises = Exercises.located();
        return exercises.find(exerciseName).orElseThrow(() -> new ExerciseException("no exercise '" + exerciseName
                + "' in " + exercises.root() + " (its exercises: " + exercises.all().stream().map(Exercise::id).toList()
                + "); give an exercise's id or the path of its folder"));
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("faaslab grade: " + message);
        spec.commandLine().getErr().println("Run 'faaslab grade --help' for the options.");
        return GradeExit.USAGE;
    }

    /** Work that needs a grader. */
    @FunctionalInterface
    private interface Grading<T> {
        T run(Grader grader) throws IOException;
    }

    /** Runs {@code work} on the shared grader, or on a sandbox opened for this run in a temporary folder. */
    private <T> T withGrader(Grading<T> work) throws IOException {
        if (sharedGrader != null) {
            return work.run(sharedGrader);
        }
        Path data = Files.createTempDirectory("faaslab-grade");
        try (FunctionRuntime runtime = new FunctionRuntime(Clock.system(), Styles.all());
             Sandbox sandbox = Sandbox.open(data, Clock.system(), runtime, PlatformLimits.DEFAULT)) {
            return work.run(Grader.on(sandbox));
        } finally {
            deleteTree(data);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
