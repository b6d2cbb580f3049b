package dev.faaslab.platform;

import dev.faaslab.runtime.FunctionError;

/** The code was refused on saving because it does not parse. */
public final class CodeException extends RuntimeException {

    private final transient FunctionError error;

    public CodeException(FunctionError error) {
        super(error.errorMessage() + (error.location() == null ? "" : " at " + error.location()));
        this.error = error;
    }

    public FunctionError error() {
        return error;
    }
}
