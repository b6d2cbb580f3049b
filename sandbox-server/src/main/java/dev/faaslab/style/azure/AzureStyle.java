package dev.faaslab.style.azure;

import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.LogLine;
import dev.faaslab.style.provider.ProviderStyle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Azure Functions' handler contract: a function's file is a Function App. In JavaScript (the Node.js v4 model) it
 * registers its functions with {@code app.http}, {@code app.timer}, {@code app.storageQueue} and
 * {@code app.storageBlob} of {@code @azure/functions}; in Python (the v2 model) {@code function_app.py} makes
 * {@code app = func.FunctionApp()} and decorates them ({@code @app.route}, {@code @app.timer_trigger},
 * {@code @app.queue_trigger}, {@code @app.blob_trigger}).
 *
 * <ul>
 *   <li>HTTP: as Azure serves them under {@code /api/}, a request to {@code /fn/{name}/api/{route}} reaches the HTTP
 *       function whose route (by default its name) and methods match, among every one the file registers; another
 *       path or method is an empty 404, as Azure's host answers (a known method on a known route too:
 *       Azure/azure-functions-host#10098). A thrown error is an empty 500.</li>
 *   <li>The handler, {@code file.functionName}, names the function that the other events call: timer (a FaaS Lab
 *       schedule), queue (one execution per message; those that threw are retried by the queue's own redrive
 *       policy, where Azure retries five times and then moves the message to a {@code -poison} queue) and blob
 *       (a bucket's new objects, filtered by the function's {@code path}). The default handler fits Microsoft's
 *       quickstarts: {@code index.httpTrigger1} (the Node template registers {@code app.http('httpTrigger1', …)})
 *       and {@code function_app.http_trigger}.</li>
 *   <li>Variables: Azure's {@code FUNCTIONS_WORKER_RUNTIME}, {@code FUNCTIONS_EXTENSION_VERSION=~4},
 *       {@code WEBSITE_SITE_NAME} and {@code AzureWebJobsStorage} (the local emulator's value: the platform's storage
 *       needs no connection string) instead of Lambda's.</li>
 *   <li>Limits, the Consumption plan's (Microsoft Learn, "Azure Functions hosting options" and "Function app time-out
 *       duration", 2025): a timeout of at most 10 minutes (5 by default there; FaaS Lab's default stays its own), and
 *       request bodies of at most 100 MB. Azure's load balancer also ends an HTTP request after 230 s whatever the
 *       timeout; FaaS Lab does not, and leaves that limit to the timeout.</li>
 *   <li>The log, in Azure's words: each execution between {@code Executing 'Functions.{name}' (Reason='…', Id=…)}
 *       and {@code Executed 'Functions.{name}' (Succeeded|Failed, Id=…, Duration=…ms)}, which the style's own code
 *       writes (it knows which function ran and why), each line as Azure's log stream shows it
 *       ({@code 2026-01-01T09:00:00.000Z [Information] …}); the invocation id is FaaS Lab's request id.</li>
 * </ul>
 *
 * <p>Left out: authorization keys (every {@code authLevel} answers as {@code anonymous}), extra inputs and outputs
 * ({@code input.*}, {@code output.*}, {@code context.extraInputs}; the faaslab module reaches the workspace's tables,
 * buckets and queues), the triggers FaaS Lab has no service for, and a timer's {@code scheduleStatus.next}.
 */
public final class AzureStyle extends ProviderStyle {

    public static final AzureStyle INSTANCE = new AzureStyle();

    private static final Pattern JS_LIBRARY = Pattern.compile("['\"]@azure/functions['\"]");
    private static final Pattern JS_REGISTRATION =
            Pattern.compile("\\bapp\\s*\\.\\s*(http|get|put|post|patch|deleteRequest|timer|storageQueue|storageBlob)\\s*\\(");
    private static final Pattern PY_APP = Pattern.compile("\\bFunctionApp\\s*\\(");
    private static final Pattern PY_DECORATOR =
            Pattern.compile("(?m)^\\s*@\\s*\\w+\\s*\\.\\s*(route|timer_trigger|schedule|queue_trigger|blob_trigger)\\s*\\(");

