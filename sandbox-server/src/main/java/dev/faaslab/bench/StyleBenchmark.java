package dev.faaslab.bench;

import dev.faaslab.runtime.Deployment;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionInstance;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.sdk.SdkBridge;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of each provider's handler style in JavaScript: the cold start and the warm invoke of the provider's own
 * "Hello World" answering one HTTP request (GET /), so that every style pays for its mapping of a request and of
 * the answer (a web Request and Response for Workers, Express's req and res for Cloud Run functions …).
 */
final class StyleBenchmark {

    /** Each style's minimal HTTP function, as its provider's getting-started page writes it, and its handler. */
    static final Map<String, Hello> HELLOS = Map.of(
            "aws-lambda", new Hello("index.handler", "/", """
                    export const handler = async (event) => ({ statusCode: 200, body: 'Hello World!' });
                    """),
            "cloudflare-workers", new Hello("index.default", "/", """
                    export default {
                      async fetch(request, env, ctx) {
                        return new Response('Hello World!');
                      },
                    };
                    """),
            "gcp-functions", new Hello("index.helloHttp", "/", """
                    import functions from '@google-cloud/functions-framework';
                    functions.http('helloHttp', (req, res) => {
                      res.send('Hello World!');
                    });
                    """),
            "azure-functions", new Hello("index.httpTrigger1", "/api/httpTrigger1", """
                    import { app } from '@azure/functions';
                    app.http('httpTrigger1', {
                      methods: ['GET', 'POST'],
                      authLevel: 'anonymous',
                      handler: async (request, context) => ({ body: 'Hello World!' }),
                    });
                    """),
            "netlify", new Hello("index.default", "/", """
                    export default async (req, context) => new Response('Hello World!');
                    """));

    /** A style's Hello World: its handler setting, the path its HTTP trigger serves it at, and its code. */
    record Hello(String handler, String path, String code) {
    }

    private final FunctionRuntime runtime;

    StyleBenchmark(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Every style the runtime knows that has a hello here, in the runtime's order (Lambda's first). The styles are
     * warmed up and sampled by turns, one cold start of each in each round, so that none is measured while the
     * compiler is still busy with another's code: measured one after another, each for a few seconds, a style's
     * figure depended on its place in the line.
     */
    Map<String, BenchResult.Style> run(Duration warmUp, int coldSamples, int warmSamples, java.util.function.Consumer<String> note) {
        Map<String, Deployment> deployments = new LinkedHashMap<>();
        Map<String, Event.Http> requests = new LinkedHashMap<>();
        for (String name : runtime.styles().names()) {
            Hello hello = HELLOS.get(name);
            if (hello == null) {
                continue;
            }
            HandlerStyle style = runtime.styles().named(name);
            FunctionConfig config = FunctionConfig.of("index.mjs", hello.code()).withHandler(HandlerName.parse(hello.handler()));
            deployments.put(name, runtime.deploy(config, SdkBridge.standalone(), style));
            requests.put(name, request(hello.path()));
        }
        Duration all = warmUp.multipliedBy(deployments.size());
        note.accept("handler styles " + String.join(", ", deployments.keySet()) + ": warm-up by turns (" + all.toSeconds()
                + " s), then cold starts and warm invokes by turns");
        long until = System.nanoTime() + all.toNanos();
        do {
            deployments.forEach((name, deployment) -> {
                cold(deployment, requests.get(name), 20);
                try (FunctionInstance instance = deployment.newInstance()) {
                    warm(deployment, instance, requests.get(name), 500);
                }
            });
        } while (System.nanoTime() < until);
        Map<String, double[]> coldMs = new LinkedHashMap<>();
        deployments.keySet().forEach(name -> coldMs.put(name, new double[coldSamples]));
        for (int i = 0; i < coldSamples; i++) {
            for (Map.Entry<String, Deployment> entry : deployments.entrySet()) {
                coldMs.get(entry.getKey())[i] = cold(entry.getValue(), requests.get(entry.getKey()), 1)[0];
            }
        }
        Map<String, BenchResult.Style> figures = new LinkedHashMap<>();
        deployments.forEach((name, deployment) -> {
            double[] warmMs;
            try (FunctionInstance instance = deployment.newInstance()) {
                warm(deployment, instance, requests.get(name), warmSamples);
                warmMs = warm(deployment, instance, requests.get(name), warmSamples);
            }
            figures.put(name, new BenchResult.Style(RuntimeBenchmark.median(coldMs.get(name)), RuntimeBenchmark.median(warmMs) * 1000));
        });
        return figures;
    }

    private static Event.Http request(String path) {
        return new Event.Http("GET", path, "", List.of(new Event.Header("Host", "localhost"),
                new Event.Header("Accept", "*/*")), null, "127.0.0.1", "localhost", Ids.requestId(), System.currentTimeMillis());
    }

    private static double[] cold(Deployment deployment, Event.Http event, int samples) {
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            FunctionInstance instance = deployment.newInstance();
            InvocationResult result = instance.invoke(event, Ids.requestId());
            ms[i] = (System.nanoTime() - start) / 1e6;
            instance.close();
            check(deployment, result);
        }
        return ms;
    }

    private static double[] warm(Deployment deployment, FunctionInstance instance, Event.Http event, int samples) {
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            InvocationResult result = instance.invoke(event, Ids.requestId());
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (i == 0) {
                check(deployment, result);
            }
        }
        return ms;
    }

    /** The Hello World answered 200 "Hello World!" over HTTP, or the figures would time something else. */
    private static void check(Deployment deployment, InvocationResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("the " + deployment.style().name() + " benchmark's function failed: "
                    + result.error().describe());
        }
        dev.faaslab.runtime.HttpReply reply = deployment.style().response(result.outcome());
        String body = new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (reply.status() != 200 || !body.equals("Hello World!")) {
            throw new IllegalStateException("the " + deployment.style().name() + " benchmark's function answered "
                    + reply.status() + " " + body);
        }
    }
}
