package dev.faaslab.cli;

import dev.faaslab.http.WebServer;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.store.DataDirectoryException;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
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
        // The JavaScript engine takes a second or two of a fresh JVM to start (Graal's compiler starts
        // with it). The server does not wait for it: pages and the API are served at once, and an
        // invocation that arrives first waits for the engine (as it waits for Python's, further below).
        warmUpJavaScript(runtime, err);
        Sandbox sandbox;
        try {
            sandbox = Sandbox.open(data.toAbsolutePath(), Clock.system(), runtime, PlatformLimits.DEFAULT);
        } catch (DataDirectoryException e) {
            err.println("faaslab start: " + e.getMessage());
            err.flush();
            runtime.close();
            return ExitCode.CANNOT_START;
        }
        WebServer server;
        try {
            server = WebServer.start(sandbox, host, port, webRoot());
        } catch (IOException e) {
            sandbox.close();
            runtime.close();
            err.println("faaslab start: " + (e instanceof BindException || e.getCause() instanceof BindException
                    ? "port " + port + " on " + host + " is already in use: stop the program using it, or choose another"
                    + " port with --port N"
                    : "cannot listen on " + host + ":" + port + ": " + e.getMessage()));
            err.flush();
            return ExitCode.CANNOT_START;
        }
        out.println("FaaS Lab is running at " + server.uri() + "  (data in " + sandbox.database().directory()
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
            sandbox.close();
            runtime.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "faaslab-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }

    /** Starts the JavaScript engine in the background; says so at once if guest code will run interpreted. */
    private static void warmUpJavaScript(FunctionRuntime runtime, PrintWriter err) {
        Thread.ofPlatform().daemon(true).name("faaslab-javascript-warm-up").start(() -> {
            try {
                if (runtime.mode() == RuntimeMode.INTERPRETED) {
                    err.println(RuntimeMode.INTERPRETED_WARNING);
                    err.flush();
                }
            } catch (IllegalStateException stoppedMeanwhile) {
                // The server was stopped before JavaScript finished starting.
            }
        });
    }

    /** GraalPy's first context in a process takes seconds; pay that now, not at a learner's first Python cold start. */
    private static void warmUpPython(FunctionRuntime runtime, PrintWriter out) {
        Thread.ofPlatform().daemon(true).name("faaslab-python-warm-up").start(() -> {
            try {
                runtime.mode(); // JavaScript first: it serves most lessons, and two engines starting at once starve each other
                long nanos = runtime.warmUp(Language.PYTHON);
                out.printf("Python is ready (its engine took %.1f s to start).%n", nanos / 1e9);
                out.flush();
            } catch (IllegalStateException stoppedMeanwhile) {
                // The server was stopped before Python finished starting; nothing to report.
            }
        });
    }

    static Path webRoot() {
        String configured = System.getProperty("faaslab.web");
        return Path.of(configured != null ? configured : "web");
    }
}
