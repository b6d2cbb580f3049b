package dev.faaslab.grader.batch;

import dev.faaslab.runtime.Language;
import java.nio.file.Path;

/**
 * One learner's submission in a batch folder.
 *
 * @param learner the file's name without its extension, or the folder's name
 * @param file    the code file, or null when none could be picked (then {@code problem} says why)
 * @param problem why it cannot be graded, or null
 */
public record Submission(String learner, Path file, String problem) {

    public Language language() {
        return Language.fromFileName(file.getFileName().toString());
    }
}
