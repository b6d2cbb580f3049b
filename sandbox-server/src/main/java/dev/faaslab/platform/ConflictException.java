package dev.faaslab.platform;

/** The request contradicts the current state, such as an update based on an outdated revision. */
public final class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
