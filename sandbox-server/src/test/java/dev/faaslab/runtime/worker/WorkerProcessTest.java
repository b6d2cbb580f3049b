package dev.faaslab.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.SharedTestRuntime;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.ExecutionEnvironment;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.LogLine;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.sdk.CounterService;
import dev.faaslab.runtime.sdk.Lineage;
import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.runtime.sdk.SdkRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A real worker process (a second JVM), as the classroom's quarantine runs learners' code in it. */
@DisplayName("A worker process")
class WorkerProcessTest {

    static WorkerProcess worker;
    static final HandlerStyle LAMBDA = SharedTestRuntime.get().style();
    static final long WAIT_SECONDS = 120;

    @BeforeAll
    static void start() {
        // At normal priority here: a test machine busy with other tests must not starve it.
        worker = WorkerProcess.likeThisJvm(1024, 0, false);
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    static ExecutionEnvironment environment(String file, String code, Duration timeout) {
        return environment(FunctionConfig.of(file, code).withTimeout(timeout), SdkBridge.standalone());
    }

    static ExecutionEnvironment environment(FunctionConfig config, SdkBridge sdk) {
        return worker.deploy(config, sdk, LAMBDA).newInstance();
    }

    static InvocationResult invoke(ExecutionEnvironment environment, String json) {
        return environment.invoke(Event.json(json), dev.faaslab.runtime.Ids.requestId(), 1, () -> { });
    }

    static String json(InvocationResult result) {
        if (result.outcome() instanceof Outcome.Success(String json)) {
            return json;
        }
        throw new AssertionError("failed: " + result.error().describe());
    }

    @Test
    @DisplayName("runs a function cold, then warm with its globals kept, and hands back its logs and figures")
    void coldThenWarm() {
        ExecutionEnvironment environment = environment("index.mjs", """
                let count = 0;
                export const handler = async (event) => {
                  count++;
                  console.log('seen', event.n);
                  return { count, n: event.n };
                };
                """, Duration.ofSeconds(60));
        AtomicInteger initialised = new AtomicInteger();
        InvocationResult cold = environment.invoke(Event.json("{\"n\":1}"), "request-1", 1, initialised::incrementAndGet);
        assertEquals("{\"count\":1,\"n\":1}", json(cold));
        assertTrue(cold.report().cold(), "the first is a cold start: " + cold.report().format());
        assertEquals(1, initialised.get(), "and says when its Init is over");
        assertEquals(environment.id(), cold.report().instanceId());
        assertEquals("request-1", cold.requestId());
        assertTrue(cold.logs().stream().map(LogLine::message).anyMatch(line -> line.contains("seen 1")), cold.logs().toString());
        assertEquals(ExecutionEnvironment.State.IDLE, environment.state());

        InvocationResult warm = invoke(environment, "{\"n\":2}");
        assertEquals("{\"count\":2,\"n\":2}", json(warm));
        assertFalse(warm.report().cold(), "the second is warm");
        assertEquals(2, environment.invocations());
        environment.close();
        assertEquals(ExecutionEnvironment.State.DISCARDED, environment.state());
    }

    @Test
    @DisplayName("sends its functions' service calls to this server's bridge, with the invocation's lineage")
    void serviceCalls() {
        CounterService service = new CounterService();
        SdkRegistry registry = new SdkRegistry();
        registry.register(service);
        AtomicReference<Lineage> seen = new AtomicReference<>();
        SdkBridge bridge = SdkBridge.of(registry, new WorkspaceId("ada"), reply -> seen.set(Lineage.current()));
        ExecutionEnvironment environment = environment(FunctionConfig.of("index.mjs", """
                import { table } from 'faaslab';
                export const handler = async () => {
                  await table('orders').put({ id: 'a', total: 12 });
                  return (await table('orders').get({ id: 'a' })).item;
                };
                """).withTimeout(Duration.ofSeconds(60)), bridge);
        Lineage chain = new Lineage(Map.of("upstream", 1));
        InvocationResult result = ScopedValue.where(Lineage.CURRENT, chain).call(() -> invoke(environment, "{}"));
        assertEquals("{\"id\":\"a\",\"total\":12}", json(result));
        assertEquals(List.of("ada put orders", "ada get orders"), service.calls, "as the workspace the bridge is for");
        assertEquals(chain, seen.get(), "carrying the lineage of the invocation that made them");
    }

    @Test
    @DisplayName("ends a memory bomb at its memory size in its own heap: this server's thread allocates next to nothing")
    void memoryBomb() {
        ExecutionEnvironment bomb = environment(FunctionConfig.of("index.mjs", """
                export const handler = async () => {
                  const keep = [];
                  for (;;) keep.push(new Uint8Array(1 << 20));
                };
                """).withTimeout(Duration.ofSeconds(60)).withMemoryMb(128), SdkBridge.standalone());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        InvocationResult result = invoke(bomb, "{}");
        long allocatedHere = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(ErrorKind.MEMORY, result.error().kind(), result.error().describe());
        assertEquals(ExecutionEnvironment.State.DISCARDED, bomb.state());
        assertTrue(allocatedHere < 16 << 20, "this thread allocated " + allocatedHere + " bytes for a bomb of 128 MB and more");
    }

    @Test
    @DisplayName("ends an endless loop at its timeout")
    void endlessLoop() {
        ExecutionEnvironment loop = environment("index.mjs", "export const handler = async () => { for (;;) {} };",
                Duration.ofSeconds(1));
        InvocationResult result = invoke(loop, "{}");
        assertEquals(ErrorKind.TIMEOUT, result.error().kind(), result.error().describe());
        assertEquals("Task timed out after 1.00 seconds", result.error().errorMessage());
        assertEquals(ExecutionEnvironment.State.DISCARDED, loop.state());
    }

    @Test
    @DisplayName("that dies fails only the calls it was running, with the reason, and the next call starts another")
    void dies() throws Exception {
        ExecutionEnvironment waiting = environment("index.mjs",
                "export const handler = () => new Promise((resolve) => setTimeout(resolve, 600000));",
                Duration.ofSeconds(900));
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<InvocationResult> call = CompletableFuture.supplyAsync(() -> waiting.invoke(Event.json("{}"),
                "request-dies", 1, running::countDown));
        assertTrue(running.await(WAIT_SECONDS, TimeUnit.SECONDS), "the handler started");
        long pid = worker.pid();
        int starts = worker.starts();
        assertNotEquals(ProcessHandle.current().pid(), pid, "in a process of its own");
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        InvocationResult ended = call.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("Runtime.ExitError", ended.error().errorType(), ended.error().describe());
        assertTrue(ended.error().errorMessage().contains("pid " + pid), ended.error().errorMessage());
        assertEquals(ExecutionEnvironment.State.DISCARDED, waiting.state());

        ExecutionEnvironment next = environment("index.mjs", "export const handler = async () => 'again';",
                Duration.ofSeconds(60));
        assertEquals("\"again\"", json(invoke(next, "{}")));
        assertEquals(starts + 1, worker.starts(), "in a new process");
        assertNotEquals(pid, worker.pid());
    }

    @Test
    @DisplayName("carries an HTTP request and a result whole, both ways")
    void wire() {
        Event.Http request = new Event.Http("POST", "/fn/echo/a b", "x=1&y=%20", List.of(new Event.Header("Content-Type",
                "application/octet-stream"), new Event.Header("X-Two", "é")), new byte[] {0, 1, (byte) 255}, "10.0.0.7",
                "lab.example", "request-7", 1_700_000_000_123L);
        Event.Http read = (Event.Http) Wire.event(Wire.event(request));
        assertEquals(List.of(request.method(), request.path(), request.rawQuery(), request.headers(), request.sourceIp(),
                request.host(), request.requestId(), request.timeEpochMillis()), List.of(read.method(), read.path(),
                read.rawQuery(), read.headers(), read.sourceIp(), read.host(), read.requestId(), read.timeEpochMillis()));
        assertTrue(java.util.Arrays.equals(request.body(), read.body()));

        FunctionConfig config = FunctionConfig.of("index.mjs", "export const handler = async () => 1;")
                .withMemoryMb(256).withTimeout(Duration.ofMillis(2500)).withEnvironment(Map.of("A", "b"));
        assertEquals(config, Wire.config(Wire.config(config)));

        ExecutionEnvironment environment = environment("index.mjs",
                "export const handler = async () => { throw new TypeError('no'); };", Duration.ofSeconds(60));
        InvocationResult failed = invoke(environment, "{}");
        InvocationResult back = Wire.result(Wire.result(failed), LAMBDA);
        assertEquals(failed.error(), back.error());
        assertEquals(failed.logs(), back.logs());
        assertEquals(failed.report(), back.report());
        assertNull(back.report().cpuMs());
    }
}
