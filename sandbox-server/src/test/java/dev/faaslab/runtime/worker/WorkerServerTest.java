package dev.faaslab.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.SharedTestRuntime;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.InvocationResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker's side, served in this JVM over pipes, with the test as the server. */
@DisplayName("A worker, short of memory,")
@Timeout(120)
class WorkerServerTest {

    WorkerServer worker;
    DataOutputStream orders;
    DataInputStream answers;
    Thread serving;
    long ids;

    @BeforeEach
    void start() throws IOException {
        Pipe down = Pipe.open();
        Pipe up = Pipe.open();
        orders = new DataOutputStream(Channels.newOutputStream(down.sink()));
        answers = new DataInputStream(Channels.newInputStream(up.source()));
        worker = new WorkerServer(SharedTestRuntime.get(), Channels.newInputStream(down.source()),
                Channels.newOutputStream(up.sink()));
        serving = Thread.ofPlatform().start(() -> {
            try {
                worker.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        orders.close(); // the end of the server's stream ends the worker
        serving.join(60_000);
    }

    /** Sends an order and reads frames until its reply (skipping the Init notices). */
    ObjectNode call(ObjectNode order) throws IOException {
        long id = ++ids;
        order.put("id", id);
        Wire.write(orders, order);
        for (;;) {
            ObjectNode frame = Wire.read(answers);
            if (frame.path("id").asLong() == id && frame.path("type").asText().equals("reply")) {
                return frame;
            }
        }
    }

    InvocationResult invoke(String instance) throws IOException {
        ObjectNode order = Wire.message(0, "invoke");
        order.put("deployment", 1).put("instance", instance).put("requestId", "request-" + instance);
        order.set("event", Wire.event(Event.json("{}")));
        return Wire.result(call(order).get("result"), SharedTestRuntime.get().style());
    }

    @Test
    @DisplayName("closes the idle instances that may hold the most, and the next request to one is a cold start")
    void reclaimsIdleInstances() throws IOException {
        ObjectNode deploy = Wire.message(0, "deploy");
        deploy.put("deployment", 1).put("style", "aws-lambda");
        deploy.set("config", Wire.config(FunctionConfig.of("index.mjs", """
                const keep = [];
                export const handler = async () => { keep.push(new Uint8Array(8 << 20).fill(1)); return keep.length; };
                """).withTimeout(Duration.ofSeconds(60))));
        call(deploy);

        assertTrue(invoke("small").report().cold());
        assertTrue(invoke("large").report().cold());
        for (int i = 0; i < 5; i++) {
            // 48 MB to the other's 8: well past what a start allocates (the first start on a fresh engine, most)
            assertFalse(invoke("large").report().cold(), "warm");
        }

        assertEquals(1, worker.reclaimIdle(1), "one instance frees enough: the one that may hold the most");
        InvocationResult large = invoke("large");
        assertTrue(large.report().cold(), "the reclaimed one starts again");
        assertEquals("1", ((dev.faaslab.runtime.Outcome.Success) large.outcome()).json(), "with nothing kept");
        assertFalse(invoke("small").report().cold(), "the other stays warm");
    }
}
