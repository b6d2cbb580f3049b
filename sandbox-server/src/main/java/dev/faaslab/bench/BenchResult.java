package dev.faaslab.bench;

import java.util.Locale;

/** What {@code faaslab bench} measured; {@code --json} prints it as one object with these names. */
public record BenchResult(JavaScript js, Python python, Limits limits, java.util.Map<String, Style> styles, String runtime) {

    public BenchResult {
        styles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(styles));
    }

    /** A provider's handler style in JavaScript: its "Hello World" answering GET / over HTTP, cold and warm. */
    public record Style(double coldStartMsP50, double warmInvokeUsP50) {
    }

    /**
     * {@code libraryColdStartMsP50}: the cold start of a handler that imports node:crypto and uses Buffer, URL and
     * crypto.subtle; {@code packageColdStartMsP50}: of a function of several files with a node_modules package.
     */
    public record JavaScript(double coldStartMsP50, double coldStartMsP90, double warmInvokeUsP50, double coldStartsPerSecond,
                             double libraryColdStartMsP50, double packageColdStartMsP50) {
    }

    public record Python(double coldStartMsP50, double warmInvokeUsP50, double runtimeStartMs) {
    }

    /** How long past the deadline a runaway loop ran, and how long an allocation bomb ran before being stopped. */
    public record Limits(double timeoutOvershootMs, double jsMemoryStopMs, double pythonMemoryStopMs) {
    }

    /** The report for people, with the targets beside the figures. */
    public String describe() {
        return String.format(Locale.ROOT, """
                FaaS Lab runtime benchmark (%s, %d cores)
                  JavaScript cold start    p50 %8.3f ms   p90 %8.3f ms   (target p50 <= 1.5 ms)
                  JavaScript warm invoke   p50 %8.2f us                   (target <= 15 us)
                  JavaScript cold starts       %8.0f per second         (target >= 1,500)
                  JS cold start, library   p50 %8.3f ms                   (node:crypto, Buffer, URL, crypto.subtle)
                  JS cold start, package   p50 %8.3f ms                   (2 modules of its own, a node_modules package)
                  Python cold start        p50 %8.1f ms                   (target <= 150 ms)
                  Python warm invoke       p50 %8.1f us
                  Python runtime start         %8.0f ms (once per process)
                  Timeout overshoot            %8.1f ms past the deadline (target <= 50 ms)
                  Allocation bomb stopped  JS  %8.0f ms, Python %.0f ms    (target <= 2,000 ms)
                Handler styles, JavaScript, a Hello World over HTTP (target: p50 at most 0.5 ms above aws-lambda's)
                %s""",
                runtime, Runtime.getRuntime().availableProcessors(),
                js.coldStartMsP50(), js.coldStartMsP90(), js.warmInvokeUsP50(), js.coldStartsPerSecond(), js.libraryColdStartMsP50(),
                js.packageColdStartMsP50(),
                python.coldStartMsP50(), python.warmInvokeUsP50(), python.runtimeStartMs(),
                limits.timeoutOvershootMs(), limits.jsMemoryStopMs(), limits.pythonMemoryStopMs(), styleLines());
    }

    private String styleLines() {
        StringBuilder lines = new StringBuilder();
        Style lambda = styles.get("aws-lambda");
        styles.forEach((name, style) -> lines.append(String.format(Locale.ROOT,
                "  %-19s cold start p50 %8.3f ms%s   warm invoke p50 %8.2f us%n", name, style.coldStartMsP50(),
                lambda == null || name.equals("aws-lambda") ? "          "
                        : String.format(Locale.ROOT, " (%+6.3f)", style.coldStartMsP50() - lambda.coldStartMsP50()),
                style.warmInvokeUsP50())));
        return lines.toString().stripTrailing();
    }
}
