package dev.faaslab.runtime.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.runtime.sdk.Lineage;
import dev.faaslab.runtime.sdk.SdkBridge;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of one worker process while it lives: calls out, replies in (matched by id on one reader
 * thread), and the worker's service calls, each run through the bridge of the function that made it. When the
 * process ends, or says something this side cannot read, every call waiting on it fails at once with the reason.
 */
final class WorkerConnection {

    /** A call this side is waiting on. */
    private record Pending(CompletableFuture<ObjectNode> reply, Runnable initialised, Lineage lineage,
                           long deadlineNanos, long deployment) {
    }

    /** Why calls could not be answered: the process ended, or stopped answering. */
    static final class Gone extends Exception {
        Gone(String message) {
            super(message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkerConnection.class);

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, SdkBridge> bridges = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Service calls running at once for the worker: more is a flood, refused rather than given threads. */
    private final java.util.concurrent.Semaphore serviceCalls = new java.util.concurrent.Semaphore(MAX_SERVICE_CALLS);
    static final int MAX_SERVICE_CALLS = 256;
    private volatile String death;

    WorkerConnection(Process process) {
        this.process = process;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        Thread.ofPlatform().daemon().name("faaslab-worker-reader-" + process.pid()).start(this::read);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return death == null && process.isAlive();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Routes the worker's service calls for {@code deployment} to {@code sdk}. */
    void route(long deployment, SdkBridge sdk) {
        bridges.put(deployment, sdk);
    }

    /** Stops routing a deployment that is gone on this side, and lets the worker forget it. */
    void forget(long deployment) {
        bridges.remove(deployment);
        ObjectNode message = Wire.message(nextId(), "forget");
        message.put("deployment", deployment);
        sendQuietly(message);
    }

    /** How long the worker may take to answer a ping before it is taken for hung and ended. */
    private static final Duration PING_WAIT = Duration.ofSeconds(60);

    /**
     * Sends a call and waits for its reply, at most {@code wait}. Past that only this call fails: a worker at the
     * lowest priority on a busy machine is slow, not stuck. It is pinged then, and ended if it does not answer that.
     *
     * @param initialised run when the worker says a cold start's Init phase is over (invocations), else null
     */
    ObjectNode call(ObjectNode message, Duration wait, Runnable initialised, Lineage lineage) throws Gone {
        long id = message.path("id").asLong();
        long deadline = System.nanoTime() + wait.toNanos();
        Pending call = new Pending(new CompletableFuture<>(), initialised, lineage, deadline,
                message.path("deployment").asLong(-1));
        pending.put(id, call);
        try {
            if (death != null) {
                throw new Gone(death);
            }
            send(message);
            ObjectNode reply = call.reply().get(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (reply.has("failure")) {
                throw new IllegalStateException("the worker could not run the call: " + reply.get("failure").asText());
            }
            return reply;
        } catch (TimeoutException e) {
            Thread.ofVirtual().name("faaslab-worker-ping").start(this::ping);
            throw new Gone("The quarantine's worker process (pid " + process.pid() + ") did not answer within "
                    + wait.toSeconds() + " s, past the invocation's own limits: the server is busy, and the"
                    + " quarantine runs at the lowest priority.");
        } catch (ExecutionException e) {
            throw new Gone(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Gone("the server is stopping");
        } catch (IOException e) {
            end("writing to it failed: " + e.getMessage());
            throw new Gone(death);
        } finally {
            pending.remove(id);
        }
    }

    /** Ends the worker if it does not answer a ping within a minute: it no longer reads its orders. */
    private void ping() {
        try {
            call(Wire.message(nextId(), "ping"), PING_WAIT, null, null);
        } catch (Gone e) {
            if (death == null) {
                end("it did not answer a ping for " + PING_WAIT.toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            LOG.debug("the ping failed", e);
        }
    }

    /** Sends a message that needs no reply; a worker that is gone needs none either. */
    void sendQuietly(ObjectNode message) {
        try {
            send(message);
        } catch (IOException e) {
            end("writing to it failed: " + e.getMessage());
        }
    }

    private void send(ObjectNode message) throws IOException {
        synchronized (out) {
            Wire.write(out, message);
        }
    }

    private void read() {
        try {
            ObjectNode message;
            while ((message = Wire.read(in)) != null) {
                long id = message.path("id").asLong();
                switch (message.path("type").asText()) {
                    case "reply" -> {
                        Pending call = pending.get(id);
                        if (call != null) {
                            call.reply().complete(message);
                        }
                    }
                    case "initialised" -> {
                        Pending call = pending.get(id);
                        if (call != null && call.initialised() != null) {
                            call.initialised().run();
                        }
                    }
                    case "sdk" -> {
                        ObjectNode request = message;
                        if (serviceCalls.tryAcquire()) {
                            Thread.ofVirtual().name("faaslab-worker-sdk").start(() -> {
                                try {
                                    serviceCall(id, request);
                                } finally {
                                    serviceCalls.release();
                                }
                            });
                        } else {
                            refuse(id, "ThrottlingException", "more than " + MAX_SERVICE_CALLS
                                    + " service calls at once from the quarantine");
                        }
                    }
                    default -> throw new IOException("a frame of an unknown type: " + message.path("type"));
                }
            }
            end("its process ended" + exitCode());
        } catch (IOException | RuntimeException e) {
            end("it sent what the server cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * Runs one of the worker's service calls through its function's bridge, which keeps the rules, with no more time
     * than the invocation that made it has left as this side counts it. The worker's word is not trusted: a call
     * counts only as part of an invocation this side is waiting on, of the function it names.
     */
    private void serviceCall(long id, ObjectNode message) {
        long deployment = message.path("deployment").asLong();
        SdkBridge sdk = bridges.get(deployment);
        Pending invocation = pending.get(message.path("call").asLong());
        if (sdk == null || invocation == null || invocation.deployment() != deployment) {
            refuse(id, "ServiceUnavailableException", "the call came from no running invocation");
        } else {
            ObjectNode reply = Wire.message(id, "reply");
            long remaining = Math.min(message.path("remainingNanos").asLong(),
                    invocation.deadlineNanos() - System.nanoTime());
            String request = message.path("request").isTextual() ? message.path("request").asText() : null;
            SdkBridge.Reply answer = ScopedValue.where(Lineage.CURRENT, invocation.lineage())
                    .call(() -> sdk.call(request, remaining));
            reply.set("reply", Wire.reply(answer));
            sendQuietly(reply);
        }
    }

    /** Answers one of the worker's service calls with an error, without running it. */
    private void refuse(long id, String code, String message) {
        ObjectNode reply = Wire.message(id, "reply");
        reply.set("reply", Wire.reply(SdkBridge.Reply.error(code, message)));
        sendQuietly(reply);
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Ends the worker (if it still runs) and fails every waiting call with {@code why}. */
    void end(String why) {
        end(why, true);
    }

    /** Ends the worker as the server stops: nothing to warn of. */
    void close() {
        end("the server is stopping", false);
    }

    private synchronized void end(String why, boolean unexpected) {
        if (death != null) {
            return;
        }
        death = "The quarantine's worker process (pid " + process.pid() + ") stopped: " + why + ".";
        if (unexpected) {
            LOG.warn(death);
        } else {
            LOG.info(death);
        }
        process.destroyForcibly();
        pending.values().forEach(call -> call.reply().completeExceptionally(new IllegalStateException(death)));
    }

    String death() {
        return death;
    }
}
