package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.deploy;
import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Instances running at the same time on different threads")
class ConcurrencyTest {

    @Test
    @DisplayName("each keep their own state and all finish correctly")
    void runIndependently() throws Exception {
        Deployment js = deploy("index.mjs", "let n = 0;\nexport const handler = async (event) => ({ who: event.who, n: ++n });");
        Deployment python = deploy("lambda_function.py",
                "n = 0\ndef lambda_handler(event, context):\n    global n\n    n += 1\n    return {'who': event['who'], 'n': n}\n");
        int threads = 6;
        int invocations = 200;
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Deployment deployment = t % 3 == 2 ? python : js;
                int who = t;
                Callable<List<String>> worker = () -> {
                    List<String> seen = new ArrayList<>();
                    try (FunctionInstance instance = deployment.newInstance()) {
                        together.await();
                        for (int i = 0; i < invocations; i++) {
                            seen.add(json(instance.invoke("{\"who\":" + who + "}")).replace(" ", ""));
                        }
                    }
                    return seen;
                };
                results.add(pool.submit(worker));
            }
            for (int t = 0; t < threads; t++) {
                List<String> seen = results.get(t).get();
                for (int i = 0; i < invocations; i++) {
                    assertEquals("{\"who\":" + t + ",\"n\":" + (i + 1) + "}", seen.get(i), "thread " + t + ", call " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("may be handed from thread to thread between invocations")
    void anInstanceMovesBetweenThreads() throws Exception {
        Deployment js = deploy("index.mjs", "let n = 0;\nexport const handler = async () => ++n;");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (FunctionInstance instance = js.newInstance()) {
            for (int i = 1; i <= 30; i++) {
                assertEquals(String.valueOf(i), json(pool.submit(() -> instance.invoke("{}")).get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
