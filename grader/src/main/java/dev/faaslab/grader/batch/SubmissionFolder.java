package dev.faaslab.grader.batch;

import dev.faaslab.grader.Exercise;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The submissions under a folder: one file per learner ({@code ada.mjs}, {@code grace.py}) or one folder per
 * learner holding the code (the handler's file, such as {@code index.mjs}, or the only code file there).
 */
public final class SubmissionFolder {

    private SubmissionFolder() {
    }

    /**
     * Every submission, in name order. Entries that are neither code nor folders (a README, a CSV) are skipped.
     *
     * @throws IOException when the folder cannot be listed
     */
    public static List<Submission> list(Path folder, Exercise exercise) throws IOException {
        List<Submission> submissions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    submissions.add(inFolder(entry, exercise));
                } else if (isCode(name)) {
                    submissions.add(new Submission(name.substring(0, name.lastIndexOf('.')), entry, null));
                }
            }
        }
        return submissions;
    }

    private static Submission inFolder(Path folder, Exercise exercise) throws IOException {
        String learner = folder.getFileName().toString();
        for (Language language : exercise.languages()) {
            Path handlerFile = folder.resolve(HandlerName.parse(exercise.handlers().get(language)).module()
                    + language.defaultExtension());
            if (Files.isRegularFile(handlerFile)) {
                return new Submission(learner, handlerFile, null);
            }
        }
        List<Path> code;
        try (Stream<Path> files = Files.list(folder)) {
            code = files.filter(file -> Files.isRegularFile(file) && isCode(file.getFileName().toString())).sorted().toList();
        }
        if (code.size() == 1) {
            return new Submission(learner, code.getFirst(), null);
        }
        return new Submission(learner, null, code.isEmpty()
                ? "no code file in " + folder + " (expected a .mjs, .js or .py file)"
                : "several code files in " + folder + ": name the one to grade after the handler, e.g. index.mjs");
    }

    static boolean isCode(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".mjs") || n.endsWith(".js") || n.endsWith(".cjs") || n.endsWith(".py");
    }
}
