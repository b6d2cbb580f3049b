package dev.faaslab.cli;

import dev.faaslab.sim.PowerTuning;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faaslab simulate power}: duration and cost per memory size for a CPU-bound function. */
@Command(name = "power",
        mixinStandardHelpOptions = true,
        description = {"Power tuning for a CPU-bound, single-threaded function: CPU is proportional to memory (1,769 MB ="
                + " 1 vCPU), so duration = base × max(1, 1769 / memory). Prints duration and cost per invocation at each"
                + " size, and the best by cost, by speed, and balanced (the smallest w × cost/maxCost + (1 - w) ×"
                + " duration/maxDuration)."})
final class PowerTuningCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--base-duration", paramLabel = "S", required = true,
            description = "Seconds one invocation takes with a whole vCPU (at 1,769 MB).")
    double baseDuration;

    @Option(names = "--memory-sizes", paramLabel = "MB", split = ",",
            description = "Sizes to try (default: 128,256,512,1024,1536,1769,3008).")
    List<Integer> memorySizes = PowerTuning.DEFAULT_SIZES;

    @Option(names = "--balance-weight", paramLabel = "W", defaultValue = "0.5",
            description = "The balanced pick's weight on cost, 0 (speed only) to 1 (cost only) (default: ${DEFAULT-VALUE}).")
    double weight;

    @Option(names = "--prices", paramLabel = "x86|arm|FILE", defaultValue = "x86",
            description = "Lambda x86 or Arm list prices in us-east-1, or a JSON price list (default: ${DEFAULT-VALUE}).")
    String prices;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PowerTuning.Result result;
        try {
            SimulateCommand.positive("--base-duration", baseDuration);
            result = PowerTuning.tune(baseDuration, memorySizes, SimulateCommand.prices(prices), weight);
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println("faaslab simulate power: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.USAGE;
        }
        out.println(json ? dev.faaslab.core.Json.MAPPER.writeValueAsString(result) : describe(result));
        out.flush();
        return ExitCode.OK;
    }

    static String describe(PowerTuning.Result result) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Power tuning a CPU-bound function that takes %.3f s with 1 vCPU (1,769 MB)%n", result.baseSeconds()));
        text.append("  memory      duration        cost per invocation\n");
        for (PowerTuning.Size size : result.sizes()) {
            text.append(String.format(Locale.ROOT, "  %5d MB  %10.3f s   $%.10f%n", size.memoryMb(), size.durationSeconds(),
                    size.costUsd()));
        }
        text.append(String.format(Locale.ROOT, "Best by cost: %d MB. Best by speed: %d MB. Balanced (weight %.2f on cost): %d MB.",
                result.cheapest().memoryMb(), result.fastest().memoryMb(), result.costWeight(), result.balanced().memoryMb()));
        return text.toString();
    }
}
