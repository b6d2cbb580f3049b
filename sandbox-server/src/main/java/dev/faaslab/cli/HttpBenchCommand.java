package dev.faaslab.cli;

import dev.faaslab.bench.HttpBenchResult;
import dev.faaslab.bench.HttpBenchmark;
import dev.faaslab.bench.Wrk;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.style.Styles;
import dev.faaslab.time.Clock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faaslab bench http}: requests a second through the HTTP trigger, beside a bare Jetty server's. */
@Command(name = "http",
        mixinStandardHelpOptions = true,
        description = {"Measure the HTTP trigger under load: wrk drives a tiny JavaScript function through the real server,"
                + " then a bare Jetty handler sending the same response; prints requests/s, p50 and p99 latency for both"
                + " and their ratio.",
                "Each is measured after uncounted warm-up runs, repeated until requests/s settle. Needs wrk (sudo apt-get install -y wrk). Exits with 1 when any"
                + " request failed, since the figures would then measure failures."})
final class HttpBenchCommand implements Callable<Integer> {

    /** wrk's threads: two, one per core of the machine the targets are set for. */
    static final int WRK_THREADS = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "How long each measured run lasts (default: 10; with --quick, 2).")
    Integer duration;

    @Option(names = "--warm-up", paramLabel = "SECONDS",
            description = "One uncounted warm-up run; runs repeat until requests/s settle (default: 5; with --quick, 2"
                    + " and once; 0: none).")
    Integer warmUp;

    @Option(names = "--max-warm-up", paramLabel = "SECONDS",
            description = "Stop warming up after this long even if requests/s have not settled (default: 120; with"
                    + " --quick, one run).")
    Integer maxWarmUp;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "32",
            description = "wrk's connections, each with one request in flight (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--quick", description = "Short runs: for a smoke test, not for figures.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Wrk> wrk = Wrk.find();
        if (wrk.isEmpty()) {
            err.println("faaslab bench http: wrk, the load generator, is not installed; " + Wrk.INSTALL_HINT);
            err.flush();
            return ExitCode.USAGE;
        }
        HttpBenchmark.Settings settings;
        try {
            int seconds = duration != null ? duration : quick ? 2 : 10;
            int slice = warmUp != null ? warmUp : quick ? 2 : 5;
            int maxSeconds = maxWarmUp != null ? maxWarmUp : quick ? slice : 120;
            if (seconds < 1 || slice < 0 || maxSeconds < slice) {
                throw new IllegalArgumentException("--duration must be at least 1, --warm-up at least 0, and"
                        + " --max-warm-up at least --warm-up");
            }
            settings = new HttpBenchmark.Settings(Duration.ofSeconds(slice), Duration.ofSeconds(maxSeconds),
                    Duration.ofSeconds(seconds), connections, WRK_THREADS);
        } catch (IllegalArgumentException e) {
            err.println("faaslab bench http: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        HttpBenchResult result;
        try (FunctionRuntime runtime = new FunctionRuntime(Clock.system(), Styles.all())) {
            if (runtime.mode() == RuntimeMode.INTERPRETED) {
                err.println(RuntimeMode.INTERPRETED_WARNING);
            }
            result = new HttpBenchmark(runtime, wrk.get(), settings, StartCommand.webRoot(), err).run();
        } catch (HttpBenchmark.WrongResponseException e) {
            err.println("faaslab bench http: " + e.getMessage());
            err.flush();
            return ExitCode.FUNCTION_ERROR;
        }
        out.println(json ? dev.faaslab.core.Json.MAPPER.writeValueAsString(result) : result.describe());
        out.flush();
        if (result.errors() > 0) {
            err.println("faaslab bench http: " + result.errors() + " requests failed (status 400 or more, or socket"
                    + " errors): the figures include failures and are not valid");
            err.flush();
            return ExitCode.FUNCTION_ERROR;
        }
        return ExitCode.OK;
    }
}
