package dev.faaslab.runtime;

import java.util.Optional;

/**
 * One execution environment, as Lambda calls it: where one copy of a function's module lives and serves one
 * request at a time. {@link FunctionInstance} runs it in this process; a worker process's runs it in another
 * heap (see {@code dev.faaslab.runtime.worker}). The platform's pools see only this.
 */
public interface ExecutionEnvironment extends AutoCloseable {

    enum State { NEW, INITIALISING, IDLE, BUSY, DISCARDED }

    String id();

    State state();

    /** How many invocations it has served (readable while it serves one). */
    int invocations();

    /**
     * The most it can hold in this process's heap now, in bytes, to choose which idle environments to reclaim when
     * the server is short of memory (0 for one whose heap is elsewhere).
     */
    long mayHoldBytes();

    /** Runs the Init phase ahead of any request (provisioned concurrency); returns why it failed, if it did. */
    Optional<FunctionError> initialise();

    /**
     * Runs one invocation, cold-starting the environment if it has not started; {@code initialised} runs when a
     * cold start's Init phase has succeeded and the handler is about to run. Limits end only this invocation.
     *
     * @throws Payloads.PayloadTooLargeException when the event is over 6 MB (nothing runs)
     * @throws IllegalStateException             when the environment was discarded
     */
    InvocationResult invoke(Event event, String requestId, int attempt, Runnable initialised);

    @Override
    void close();
}
