package dev.faaslab.cli;

import dev.faaslab.bench.BenchResult;
import dev.faaslab.bench.RuntimeBenchmark;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.style.Styles;
import dev.faaslab.time.Clock;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faaslab bench}: measures cold starts, warm invokes and the limits on this machine. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {HttpBenchCommand.class, StartBenchCommand.class, SimBenchCommand.class, ClassroomBenchCommand.class},
        description = {"Measure the runtime: cold starts, warm invokes, cold starts per second, and how promptly limits stop runaway code.",
                "Figures are medians after warm-up; it takes about five minutes (--quick: about a minute, rougher).",
                "'bench http' measures the HTTP trigger under load instead; 'bench sim' the simulator's speed;"
                        + " 'bench classroom' a workshop of learners on a classroom server."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quick", description = "Fewer samples and a shorter warm-up: for a smoke test, not for figures.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (FunctionRuntime runtime = new FunctionRuntime(Clock.system(), Styles.all())) {
            if (runtime.mode() == RuntimeMode.INTERPRETED) {
                err.println(RuntimeMode.INTERPRETED_WARNING);
            }
            RuntimeBenchmark.Settings settings = quick ? RuntimeBenchmark.Settings.quick() : RuntimeBenchmark.Settings.standard();
            BenchResult result = new RuntimeBenchmark(runtime, settings, err).run();
            out.println(json ? dev.faaslab.core.Json.MAPPER.writeValueAsString(result) : result.describe());
        }
        return ExitCode.OK;
    }
}
