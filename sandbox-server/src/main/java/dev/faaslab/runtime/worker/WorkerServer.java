package dev.faaslab.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.runtime.Deployment;
import dev.faaslab.runtime.ExecutionEnvironment;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.FunctionInstance;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.sdk.SdkBridge;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's side: runs the server's deployments and instances on a runtime of its own, one thread per
 * call (guest code runs on the thread that invokes it, and the watchdog counts that thread's allocations), and
 * sends every {@code faaslab} call back to the server, whose bridge keeps the services' rules. Ends when the
 * server closes the stream, as it does when it stops or dies.
 */
public final class WorkerServer {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerServer.class);
    /** A service call waits for the server's answer this much past the invocation's time, then gives up. */
    private static final long SDK_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final FunctionRuntime runtime;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Map<Long, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, FunctionInstance> instances = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** The server's call this thread is running, which a service call names so that it keeps its lineage. */
    private static final ThreadLocal<Long> CALL = new ThreadLocal<>();
    // Platform threads: the watchdog reads each guest thread's allocations, which a virtual thread does not count.
    private final ExecutorService calls = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("faaslab-worker-", 0).factory());

    public WorkerServer(FunctionRuntime runtime, InputStream in, OutputStream out) {
        this.runtime = runtime;
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    /** Serves until the server closes the stream. */
    public void serve() throws IOException {
        ObjectNode read;
        while ((read = Wire.read(in)) != null) {
            ObjectNode message = read;
            long id = message.path("id").asLong();
            switch (message.path("type").asText()) {
                case "reply" -> {
                    CompletableFuture<ObjectNode> call = waiting.remove(id);
                    if (call != null) {
                        call.complete(message);
                    }
                }
                case "ping" -> send(Wire.message(id, "reply")); // answered here: the reader is alive
                case "deploy" -> answer(id, () -> deploy(message));
                case "forget" -> deployments.remove(message.path("deployment").asLong());
                case "init" -> answer(id, () -> initialise(message));
                case "invoke" -> answer(id, () -> invoke(id, message));
                case "close" -> {
                    FunctionInstance closed = instances.remove(message.path("instance").asText());
                    if (closed != null) {
                        calls.execute(closed::close);
                    }
                }
                default -> LOG.warn("the server sent a frame of an unknown type: {}", message.path("type"));
            }
        }
        calls.shutdownNow();
        instances.values().forEach(FunctionInstance::close);
    }

    /**
     * Closes the idle instances that may hold the most until they may have held {@code bytes}, when the worker's heap is
     * short (see FunctionRuntime#onShortOfMemory); returns how many. The server still counts them idle: its next
     * request to one is a cold start here, as Lambda may reclaim an idle environment at any time.
     */
    public int reclaimIdle(long bytes) {
        List<FunctionInstance> idle = new ArrayList<>();
        instances.values().stream().filter(instance -> instance.state() == ExecutionEnvironment.State.IDLE)
                .forEach(idle::add);
        idle.sort(Comparator.comparingLong(FunctionInstance::mayHoldBytes).reversed());
        long freed = 0;
        int closed = 0;
        for (FunctionInstance instance : idle) {
            if (freed >= bytes) {
                break;
            }
            // Only if it is still idle and still here: a call may have just taken it.
            if (instances.remove(instance.id(), instance)) {
                freed += instance.mayHoldBytes();
                instance.close();
                closed++;
            }
        }
        LOG.info("reclaimed {} idle instances that may have held {} MB, to free {} MB", closed, freed >> 20, bytes >> 20);
        return closed;
    }

    private interface Work {
        ObjectNode run() throws Exception;
    }

    /** Runs a call on a thread of its own and sends its reply, or what went wrong, under the call's id. */
    private void answer(long id, Work work) {
        calls.execute(() -> {
            ObjectNode reply;
            CALL.set(id);
            try {
                reply = work.run();
            } catch (Throwable e) { // even an OutOfMemoryError: the server waits for this reply
                LOG.warn("call {} failed in the worker", id, e);
                reply = Wire.message(id, "reply");
                reply.put("failure", e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                CALL.remove();
            }
            reply.put("id", id);
            reply.put("type", "reply");
            send(reply);
        });
    }

    private ObjectNode deploy(ObjectNode message) {
        long deploymentId = message.path("deployment").asLong();
        SdkBridge sdk = SdkBridge.forwarding((request, remaining) -> sdkCall(deploymentId, request, remaining));
        deployments.put(deploymentId, runtime.deploy(Wire.config(message.get("config")), sdk,
                runtime.styles().named(message.path("style").asText())));
        return Wire.object();
    }

    private FunctionInstance instance(ObjectNode message) {
        Deployment deployment = deployments.get(message.path("deployment").asLong());
        if (deployment == null) {
            throw new IllegalStateException("no deployment " + message.path("deployment") + " in this worker");
        }
        return instances.computeIfAbsent(message.path("instance").asText(), deployment::newInstance);
    }

    private ObjectNode initialise(ObjectNode message) {
        FunctionInstance instance = instance(message);
        Optional<FunctionError> failed = instance.initialise();
        ObjectNode reply = Wire.object();
        failed.ifPresent(error -> reply.set("error", Wire.error(error)));
        return settled(instance, reply);
    }

    private ObjectNode invoke(long id, ObjectNode message) {
        FunctionInstance instance = instance(message);
        InvocationResult result;
        try {
            result = invoke(id, instance, message);
        } catch (IllegalStateException discarded) {
            // Reclaimed between finding it and calling it: a new instance serves, cold.
            instances.remove(instance.id(), instance);
            instance = instance(message);
            result = invoke(id, instance, message);
        }
        ObjectNode reply = Wire.object();
        reply.set("result", Wire.result(result));
        return settled(instance, reply);
    }

    private InvocationResult invoke(long id, FunctionInstance instance, ObjectNode message) {
        return instance.invoke(Wire.event(message.get("event")), message.path("requestId").asText(),
                message.path("attempt").asInt(1), () -> send(Wire.message(id, "initialised")));
    }

    /** Adds the instance's state after the call; a discarded one is forgotten here (the server knows from this). */
    private ObjectNode settled(FunctionInstance instance, ObjectNode reply) {
        reply.put("state", instance.state().name());
        if (instance.state() == ExecutionEnvironment.State.DISCARDED) {
            instances.remove(instance.id(), instance);
        }
        return reply;
    }

    /** A guest's {@code faaslab} call, carried to the server's bridge for its function. */
    private SdkBridge.Reply sdkCall(long deploymentId, String request, long remainingNanos) {
        long id = -ids.incrementAndGet(); // the worker's own calls count down, the server's up
        ObjectNode call = Wire.message(id, "sdk");
        call.put("deployment", deploymentId);
        Long invocation = CALL.get();
        call.put("call", invocation == null ? 0 : invocation);
        call.put("request", request);
        call.put("remainingNanos", remainingNanos);
        CompletableFuture<ObjectNode> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        send(call);
        try {
            return Wire.reply(reply.get(remainingNanos + SDK_GRACE_NANOS, TimeUnit.NANOSECONDS).get("reply"));
        } catch (TimeoutException e) {
            return SdkBridge.Reply.error("TimeoutError", "the service call did not finish before the invocation's timeout;"
                    + " it may still take effect.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SdkBridge.Reply.error("ServiceUnavailableException", "the worker is stopping.");
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            return SdkBridge.Reply.error("InternalFailure", "the server did not answer the service call; try again.");
        } finally {
            waiting.remove(id);
        }
    }

    private void send(ObjectNode message) {
        try {
            synchronized (out) {
                Wire.write(out, message);
            }
        } catch (IOException e) {
            // The server has gone: the read loop sees the end of its stream and stops the worker.
            LOG.debug("could not write to the server", e);
        }
    }
}
