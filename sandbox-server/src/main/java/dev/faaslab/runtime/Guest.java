package dev.faaslab.runtime;

import org.graalvm.polyglot.PolyglotException;

/** The language-specific half of an instance: loading the module and running one invocation. */
sealed interface Guest permits JavaScriptGuest, PythonGuest {

    /**
     * Runs the bootstrap and the learner's module and finds the handler.
     *
     * @return null when the handler is ready, else why the module did not load
     * @throws PolyglotException when the guest was stopped or failed outside the bootstrap's reach
     */
    FunctionError load();

    /**
     * Runs one invocation to its end.
     *
     * @param attempt which delivery of the event this is (1 unless an asynchronous event is retried)
     * @return the outcome, or null when the deadline passed while the guest waited on its timers
     * @throws PolyglotException when the guest was stopped (by a limit) or failed outside the bootstrap's reach
     */
    Outcome invoke(Event event, String requestId, int attempt, long deadlineEpochMillis, long deadlineNanos)
            throws InterruptedException;
}
