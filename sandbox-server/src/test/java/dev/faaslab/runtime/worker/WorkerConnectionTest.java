package dev.faaslab.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.CounterService;
import dev.faaslab.runtime.sdk.Lineage;
import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.runtime.sdk.SdkRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's side of the pipe, facing a worker that misbehaves, as one whose guest escaped the sandbox could: this
 * test plays the worker over in-memory pipes (a real worker cannot be made to send what it never sends).
 */
@DisplayName("A worker connection, facing a worker that misbehaves,")
@Timeout(60) // a worker's order that never comes must fail the test, not hang it
class WorkerConnectionTest {

    /** The worker's end of the pipes, in a process that is not one. */
    static final class PipedWorker extends Process {
        // NIO pipes: java.io's piped streams fail a read once the thread that last wrote has ended.
        private final Pipe down = Pipe.open();
        private final Pipe up = Pipe.open();
        private final OutputStream serverWrites = Channels.newOutputStream(down.sink());
        private final InputStream serverReads = Channels.newInputStream(up.source());
        final DataInputStream orders = new DataInputStream(Channels.newInputStream(down.source()));
        final DataOutputStream answers = new DataOutputStream(Channels.newOutputStream(up.sink()));
        volatile boolean alive = true;

        PipedWorker() throws IOException {
        }

        ObjectNode nextOrder() throws IOException {
            return Wire.read(orders);
        }

        void answer(ObjectNode message) throws IOException {
            synchronized (answers) {
                Wire.write(answers, message);
            }
        }

        @Override
        public OutputStream getOutputStream() {
            return serverWrites;
        }

        @Override
        public InputStream getInputStream() {
            return serverReads;
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) {
            return true;
        }

        @Override
        public int exitValue() {
            return 0;
        }

        @Override
        public void destroy() {
            alive = false;
        }

        @Override
        public Process destroyForcibly() {
            alive = false;
            try {
                up.sink().close(); // as a process's end closes its pipes: the server's reader sees the end
            } catch (IOException ignored) {
                // closed already
            }
            return this;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public long pid() {
            return 4242;
        }
    }

    PipedWorker worker;
    WorkerConnection connection;
    CounterService service;
    SdkBridge bridge;

    @BeforeEach
    void connect() throws IOException {
        worker = new PipedWorker();
        connection = new WorkerConnection(worker);
        service = new CounterService();
        SdkRegistry registry = new SdkRegistry();
        registry.register(service);
        bridge = SdkBridge.of(registry, new WorkspaceId("ada"), reply -> { });
        connection.route(1, bridge);
    }

    @AfterEach
    void close() {
        connection.close();
    }

    /** Starts an invocation of deployment 1 that the server waits on; answers the worker's copy of the order. */
    ObjectNode invocationInFlight(CompletableFuture<ObjectNode> result) throws IOException {
        ObjectNode invoke = Wire.message(connection.nextId(), "invoke");
        invoke.put("deployment", 1);
        CompletableFuture.runAsync(() -> {
            try {
                result.complete(connection.call(invoke, Duration.ofSeconds(60), null, Lineage.NONE));
            } catch (WorkerConnection.Gone e) {
                result.completeExceptionally(e);
            }
        });
        return worker.nextOrder();
    }

    /** The worker asks for a service call; answers the server's reply. */
    ObjectNode serviceCall(long call, long deployment) throws IOException {
        ObjectNode sdk = Wire.message(-1, "sdk");
        sdk.put("deployment", deployment);
        sdk.put("call", call);
        sdk.put("request", "{\"service\":\"table\",\"operation\":\"put\",\"args\":{\"table\":\"orders\",\"item\":{\"id\":\"a\"}}}");
        sdk.put("remainingNanos", Long.MAX_VALUE);
        worker.answer(sdk);
        return worker.nextOrder();
    }

    @Test
    @DisplayName("runs a service call only for an invocation the server waits on, of the function it names")
    void serviceCallsNeedTheirInvocation() throws Exception {
        assertTrue(serviceCall(999, 1).path("reply").path("json").asText().contains("no running invocation"),
                "a call made up by the worker is refused");
        CompletableFuture<ObjectNode> result = new CompletableFuture<>();
        ObjectNode invoke = invocationInFlight(result);
        long call = invoke.path("id").asLong();
        connection.route(2, bridge);
        assertTrue(serviceCall(call, 2).path("reply").path("json").asText().contains("no running invocation"),
                "as is one naming another function than the invocation's");
        assertEquals(List.of(), service.calls, "neither reached the service");

        assertEquals("put", serviceCall(call, 1).path("reply").path("operation").asText());
        assertEquals(List.of("ada put orders"), service.calls, "the invocation's own call did, as its workspace");
        ObjectNode done = Wire.message(call, "reply");
        done.put("state", "IDLE");
        worker.answer(done);
        assertEquals("IDLE", result.get(60, TimeUnit.SECONDS).path("state").asText());
    }

    @Test
    @DisplayName("ends itself at a frame over the limit, failing every waiting call with the reason")
    void oversizeFrame() throws Exception {
        CompletableFuture<ObjectNode> result = new CompletableFuture<>();
        invocationInFlight(result);
        synchronized (worker.answers) {
            worker.answers.writeInt(Wire.MAX_FRAME + 1);
            worker.answers.flush();
        }
        Exception failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> result.get(60, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("cannot read"), failed.getCause().getMessage());
        assertTrue(!worker.isAlive() && !connection.alive(), "and the process is ended");
    }

    @Test
    @DisplayName("fails a call the worker answers too late, alone, and keeps a worker that still answers a ping")
    void lateAnswer() throws Exception {
        ObjectNode slow = Wire.message(connection.nextId(), "invoke");
        slow.put("deployment", 1);
        CompletableFuture<WorkerConnection.Gone> failed = CompletableFuture.supplyAsync(() -> assertThrows(
                WorkerConnection.Gone.class, () -> connection.call(slow, Duration.ofMillis(50), null, Lineage.NONE)));
        assertEquals("invoke", worker.nextOrder().path("type").asText());
        assertTrue(failed.get(60, TimeUnit.SECONDS).getMessage().contains("did not answer within"));
        ObjectNode ping = worker.nextOrder();
        assertEquals("ping", ping.path("type").asText(), "the server asks whether the worker still reads its orders");
        worker.answer(Wire.message(ping.path("id").asLong(), "reply"));

        CompletableFuture<ObjectNode> result = new CompletableFuture<>();
        ObjectNode next = invocationInFlight(result);
        worker.answer(Wire.message(next.path("id").asLong(), "reply").put("state", "IDLE"));
        assertEquals("IDLE", result.get(60, TimeUnit.SECONDS).path("state").asText(), "and it serves on");
        assertTrue(connection.alive());
    }
}
