package dev.faaslab.bench;

import dev.faaslab.runtime.CodePackage;
import dev.faaslab.runtime.Deployment;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionInstance;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what learners are told about: how long a cold start and a warm invoke take, how many cold
 * starts the machine sustains, and how promptly the limits stop runaway code. Medians after warm-up.
 */
public final class RuntimeBenchmark {

    static final String JS_HELLO = """
            const greeting = 'hello';
            export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ message: greeting + ' ' + event.name }) });
            """;
    /** A handler that uses the library: node:crypto, Buffer, URL, TextEncoder and crypto.subtle, each loaded on its cold start. */
    static final String JS_LIBRARY = """
            import { createHash } from 'node:crypto';
            export const handler = async (event) => {
              const body = Buffer.from(Buffer.from(event.name).toString('base64'), 'base64').toString();
              const url = new URL('/orders?name=' + encodeURIComponent(body), 'https://example.com');
              const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(url.href));
              return { statusCode: 200, body: createHash('sha256').update(body).digest('hex') + Buffer.from(digest).toString('hex') };
            };
            """;
    /**
     * A function of several files: an ES module importing one of its own and a CommonJS package from its
     * node_modules (resolved through package.json, as npm lays it out), each found and loaded on its cold start.
     */
    static final java.util.Map<String, String> JS_PACKAGE = java.util.Map.of(
            "index.mjs", """
                    import { greet } from './lib/greet.mjs';
                    import duration from 'tiny-duration';
                    export const handler = async (event) => ({ statusCode: 200, body: greet(event.name) + duration('2 days') });
                    """,
            "lib/greet.mjs", "export const greet = (name) => 'hello ' + name;\n",
            "node_modules/tiny-duration/package.json", "{\"name\": \"tiny-duration\", \"main\": \"lib/index.js\"}\n",
            "node_modules/tiny-duration/lib/index.js", """
                    const units = require('./units.json');
                    module.exports = (text) => { const [n, unit] = text.split(' '); return Number(n) * units[unit]; };
                    """,
            "node_modules/tiny-duration/lib/units.json", "{\"days\": 86400000, \"hours\": 3600000}\n");
    static final String PYTHON_HELLO = """
            import json
            greeting = 'hello'
            def lambda_handler(event, context):
                return {'statusCode': 200, 'body': json.dumps({'message': greeting + ' ' + event['name']})}
            """;
    static final String EVENT = "{\"name\":\"Ada\"}";

    /**
     * How much work to do. Truffle compiles guest code only after it has run for a while, so each
     * language is warmed for a set time before anything is measured.
     */
    public record Settings(Duration jsWarmUp, int jsColdSamples, int jsWarmSamples, Duration pythonWarmUp,
                           int pythonColdSamples, int pythonWarmSamples, Duration throughputWindow, int limitSamples) {

        /** Stable medians on a 2-core machine in about five minutes (the handler styles took two and a half more). */
        public static Settings standard() {
            return new Settings(Duration.ofSeconds(20), 1_000, 100_000, Duration.ofSeconds(60), 21, 5_000,
                    Duration.ofSeconds(3), 3);
        }

        /** About twenty seconds: rough figures, for a smoke test. */
        public static Settings quick() {
            return new Settings(Duration.ofSeconds(3), 200, 10_000, Duration.ofSeconds(3), 5, 1_000,
                    Duration.ofSeconds(1), 1);
        }
    }

    private final FunctionRuntime runtime;
    private final Settings settings;
    private final PrintWriter progress;

    public RuntimeBenchmark(FunctionRuntime runtime, Settings settings, PrintWriter progress) {
        this.runtime = runtime;
        this.settings = settings;
        this.progress = progress;
    }

