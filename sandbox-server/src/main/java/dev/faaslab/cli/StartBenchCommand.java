package dev.faaslab.cli;

import dev.faaslab.bench.StartBenchResult;
import dev.faaslab.bench.StartBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "start",
        mixinStandardHelpOptions = true,
        description = {"Measure how long ./faaslab start takes until /health answers, and until a first JavaScript"
                + " function has answered, over several launches, each on a new data directory."})
final class StartBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Launches (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path launcher = launcher();
        if (runs < 1 || launcher == null) {
            err.println("faaslab bench start: " + (runs < 1 ? "--runs must be at least 1"
                    : "run it through ./faaslab, which says where the launcher is (-Dfaaslab.home)"));
            err.flush();
            return ExitCode.USAGE;
        }
        StartBenchResult result = new StartBenchmark(launcher, err).run(runs);
        out.println(json ? dev.faaslab.core.Json.MAPPER.writeValueAsString(result) : result.describe());
        out.flush();
        return ExitCode.OK;
    }

    private static Path launcher() {
        String home = System.getProperty("faaslab.home");
        if (home == null) {
            return null;
        }
        Path launcher = Path.of(home, "faaslab");
        return Files.isExecutable(launcher) ? launcher : null;
    }
}
