package dev.faaslab.course;

import java.nio.file.Path;

/**
 * A lesson file FaaS Lab cannot use, reported as {@code file:line: field: what is wrong}, so that an
 * author can go straight to the mistake. The line is 0 when no single line is at fault.
 */
public final class LessonException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String field;

    LessonException(Path file, int line, String field, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    LessonException(Path file, String field, String problem) {
        this(file, 0, field, problem);
    }

    /** The file at fault, as the library was given it (under the lessons directory). */
    public Path file() {
        return file;
    }

    /** The line in the file, counting from 1; 0 when the mistake is not on one line. */
    public int line() {
        return line;
    }

    /** The front-matter field at fault, or null when the file as a whole is. */
    public String field() {
        return field;
    }
}
