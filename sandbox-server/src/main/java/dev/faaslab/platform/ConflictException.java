package dev.faaslab.platform;

import dev.faaslab.core.Problem;

/** The request contradicts the current state, such as an update based on an outdated revision. */
public final class ConflictException extends RuntimeException implements Problem {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "Conflict";
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String sdkName() {
        return "ResourceConflictException";
    }
}
