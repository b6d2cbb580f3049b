package dev.faaslab.runtime.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.ExecutionEnvironment;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.LogLevel;
import dev.faaslab.runtime.LogLine;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.runtime.Report;
import dev.faaslab.runtime.sdk.Lineage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An execution environment in a worker process, as the server's pools see it: the worker runs it and enforces its
 * limits; this side keeps its state from the worker's replies. If the worker dies or stops answering, the call fails
 * as Lambda's does when its runtime process exits ({@code Runtime.ExitError}), and the environment is discarded.
 */
final class RemoteEnvironment implements ExecutionEnvironment {

    /**
     * How long past a function's own timeout the server waits for the worker: its Init may run twice (10 s, then the
     * timeout), and a worker at the lowest priority on a busy machine is slow. Past this the worker is stuck.
     */
    private static final Duration GRACE = Duration.ofSeconds(40);

    private final WorkerProcess worker;
    private final RemoteDeployment deployment;
    private final String id = Ids.instanceId();
    private volatile State state = State.NEW;
    private volatile int invocations;
    private WorkerConnection runsOn;

    RemoteEnvironment(WorkerProcess worker, RemoteDeployment deployment) {
        this.worker = worker;
        this.deployment = deployment;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public int invocations() {
        return invocations;
    }

    @Override
    public long mayHoldBytes() {
        return 0; // its heap is the worker's, not this server's
    }

    @Override
    public synchronized Optional<FunctionError> initialise() {
        if (state != State.NEW) {
            return Optional.empty();
        }
        state = State.INITIALISING;
        try {
            ObjectNode reply = call("init", null, GRACE.plus(Duration.ofSeconds(10)), null);
            settle(reply);
            return reply.has("error") ? Optional.of(Wire.error(reply.get("error"))) : Optional.empty();
        } catch (WorkerConnection.Gone | RuntimeException e) {
            abandon();
            return Optional.of(exitError(e.getMessage(), true));
        }
    }

    @Override
    public synchronized InvocationResult invoke(Event event, String requestId, int attempt, Runnable initialised) {
        Payloads.checkEvent(event);
        deployment.style().check(event);
        if (state == State.DISCARDED) {
            throw new IllegalStateException("instance " + id + " was discarded; invoke a new instance");
        }
        FunctionConfig config = deployment.config();
        boolean cold = state == State.NEW;
        state = cold ? State.INITIALISING : State.BUSY;
        long start = System.nanoTime();
        ObjectNode message = Wire.object();
        message.set("event", Wire.event(event));
        message.put("requestId", requestId);
        message.put("attempt", attempt);
        try {
            ObjectNode reply = call("invoke", message, config.timeout().plus(GRACE), () -> {
                state = State.BUSY;
                initialised.run();
            });
            invocations++;
            settle(reply);
            return Wire.result(reply.get("result"), deployment.style());
        } catch (WorkerConnection.Gone | RuntimeException e) {
            invocations++;
            abandon();
            FunctionError error = exitError(e.getMessage(), false);
            long nanos = System.nanoTime() - start;
            Report report = new Report(requestId, nanos / 1e6, Report.billedMs(nanos), config.memoryMb(),
                    cold ? nanos / 1e6 : null, id);
            LogLine line = new LogLine(System.currentTimeMillis(), requestId, LogLevel.ERROR, error.describe());
            return new InvocationResult(requestId, new Outcome.Failure(error), List.of(line), report, attempt,
                    deployment.style());
        }
    }

    /** Sends {@code type} for this environment on the live worker, deploying its code there first if need be. */
    private ObjectNode call(String type, ObjectNode message, Duration wait, Runnable initialised)
            throws WorkerConnection.Gone {
        WorkerConnection connection = worker.connection();
        if (runsOn != null && runsOn != connection) {
            // The worker started afresh since this environment's last call: it starts again there, cold.
            state = state == State.BUSY ? State.INITIALISING : state;
        }
        runsOn = connection;
        long remoteDeployment = deployment.deployedOn(connection);
        ObjectNode call = message == null ? Wire.object() : message;
        call.put("id", connection.nextId());
        call.put("type", type);
        call.put("deployment", remoteDeployment);
        call.put("instance", id);
        return connection.call(call, wait, initialised, Lineage.current());
    }

    private void settle(ObjectNode reply) {
        state = State.valueOf(reply.path("state").asText(State.DISCARDED.name()));
    }

    private static FunctionError exitError(String why, boolean init) {
        return new FunctionError(init ? ErrorKind.INIT : ErrorKind.FUNCTION, "Runtime.ExitError",
                "RequestId ended without a result: " + why, null, List.of(),
                "The process running this function stopped; this is FaaS Lab's, not your code's, unless your code"
                        + " brought it down. Invoke again: a new process starts.");
    }

    @Override
    public synchronized void close() {
        if (state != State.DISCARDED) {
            abandon();
        }
    }

    /** Discards this environment, and the worker's copy if the worker still runs (a call that took too long). */
    private void abandon() {
        state = State.DISCARDED;
        WorkerConnection connection = runsOn;
        if (connection != null && connection.alive()) {
            ObjectNode message = Wire.message(connection.nextId(), "close");
            message.put("instance", id);
            connection.sendQuietly(message);
        }
    }
}
