package dev.faaslab.bench;

import java.util.Locale;

/**
 * What {@code faaslab bench http} measured; {@code --json} prints it as one object with these names.
 *
 * @param functionRps        requests a second through the HTTP trigger and a JavaScript function
 * @param bareRps            requests a second from a bare Jetty handler sending the same response
 * @param ratio              {@code functionRps / bareRps}: the share of the server's speed the platform keeps
 * @param functionP99Ms      99th-percentile latency through the function
 * @param functionP50Ms      median latency through the function
 * @param bareP50Ms          median latency of the bare handler
 * @param bareP99Ms          99th-percentile latency of the bare handler
 * @param functionCpuUsPerRequest this process's CPU time per request through the function, in microseconds:
 *                           steadier than requests/s on a machine shared with other work
 * @param bareCpuUsPerRequest the same for the bare handler
 * @param instances          instances the platform started for the function (its cold starts), warm-up included
 * @param measuredColdStarts of those, the ones started while the function was being measured
 * @param errors             responses of 400 or more and socket errors, both runs together
 * @param connections        wrk's connections
 * @param durationSeconds    each measured run's length
 * @param functionWarmUpSeconds the uncounted runs before the function was measured
 * @param bareWarmUpSeconds  the uncounted runs before the bare handler was measured
 * @param runtime            {@code compiled} or {@code interpreted}: whether guest code was JIT-compiled
 */
public record HttpBenchResult(double functionRps, double bareRps, double ratio, double functionP99Ms,
                              double functionP50Ms, double bareP50Ms, double bareP99Ms,
                              double functionCpuUsPerRequest, double bareCpuUsPerRequest, long instances,
                              long measuredColdStarts, long errors, int connections, int durationSeconds,
                              int functionWarmUpSeconds, int bareWarmUpSeconds, String runtime) {

    /** The targets, on a 2-core machine. */
    public static final double TARGET_FUNCTION_RPS = 40_000;
    public static final double TARGET_RATIO = 0.6;

    public boolean meetsRpsTarget() {
        return functionRps >= TARGET_FUNCTION_RPS;
    }

    public boolean meetsRatioTarget() {
        return ratio >= TARGET_RATIO;
    }

    /** The report for people, with the targets beside the figures. */
    public String describe() {
        return String.format(Locale.ROOT, """
                FaaS Lab HTTP benchmark (%s, %d cores; wrk, %d connections, %d s measured after a warm-up not counted)
                                       requests/s    p50 ms    p99 ms   CPU us/request   warm-up
                  through a function   %10.0f  %8.3f  %8.3f   %14.1f   %5d s   (target >= 40,000 requests/s: %s)
                  bare Jetty           %10.0f  %8.3f  %8.3f   %14.1f   %5d s
                  ratio                %10.2f                                          (target >= 0.6: %s)
                  instances started    %10d   (%s)
                  errors               %10d   (responses of 400 or more, and socket errors)
                CPU us/request is this process's CPU time (every thread) per request: it varies far less than
                requests/s when other work shares the machine.""",
                runtime, Runtime.getRuntime().availableProcessors(), connections, durationSeconds,
                functionRps, functionP50Ms, functionP99Ms, functionCpuUsPerRequest, functionWarmUpSeconds,
                meetsRpsTarget() ? "met" : "NOT met",
                bareRps, bareP50Ms, bareP99Ms, bareCpuUsPerRequest, bareWarmUpSeconds,
                ratio, meetsRatioTarget() ? "met" : "NOT met",
                instances, measuredColdStarts == 0
                        ? "all during the warm-up: the pool grew to serve the connections, then stayed warm"
                        : measuredColdStarts + " of them while measuring: cold starts are in these figures",
                errors);
    }
}
