package dev.faaslab.runtime;

/** How one invocation ended: a result (JSON text) or an error. */
public sealed interface Outcome {

    /** @param json the handler's result serialised as Lambda serialises it ({@code null} for none) */
    record Success(String json) implements Outcome {
    }

    record Failure(FunctionError error) implements Outcome {
    }
}
