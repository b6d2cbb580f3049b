package dev.faaslab.cli;

import dev.faaslab.bench.SimBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faaslab bench sim}: simulated requests per second of wall time, and a simulated day's wall time. */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        description = {"Measure the simulator on one thread: Poisson arrivals at 1,000/s, exponential service times,"
                + " a fixed 10-minute keep-alive. After two uncounted warm-up runs it simulates 10, 20 and 40 million"
                + " requests (the time per request should stay flat), then a day at 1,000 requests a second.",
                "Takes about half a minute (--quick: a few seconds, rougher)."})
final class SimBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quick", description = "A million requests a run and a simulated hour instead of a day: a smoke test.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SimBenchmark.Settings settings = quick ? SimBenchmark.Settings.quick() : SimBenchmark.Settings.standard();
        SimBenchmark.SimBenchResult result = new SimBenchmark(settings, spec.commandLine().getErr()).run();
        out.println(json ? dev.faaslab.core.Json.MAPPER.writeValueAsString(result) : result.describe());
        out.flush();
        return ExitCode.OK;
    }
}
