package dev.faaslab.grader;

/** An exercise that cannot be read or makes no sense: the message names the file and what to fix. */
public final class ExerciseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExerciseException(String message) {
        super(message);
    }
}