    public BenchResult run() throws InterruptedException {
        String mode = runtime.mode().label();
        Deployment js = runtime.deploy(FunctionConfig.of("index.mjs", JS_HELLO));
        // The first cold starts of these load and compile a library's worth of code: on a busy machine, past the default
        // 3 s. A timeout is no part of what is measured, so theirs is generous.
        Deployment library = runtime.deploy(FunctionConfig.of("index.mjs", JS_LIBRARY).withTimeout(Duration.ofSeconds(60)));
        java.util.Map<String, byte[]> packageFiles = new java.util.TreeMap<>();
        JS_PACKAGE.forEach((path, text) -> packageFiles.put(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Deployment several = runtime.deploy(FunctionConfig.of("index.mjs", "").withTimeout(Duration.ofSeconds(60))
                .withPackage(CodePackage.fromFiles(packageFiles)));
        note("JavaScript warm-up (" + settings.jsWarmUp().toSeconds() + " s)");
        long warmUntil = System.nanoTime() + settings.jsWarmUp().toNanos();
        do {
            coldStarts(js, 0, 100);
            warmInvokes(js, 5_000);
        } while (System.nanoTime() < warmUntil);
        note("JavaScript cold starts");
        double[] jsCold = coldStarts(js, 0, settings.jsColdSamples());
        note("JavaScript warm invokes");
        double[] jsWarm = warmInvokes(js, settings.jsWarmSamples());
        note("JavaScript cold starts per second on " + Runtime.getRuntime().availableProcessors() + " threads");
        double perSecond = coldStartsPerSecond(js, Runtime.getRuntime().availableProcessors());
        // Measured after the plain function's figures, so that compiling the library's code does not weigh on them.
        note("JavaScript cold starts of a handler that uses node:crypto, Buffer, URL and crypto.subtle (warming up for "
                + settings.jsWarmUp().toSeconds() + " s first)");
        warmUpFor(library, settings.jsWarmUp());
        double[] libraryCold = coldStarts(library, 0, Math.max(20, settings.jsColdSamples() / 5));
        note("JavaScript cold starts of a function of several files with a node_modules package (warming up for "
                + settings.jsWarmUp().toSeconds() + " s first)");
        warmUpFor(several, settings.jsWarmUp());
        double[] packageCold = coldStarts(several, 0, Math.max(20, settings.jsColdSamples() / 5));

        java.util.Map<String, BenchResult.Style> styles = new StyleBenchmark(runtime).run(
                settings.jsWarmUp().dividedBy(4), Math.max(10, settings.jsColdSamples() / 5),
                Math.max(100, settings.jsWarmSamples() / 10), this::note);

        note("Python runtime start");
        double pythonStartMs = runtime.warmUp(Language.PYTHON) / 1e6;
        Deployment python = runtime.deploy(FunctionConfig.of("lambda_function.py", PYTHON_HELLO));
        note("Python cold starts (warming the JIT for " + settings.pythonWarmUp().toSeconds() + " s first)");
        warmUpFor(python, settings.pythonWarmUp());
        double[] pyCold = coldStarts(python, 0, settings.pythonColdSamples());
        note("Python warm invokes");
        double[] pyWarm = warmInvokes(python, settings.pythonWarmSamples());

        note("limits: a runaway loop and an allocation bomb");
        double overshoot = median(limitStops(
                "export const handler = async () => { for (;;) {} };", "index.mjs", Duration.ofSeconds(1))) - 1000;
        double memoryStop = median(limitStops(
                "export const handler = async () => { const keep = []; for (;;) keep.push(new Uint8Array(1 << 20)); };",
                "index.mjs", Duration.ofSeconds(30)));
        double pyMemoryStop = median(limitStops(
                "def lambda_handler(event, context):\n    keep = []\n    while True:\n        keep.append(bytearray(1 << 20))\n",
                "lambda_function.py", Duration.ofSeconds(30)));

        return new BenchResult(
                new BenchResult.JavaScript(percentile(jsCold, 50), percentile(jsCold, 90),
                        percentile(jsWarm, 50) * 1000, perSecond, percentile(libraryCold, 50), percentile(packageCold, 50)),
                new BenchResult.Python(percentile(pyCold, 50), percentile(pyWarm, 50) * 1000, pythonStartMs),
                new BenchResult.Limits(overshoot, memoryStop, pyMemoryStop),
                styles, mode);
    }

    /** New instance, init and first invoke, in milliseconds (closing it is not counted). */
    private static double[] coldStarts(Deployment deployment, int warmUp, int samples) {
        double[] ms = new double[samples];
        for (int i = -warmUp; i < samples; i++) {
            long start = System.nanoTime();
            FunctionInstance instance = deployment.newInstance();
            InvocationResult result = instance.invoke(EVENT);
            long elapsed = System.nanoTime() - start;
            instance.close();
            check(result);
            if (i >= 0) {
                ms[i] = elapsed / 1e6;
            }
        }
        return ms;
    }

    private static void warmUpFor(Deployment deployment, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            try (FunctionInstance instance = deployment.newInstance()) {
                check(instance.invoke(EVENT));
            }
        }
    }

    /** Invokes on one long-lived instance, in milliseconds per invoke, after as many again to warm up. */
    private static double[] warmInvokes(Deployment deployment, int samples) {
        double[] ms = new double[samples];
        try (FunctionInstance instance = deployment.newInstance()) {
            for (int i = -samples; i < samples; i++) {
                long start = System.nanoTime();
                InvocationResult result = instance.invoke(EVENT);
                long elapsed = System.nanoTime() - start;
                if (i >= 0) {
                    ms[i] = elapsed / 1e6;
                } else if (i == -samples) {
                    check(result);
                }
            }
        }
        return ms;
    }

    private double coldStartsPerSecond(Deployment deployment, int threads) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().name("bench-cold-" + t).start(() -> {
                try {
                    while (running.get()) {
                        try (FunctionInstance instance = deployment.newInstance()) {
                            check(instance.invoke(EVENT));
                        }
                        if (counting.get()) {
                            count.incrementAndGet();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        Thread.sleep(settings.throughputWindow().toMillis()); // warm-up on every thread
        long start = System.nanoTime();
        counting.set(true);
        Thread.sleep(settings.throughputWindow().toMillis());
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        finished.await();
        return count.get() / seconds;
    }

    private double[] limitStops(String code, String fileName, Duration timeout) {
        Deployment deployment = runtime.deploy(FunctionConfig.of(fileName, code).withTimeout(timeout));
        double[] ms = new double[settings.limitSamples()];
        for (int i = 0; i < ms.length; i++) {
            try (FunctionInstance instance = deployment.newInstance()) {
                instance.initialise();
                InvocationResult result = instance.invoke("{}");
                if (result.error() == null) {
                    throw new IllegalStateException("the limit did not stop " + fileName);
                }
                ms[i] = result.report().durationMs();
            }
        }
        return ms;
    }

    private static void check(InvocationResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("the benchmark's function failed: " + result.error().describe());
        }
    }

    private void note(String step) {
        if (progress != null) {
            progress.println("bench: " + step + " ...");
            progress.flush();
        }
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
