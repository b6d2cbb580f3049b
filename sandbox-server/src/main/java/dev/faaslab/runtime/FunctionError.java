package dev.faaslab.runtime;

import java.util.List;

/**
 * What went wrong in an invocation, in Lambda's terms and in the learner's.
 *
 * @param kind         the family of failure
 * @param errorType    Lambda's {@code errorType}: {@code TypeError}, {@code Sandbox.Timedout} …
 * @param errorMessage Lambda's {@code errorMessage}
 * @param location     where in the learner's code, or null when there is no such place
 * @param trace        the guest stack, innermost first, as Lambda's {@code trace}/{@code stackTrace}
 * @param hint         what to try next, for a learner; may be empty
 */
public record FunctionError(
        ErrorKind kind,
        String errorType,
        String errorMessage,
        SourceLocation location,
        List<String> trace,
        String hint) {

    public FunctionError {
        trace = List.copyOf(trace);
        hint = hint == null ? "" : hint;
    }

    /** One paragraph for a learner: what happened, where, and what to try. */
    public String describe() {
        StringBuilder text = new StringBuilder(errorType).append(": ").append(errorMessage);
        if (location != null) {
            text.append("\n  at ").append(location);
        }
        if (!hint.isEmpty()) {
            text.append("\n  Try: ").append(hint);
        }
        return text.toString();
    }
}