    private AzureStyle() {
        super("azure.js", "azure.py");
    }

    @Override
    public String name() {
        return "azure-functions";
    }

    @Override
    public String title() {
        return "Azure Functions";
    }

    @Override
    public String defaultHandler(Language language) {
        return language == Language.PYTHON ? "function_app.http_trigger" : "index.httpTrigger1";
    }

    @Override
    protected long maxRequestBytes() {
        return 100L * 1024 * 1024;
    }

    @Override
    protected Duration maxTimeout() {
        return Duration.ofMinutes(10);
    }

    @Override
    protected Optional<String> missing(FunctionConfig config) {
        String code = config.code();
        if (config.language() == Language.PYTHON) {
            if (!PY_APP.matcher(code).find()) {
                return Optional.of("the functions of a func.FunctionApp(), and " + config.fileName() + " makes none:"
                        + " write `import azure.functions as func`, `app = func.FunctionApp()` and decorate a function"
                        + " with @app.route(route=\"…\")");
            }
            return PY_DECORATOR.matcher(code).find() ? Optional.empty()
                    : Optional.of("the functions a FunctionApp's decorators register (@app.route, @app.timer_trigger,"
                    + " @app.queue_trigger, @app.blob_trigger), and " + config.fileName() + " decorates none");
        }
        if (JS_LIBRARY.matcher(code).find() && JS_REGISTRATION.matcher(code).find()) {
            return Optional.empty();
        }
        return Optional.of("the functions a file registers with app.http(…), app.timer(…), app.storageQueue(…) or"
                + " app.storageBlob(…) of '@azure/functions', and " + config.fileName() + " makes no such call"
                + " (write `const { app } = require('@azure/functions');` and `app.http('httpTrigger1', { handler:"
                + " async (request, context) => ({ body: 'Hello' }) });`)");
    }

    /** Azure's answer when an HTTP function throws: 500, no body. */
    @Override
    protected HttpReply failed(FunctionError error) {
        return new HttpReply(500, List.of(), List.of(), new byte[0]);
    }

    @Override
    public Map<String, String> variables(FunctionConfig config, Map<String, String> lambdas) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("FUNCTIONS_WORKER_RUNTIME", config.language() == Language.PYTHON ? "python" : "node");
        all.put("FUNCTIONS_EXTENSION_VERSION", "~4");
        all.put("WEBSITE_SITE_NAME", config.name());
        all.put("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        if (config.language() == Language.PYTHON) {
            all.put("PYTHONTZPATH", "/usr/share/zoneinfo"); // GraalPy's zoneinfo needs a search path
        }
        all.putAll(config.environment()); // app settings: the function's own win
        return Map.copyOf(all);
    }

    /**
     * The invocation's log: a first line naming it, its lines as Azure's log stream writes them (the executions'
     * Executing and Executed among them), a line with how it ended, and the REPORT figures (cold start, duration).
     */
    @Override
    public List<String> logText(InvocationResult result, String version) {
        List<String> lines = new ArrayList<>(result.logs().size() + 3);
        lines.add("Invocation " + result.requestId() + " (version " + version
                + (result.attempt() > 1 ? ", attempt " + result.attempt() : "") + ")");
        for (LogLine line : result.logs()) {
            lines.add(Instant.ofEpochMilli(line.epochMillis()) + " [" + level(line) + "] " + line.message());
        }
        FunctionError error = result.error();
        lines.add("Invocation " + result.requestId() + (error == null ? " succeeded" : " failed: " + error.errorType()));
        lines.add(result.report().format());
        return lines;
    }

    private static String level(LogLine line) {
        return switch (line.level()) {
            case TRACE -> "Trace";
            case DEBUG -> "Debug";
            case INFO -> "Information";
            case WARN -> "Warning";
            case ERROR -> "Error";
            case FATAL -> "Critical";
        };
    }
}
