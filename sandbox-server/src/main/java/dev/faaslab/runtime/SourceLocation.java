package dev.faaslab.runtime;

/** A place in the learner's code; line and column count from 1, column 0 when unknown. */
public record SourceLocation(String file, int line, int column) {

    @Override
    public String toString() {
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
