package dev.faaslab.style.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.LogLine;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Report;
import dev.faaslab.style.provider.ProviderReply;
import dev.faaslab.style.provider.ProviderStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cloud Run functions' handler contract (Google Cloud Functions, 2nd gen), as the Functions Framework serves it:
 * JavaScript registers {@code functions.http('name', (req, res) => …)} (Express's request and response) or
 * {@code functions.cloudEvent('name', (cloudEvent) => …)} from {@code @google-cloud/functions-framework}; Python
 * decorates {@code @functions_framework.http def f(request)} (a Flask-like request; a string, a dict or
 * {@code (body, status, headers)} back) or {@code @functions_framework.cloud_event}. Queues, buckets and schedules
 * deliver CloudEvents in Eventarc's shapes (Pub/Sub's messagePublished, Cloud Storage's object finalized and deleted).
 *
 * <p>The handler is {@code FILE.ENTRY_POINT}: the file Google's runtime loads ({@code index.js}, {@code main.py}) and
 * the entry point ({@code --entry-point}, {@code FUNCTION_TARGET}), the name the function was registered under. The
 * default, {@code index.function} / {@code main.function}, means "no entry point given": as {@code gcloud functions
 * deploy NAME} then does, the entry point is the function's own name, or else {@code function}, the framework's own
 * default target. A thrown error answers what the framework answers, 500 with {@code X-Google-Status: crash}.
 */
public final class CloudRunFunctionsStyle extends ProviderStyle {

    public static final CloudRunFunctionsStyle INSTANCE = new CloudRunFunctionsStyle();

    /** The handler's function part when no entry point is given. */
    static final String DEFAULT_ENTRY_POINT = "function";

    // functions.http( / functions.cloudEvent( (any name for the module), or http( / cloudEvent( imported by name.
    private static final Pattern JS_REGISTRATION =
            Pattern.compile("\\.\\s*(http|cloudEvent)\\s*\\(|\\b(http|cloudEvent)\\s*\\(\\s*['\"`]");
    private static final Pattern PYTHON_DECORATOR =
            Pattern.compile("(?m)^\\s*@\\s*(functions_framework\\s*\\.\\s*)?(http|cloud_event)\\b");

    private CloudRunFunctionsStyle() {
        super("gcp.js", "gcp.py");
    }

    @Override
    public String name() {
        return "gcp-functions";
    }

    @Override
    public String title() {
        return "Cloud Run functions";
    }

    @Override
    public String defaultHandler(Language language) {
        return (language == Language.PYTHON ? "main." : "index.") + DEFAULT_ENTRY_POINT;
    }

    /** Cloud Run's limit on an HTTP/1 request's size, 32 MiB (cloud.google.com/run/quotas, "Maximum HTTP/1 request size"). */
    @Override
    protected long maxRequestBytes() {
        return 32L * 1024 * 1024;
    }

    /**
     * An HTTP function's longest timeout, 60 minutes (cloud.google.com/functions/docs/configuring/timeout: 3600 s for
     * HTTP functions, 540 s for event-driven ones, which FaaS Lab does not tell apart at deploy).
     */
    @Override
    protected Duration maxTimeout() {
        return Duration.ofSeconds(3600);
    }

    @Override
    protected Optional<String> missing(FunctionConfig config) {
        if (config.language() == Language.PYTHON) {
            return PYTHON_DECORATOR.matcher(config.code()).find() ? Optional.empty()
                    : Optional.of("a function decorated with @functions_framework.http (def hello_http(request): …) or"
                    + " @functions_framework.cloud_event (def hello(cloud_event): …), and " + config.fileName()
                    + " decorates none");
        }
        return JS_REGISTRATION.matcher(config.code()).find() ? Optional.empty()
                : Optional.of("the function the module registers with the Functions Framework, functions.http('name',"
                + " (req, res) => …) or functions.cloudEvent('name', (cloudEvent) => …) (const functions ="
                + " require('@google-cloud/functions-framework')), and " + config.fileName() + " calls neither");
    }

    /**
     * What the framework answers for a function that threw: 500, {@code X-Google-Status: crash}, and (Node.js with
     * NODE_ENV=production, as Google's runtime sets it) the status's text; Python's Flask words it longer, as HTML, but
     * the answer here is built without the language. A timeout is Cloud Run's 504.
     */
    @Override
    protected HttpReply failed(FunctionError error) {
        if (error != null && error.kind() == ErrorKind.TIMEOUT) {
            return ProviderReply.of(504, "text/plain", "upstream request timeout");
        }
        return ProviderReply.of(500, "text/plain; charset=utf-8", "Internal Server Error",
                new Event.Header("X-Google-Status", "crash"));
    }

    /** Cloud Run's variables (cloud.google.com/run/docs/container-contract) and the framework's target, beside the function's own. */
    @Override
    public Map<String, String> variables(FunctionConfig config, Map<String, String> lambdas) {
        Map<String, String> all = new LinkedHashMap<>(config.environment());
        String entryPoint = config.handler().function();
        all.put("K_SERVICE", config.name());
        all.put("K_REVISION", config.name() + "-" + (config.version().equals(FunctionConfig.LATEST) ? "latest"
                : String.format(Locale.ROOT, "%05d", Integer.parseInt(config.version()))));
        all.put("K_CONFIGURATION", config.name());
        all.put("FUNCTION_TARGET", entryPoint.equals(DEFAULT_ENTRY_POINT) ? config.name() : entryPoint);
        all.put("PORT", "8080");
        if (config.language() == Language.NODEJS) {
            all.put("NODE_ENV", "production");
        } else {
            all.put("PYTHONTZPATH", "/usr/share/zoneinfo");
        }
        return Map.copyOf(all);
    }

    /**
     * The log as 1st gen Cloud Functions wrote it around each execution ("Function execution started", "Function
     * execution took N ms, finished with status code: 200"), then FaaS Lab's figures: billed time is rounded up to
     * 100 ms, as Cloud Run bills (cloud.google.com/run/pricing).
     */
    @Override
    public List<String> logText(InvocationResult result, String version) {
        Report report = result.report();
        List<String> lines = new ArrayList<>(result.logs().size() + 3);
        lines.add("Function execution started, execution_id: " + result.requestId()
                + (result.attempt() > 1 ? " (delivery " + result.attempt() + ")" : ""));
        for (LogLine line : result.logs()) {
            lines.add(line.format());
        }
        lines.add("Function execution took " + Math.round(report.durationMs()) + " ms, finished with " + finish(result.outcome()));
        double billed = report.durationMs() + (report.initDurationMs() == null ? 0 : report.initDurationMs());
        StringBuilder line = new StringBuilder("REPORT execution_id: ").append(result.requestId())
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", report.durationMs())).append(" ms")
                .append("\tBilled Duration: ").append(Math.max(100, (long) Math.ceil(billed / 100) * 100)).append(" ms")
                .append("\tMemory: ").append(report.memorySizeMb()).append(" MiB");
        if (report.initDurationMs() != null) {
            line.append("\tStartup: ").append(String.format(Locale.ROOT, "%.2f", report.initDurationMs())).append(" ms");
        }
        lines.add(line.append("\tInstance: ").append(report.instanceId()).append(report.cold() ? " (cold start)" : " (warm)").toString());
        return lines;
    }

    private static String finish(Outcome outcome) {
        if (outcome instanceof Outcome.Success(String json)) {
            JsonNode status = readStatus(json);
            return status != null ? "status code: " + status.asInt() : "status: 'ok'";
        }
        FunctionError error = ((Outcome.Failure) outcome).error();
        return error.kind() == ErrorKind.TIMEOUT ? "status: 'timeout'" : "status: 'crash'";
    }

    private static JsonNode readStatus(String json) {
        if (!json.startsWith("{\"status\":")) {
            return null;
        }
        try {
            JsonNode status = Json.MAPPER.readTree(json).get("status");
            return status != null && status.isInt() ? status : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
