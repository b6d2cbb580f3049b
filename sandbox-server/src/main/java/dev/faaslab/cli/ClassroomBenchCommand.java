package dev.faaslab.cli;

import dev.faaslab.bench.ClassroomBenchResult;
import dev.faaslab.bench.ClassroomBenchmark;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.store.PostgresUrl;
import dev.faaslab.style.Styles;
import dev.faaslab.time.Clock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faaslab bench classroom}: a workshop of many learners, some hostile, against one classroom server. */
@Command(name = "classroom",
        mixinStandardHelpOptions = true,
        description = {"Play a workshop against a classroom server started in this process (its state in a PostgreSQL"
                + " server of its own; --h2 or --database URL instead): an instructor creates a"
                + " class, learners join it, open a lesson, deploy, invoke every few seconds, start a small burst now"
                + " and then and submit an exercise; the hostile ones run the sandbox-safety corpus all along.",
                "Prints, for the well-behaved learners, their requests, errors, warm-invoke and grading latency, and"
                        + " the server's heap and CPU. Exits with 1 when a well-behaved learner met an error."})
final class ClassroomBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--learners", paramLabel = "N", defaultValue = "200",
            description = "Learners in the class, hostile ones included (default: ${DEFAULT-VALUE}).")
    int learners;

    @Option(names = "--hostile", paramLabel = "N", defaultValue = "10",
            description = "Of those, learners running the hostile corpus (default: ${DEFAULT-VALUE}).")
    int hostile;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "120",
            description = "How long the workshop lasts once learners start joining (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--database", paramLabel = "URL", description = "Keep the server's state in this PostgreSQL"
            + " database, as ./faaslab start --database does: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE. An empty"
            + " database: the bench creates the first instructor. Default: a PostgreSQL server of its own, started from"
            + " Debian's binaries (/usr/lib/postgresql/*/bin) in a temporary directory and deleted at the end.")
    String database;

    @Option(names = "--h2", description = "Keep the state in H2 files in a temporary directory instead (./faaslab start's"
            + " default), without starting PostgreSQL.")
    boolean h2;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClassroomBenchmark.Settings settings;
        PostgresUrl url = null;
        Path home = Path.of(System.getProperty("faaslab.home", ".")).toAbsolutePath().normalize();
        try {
            settings = new ClassroomBenchmark.Settings(learners, hostile, Duration.ofSeconds(seconds));
            if (h2 && database != null) {
                throw new IllegalArgumentException("--h2 and --database name two different stores: choose one");
            }
            try {
                url = database == null ? null : PostgresUrl.parse(database);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--database: " + e.getMessage(), e);
            }
            if (!Files.isDirectory(home.resolve("lessons")) || !Files.isDirectory(home.resolve("exercises"))) {
                throw new IllegalArgumentException("no lessons/ and exercises/ under " + home + ": run it through"
                        + " ./faaslab, which says where they are (-Dfaaslab.home)");
            }
        } catch (IllegalArgumentException e) {
            err.println("faaslab bench classroom: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        ClassroomBenchmark.Store store;
        try {
            if (!h2 && url == null) {
                err.println("bench classroom: starting PostgreSQL (initdb, then postgres on a free port) ...");
                err.flush();
            }
            store = h2 ? ClassroomBenchmark.h2() : url != null ? ClassroomBenchmark.postgres(url)
                    : ClassroomBenchmark.localPostgres();
        } catch (IllegalStateException e) {
            err.println("faaslab bench classroom: " + e.getMessage() + "; or run it on H2 with --h2");
            err.flush();
            return ExitCode.CANNOT_START;
        }
        ClassroomBenchResult result;
        try (store; FunctionRuntime runtime = new FunctionRuntime(Clock.system(), Styles.all())) {
            if (runtime.mode() == RuntimeMode.INTERPRETED) {
                err.println(RuntimeMode.INTERPRETED_WARNING);
            }
            result = new ClassroomBenchmark(runtime, store, settings, home, err).run();
        }
        out.println(json ? dev.faaslab.core.Json.MAPPER.writeValueAsString(result) : result.describe());
        out.flush();
        if (result.errors() > 0) {
            err.println("faaslab bench classroom: well-behaved learners met " + result.errors() + " errors (see the"
                    + " first ones above)");
            err.flush();
            return ExitCode.FUNCTION_ERROR;
        }
        return ExitCode.OK;
    }
}
