package dev.faaslab.style.workers;

import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Language;
import dev.faaslab.style.provider.ProviderReply;
import dev.faaslab.style.provider.ProviderStyle;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.LogLine;
import dev.faaslab.runtime.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cloudflare Workers' handler contract: an ES module whose default export has {@code fetch}, {@code scheduled} and
 * {@code queue} handlers, called with the request (or controller, or batch), {@code env} and {@code ctx}; a Python
 * Worker's {@code on_fetch} or {@code WorkerEntrypoint} class. A thrown error is Cloudflare's error 1101 page.
 *
 * <p>{@code env} holds the function's variables and its bindings ({@code "bindings": {"CACHE": "table:cache",
 * "PHOTOS": "bucket:photos", "JOBS": "queue:jobs"}}): a table as a KV namespace (a table whose only key is a string
 * partition key; each key one item holding {@code value}, {@code encoding}, {@code metadata} and
 * {@code expiration}), a bucket as an R2 bucket, a queue as a producer. Values and objects are bounded by the
 * platform's quotas (an item's 400 KB), not KV's 25 MiB; there is no ReadableStream, so KV's {@code "stream"} type
 * and R2's {@code body} are missing. A scheduled handler's {@code controller.cron} is the schedule's name (the
 * platform's event is EventBridge's, which names the rule, not its expression).
 *
 * <p>Python Workers ({@code workers.py}): {@code from workers import WorkerEntrypoint, Response} and a class
 * {@code Default(WorkerEntrypoint)} with {@code async def fetch(self, request)}, or the older {@code on_fetch(request,
 * env)}; scheduled and queue likewise; {@code self.env} with variables, tables as KV (get, put, delete) and queues as
 * producers (send). The coroutine is driven without asyncio, which would cost much at a cold start in GraalPy: a
 * handler may await the request's and env's methods only.
 *
 * <p>{@code ctx.waitUntil}: FaaS Lab answers after the work given to waitUntil is done (the invocation ends when
 * those promises settle), where Cloudflare answers first and lets the work go on; the work is done either way.
 */
public final class WorkersStyle extends ProviderStyle {

    public static final WorkersStyle INSTANCE = new WorkersStyle();

    private static final Pattern DEFAULT_EXPORT =
            Pattern.compile("export\\s+default\\b|export\\s*\\{[^}]*\\bas\\s+default\\b");
    private static final Pattern SERVICE_WORKER = Pattern.compile("addEventListener\\s*\\(\\s*['\"](fetch|scheduled)['\"]");
    private static final Pattern PYTHON_HANDLER =
            Pattern.compile("(?m)^\\s*(async\\s+)?def\\s+(on_fetch|on_scheduled|on_queue)\\s*\\(|^\\s*class\\s+\\w+\\s*\\(\\s*WorkerEntrypoint\\s*\\)");

    private WorkersStyle() {
        super("workers.js", "workers.py");
    }

    @Override
    public String name() {
        return "cloudflare-workers";
    }

    @Override
    public String title() {
        return "Cloudflare Workers";
    }

    @Override
    public String defaultHandler(Language language) {
        return language == Language.PYTHON ? "entry.Default" : "index.default";
    }

    /** Workers take request bodies of up to 100 MB on the Free and Pro plans (Cloudflare's limits page, 2026). */
    @Override
    protected long maxRequestBytes() {
        return 100L * 1024 * 1024;
    }

    /** A Worker's CPU time may be raised to 5 minutes (paid plans); here the timeout bounds its wall time. */
    @Override
    protected Duration maxTimeout() {
        return Duration.ofMinutes(5);
    }


    @Override
    protected boolean bindsEnv() {
        return true;
    }

    @Override
    protected Optional<String> missing(FunctionConfig config) {
        String code = config.code();
        if (config.language() == Language.PYTHON) {
            return PYTHON_HANDLER.matcher(code).find() ? Optional.empty()
                    : Optional.of("on_fetch(request, env) or a class Default(WorkerEntrypoint) with async def fetch(self,"
                    + " request), and " + config.fileName() + " defines neither");
        }
        if (DEFAULT_EXPORT.matcher(code).find()) {
            return Optional.empty();
        }
        if (SERVICE_WORKER.matcher(code).find()) {
            return Optional.of("the handlers of a module's default export (export default { async fetch(request, env,"
                    + " ctx) { … } }); " + config.fileName() + " uses the older Service Worker syntax"
                    + " (addEventListener('fetch', …)), which Cloudflare has replaced by module syntax");
        }
        return Optional.of("the handlers of a module's default export, export default { async fetch(request, env, ctx)"
                + " { … } }, and " + config.fileName() + " has no default export");
    }

    @Override
    protected HttpReply failed(FunctionError error) {
        return ProviderReply.of(500, "text/html; charset=UTF-8", "<!DOCTYPE html>\n<html><head><title>Worker threw"
                + " exception</title></head>\n<body><h1>Error 1101</h1><h2>Worker threw exception</h2>\n<p>The"
                + " Worker's code threw an exception" + (error == null ? " or answered without a Response" : "")
                + ". As on Cloudflare, this page does not show the error: the function's log does.</p></body></html>\n",
                new Event.Header("CF-Ray", "faaslab"));
    }

    /** Workers bill CPU time, not wall time: the runtime measures it for this style ({@link Report#cpuMs()}). */
    @Override
    public boolean billsCpuTime() {
        return true;
    }

    /**
     * The invocation's log in Workers' terms, as Workers Logs and {@code wrangler tail} report an invocation: its
     * outcome ({@code ok} or {@code exception}), CPU time (what Workers bill) and wall time; the function's lines in
     * between. {@code REPORT RequestId: … Outcome: ok CPU Time: 0.42 ms Wall Time: 1.20 ms Instance: … (warm)}.
     */
    @Override
    public List<String> logText(InvocationResult result, String version) {
        List<String> lines = new ArrayList<>(result.logs().size() + 3);
        lines.add("START RequestId: " + result.requestId() + " Version: " + version);
        for (LogLine line : result.logs()) {
            lines.add(line.format());
        }
        lines.add("END RequestId: " + result.requestId());
        Report report = result.report();
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(result.requestId())
                .append("\tOutcome: ").append(result.succeeded() ? "ok" : "exception");
        if (report.cpuMs() != null) {
            line.append("\tCPU Time: ").append(String.format(Locale.ROOT, "%.2f", report.cpuMs())).append(" ms");
        }
        line.append("\tWall Time: ").append(String.format(Locale.ROOT, "%.2f", report.durationMs())).append(" ms");
        if (report.initDurationMs() != null) {
            line.append("\tStartup Time: ").append(String.format(Locale.ROOT, "%.2f", report.initDurationMs())).append(" ms");
        }
        lines.add(line.append("\tInstance: ").append(report.instanceId()).append(report.cold() ? " (cold start)" : " (warm)")
                .toString());
        return lines;
    }

    @Override
    public Map<String, String> variables(FunctionConfig config, Map<String, String> lambdas) {
        // A Worker's env and process.env hold its own variables only.
        Map<String, String> own = new LinkedHashMap<>(config.environment());
        if (config.language() == Language.PYTHON) {
            own.put("PYTHONTZPATH", "/usr/share/zoneinfo");
        }
        return Map.copyOf(own);
    }
}
