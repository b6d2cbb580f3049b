package dev.faaslab.cli;

import dev.faaslab.http.WebServer;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.store.Database;
import dev.faaslab.store.DataDirectoryException;
import dev.faaslab.store.JdbcEventLog;
import dev.faaslab.store.JdbcFunctionStore;
import dev.faaslab.store.JdbcWorkspaceData;
import dev.faaslab.time.Clock;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faaslab start}: the sandbox server, the platform behind it, and its durable state. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts the FaaS Lab server on 127.0.0.1 and prints its URL. Ctrl-C stops it,"
                + " letting in-flight invocations finish.")
final class StartCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--data", paramLabel = "DIR", description = "Where functions, versions and progress are kept (default: ~/.faaslab).")
    Path data = Path.of(System.getProperty("user.home"), ".faaslab");

    @Option(names = "--no-browser", description = "Do not open a browser.")
    boolean noBrowser;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FunctionRuntime runtime = new FunctionRuntime(Clock.system());
        // Starting the JavaScript engine and opening the database each take a good part of a second:
        // on two cores, side by side.
        var javascript = java.util.concurrent.CompletableFuture.supplyAsync(runtime::mode);
        Database database;
        try {
            database = Database.open(data.toAbsolutePath());
        } catch (DataDirectoryException e) {
            err.println("faaslab start: " + e.getMessage());
            err.flush();
            return ExitCode.CANNOT_START;
        }
        if (javascript.join() == RuntimeMode.INTERPRETED) {
            err.println(RuntimeMode.INTERPRETED_WARNING);
        }
        Platform platform = new Platform(Clock.system(), runtime, new JdbcFunctionStore(database.dataSource()),
                new JdbcWorkspaceData(database.dataSource()), new JdbcEventLog(database.dataSource()),
                PlatformLimits.DEFAULT);
        WebServer server;
        try {
            server = WebServer.start(platform, host, port, webRoot());
        } catch (IOException e) {
            platform.close();
            runtime.close();
            database.close();
            err.println("faaslab start: " + (e instanceof BindException || e.getCause() instanceof BindException
                    ? "port " + port + " on " + host + " is already in use: stop the program using it, or choose another"
                    + " port with --port N"
                    : "cannot listen on " + host + ":" + port + ": " + e.getMessage()));
            err.flush();
            return ExitCode.CANNOT_START;
        }
        out.println("FaaS Lab is running at " + server.uri() + "  (data in " + database.directory()
                + "; Ctrl-C stops it)");
        out.flush();
        warmUpPython(runtime, out);
        if (!noBrowser) {
            Browser.open(server.uri());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping: in-flight invocations get up to 10 s to finish ...");
            out.flush();
            try {
                server.close();
            } catch (Exception e) {
                err.println("faaslab start: the server did not stop cleanly: " + e.getMessage());
            }
            platform.close();
            runtime.close();
            database.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "faaslab-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }

    /** GraalPy's first context in a process takes seconds; pay that now, not at a learner's first Python cold start. */
    private static void warmUpPython(FunctionRuntime runtime, PrintWriter out) {
        Thread.ofPlatform().daemon(true).name("faaslab-python-warm-up").start(() -> {
            long nanos = runtime.warmUp(Language.PYTHON);
            out.printf("Python is ready (its engine took %.1f s to start).%n", nanos / 1e9);
            out.flush();
        });
    }

    static Path webRoot() {
        String configured = System.getProperty("faaslab.web");
        return Path.of(configured != null ? configured : "web");
    }
}
