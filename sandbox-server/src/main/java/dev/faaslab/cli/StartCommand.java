package dev.faaslab.cli;

import dev.faaslab.style.Styles;
import dev.faaslab.http.WebServer;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.RuntimeMode;
import dev.faaslab.store.DataDirectoryException;
import dev.faaslab.store.Database;
import dev.faaslab.store.DatabaseServerException;
import dev.faaslab.store.PostgresUrl;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faaslab start}: the sandbox server, the platform behind it, and its durable state. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts the FaaS Lab server on 127.0.0.1 and prints its URL. Ctrl-C stops it,"
                + " letting in-flight invocations finish. It answers only to its own names (see --allowed-hosts),"
                + " and takes changes only from its own pages or from programs that are not browsers.")
final class StartCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--allowed-hosts", split = ",", paramLabel = "NAMES", defaultValue = "${env:FAASLAB_ALLOWED_HOSTS}",
            description = "Names the server answers to besides localhost, IP addresses and --host, comma-separated:"
                    + " a name (faaslab.school.lan), a domain and every name below it (.school.lan), or * for any"
                    + " (default: $FAASLAB_ALLOWED_HOSTS, else none).")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Where functions, versions and progress are kept (default: ~/.faaslab).")
    Path data = Path.of(System.getProperty("user.home"), ".faaslab");

    @Option(names = "--database", paramLabel = "URL", description = "Keep the state in this PostgreSQL database"
            + " instead of H2 files in --data, which then keeps only the buckets' objects:"
            + " postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or a jdbc:postgresql:// URL).")
    String database;

    @Option(names = "--no-browser", description = "Do not open a browser.")
    boolean noBrowser;

    @Option(names = "--classroom", description = "Run a class: instructors sign in, learners join with a class's code,"
            + " each in a workspace of their own. Bind an address the room can reach with --host.")
    boolean classroom;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            WebServer.checkAllowedHosts(allowedHosts);
        } catch (IllegalArgumentException e) {
            err.println("faaslab start: --allowed-hosts: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        PostgresUrl postgres;
        try {
            postgres = database == null ? null : PostgresUrl.parse(database);
        } catch (IllegalArgumentException e) {
            err.println("faaslab start: --database: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        FunctionRuntime runtime = new FunctionRuntime(Clock.system(), Styles.all());
        // The database opens (and migrates) on another thread while the port is bound and Jetty starts:
        // on two cores that halves the wait. Requests that arrive meanwhile wait for it.
        Path directory = data.toAbsolutePath();
        var opening = CompletableFuture.supplyAsync(() -> Sandbox.open(
                postgres == null ? Database.open(directory) : Database.open(directory, postgres),
                Clock.system(), runtime, PlatformLimits.DEFAULT));
        WebServer server;
        try {
            server = WebServer.listen(host, port, webRoot(), lessonsRoot(), allowedHosts);
        } catch (IOException e) {
            // Let the database finish opening, then close it, before the process exits: a migration cut
            // off half-way would leave the directory unusable.
            try {
                opening.join().close();
            } catch (CompletionException unusableAnyway) {
                // The port is the error to report; the data directory's own problem shows on the next start.
            }
            runtime.close();
            err.println("faaslab start: " + (e instanceof BindException || e.getCause() instanceof BindException
                    ? "port " + port + " on " + host + " is already in use: stop the program using it, or choose another"
                    + " port with --port N"
                    : "cannot listen on " + host + ":" + port + ": " + e.getMessage()));
            err.flush();
            return ExitCode.CANNOT_START;
        }
        Sandbox sandbox;
        try {
            sandbox = opening.join();
        } catch (CompletionException e) {
            server.close();
            runtime.close();
            if (e.getCause() instanceof DataDirectoryException || e.getCause() instanceof DatabaseServerException) {
                err.println("faaslab start: " + e.getCause().getMessage());
                err.flush();
                return ExitCode.CANNOT_START;
            }
            throw e;
        }
        String firstPage = server.uri().toString();
        if (classroom) {
            Optional<String> setUp = sandbox.classroom().setUpLink();
            firstPage = roomAddress(server.uri()) + (setUp.isPresent() ? "#/classroom/setup/" + setUp.get()
                    : "#/classroom");
        }
        server.serve(sandbox);
        out.println("FaaS Lab is running at " + server.uri() + "  (" + (postgres == null
                ? "data in " + sandbox.database().directory()
                : "database " + postgres + ", bucket files in " + sandbox.database().directory()) + "; Ctrl-C stops it)");
        if (classroom) {
            // Printed once, here: whoever can read this terminal becomes the class's first instructor.
            out.println(firstPage.contains("/setup/")
                    ? "Classroom mode. The instructor's one-time sign-in link (24 h): " + firstPage
                    : "Classroom mode. Instructors sign in at " + firstPage);
        }
        out.flush();
        if (classroom && !isLoopback(host)) {
            err.println("faaslab start: " + host + " is reachable from other machines: learners join with a class's"
                    + " code and run code on this machine. It speaks plain HTTP; use it on a network you trust.");
            err.flush();
        } else if (!isLoopback(host)) {
            err.println("faaslab start: " + host + " is reachable from other machines, and the server has no login:"
                    + " anyone who can reach it can run code on this machine. Use it on a network you trust.");
            err.flush();
        }
        server.preloadLessons();
        // The engines take seconds of a fresh JVM to start (Graal's compiler starts with JavaScript's).
        // They start once the server answers, one after the other, so that neither the server's own
        // start nor each other starve on two cores; an invocation that arrives first waits for its engine.
        warmUpEngines(runtime, out, err);
        if (!noBrowser) {
            Browser.open(java.net.URI.create(firstPage));
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

    /**
     * The address the room reaches the server at: bound to every address (0.0.0.0 or ::), the machine's first
     * LAN address, which a link printed for the class must name; otherwise the address it is bound to.
     */
    static String roomAddress(java.net.URI bound) {
        String host = bound.getHost();
        if (!"0.0.0.0".equals(host) && !"[::]".equals(host) && !"::".equals(host)) {
            return bound.toString();
        }
        try {
            for (var network : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (var address : java.util.Collections.list(network.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                        return "http://" + address.getHostAddress() + ":" + bound.getPort() + "/";
                    }
                }
            }
        } catch (java.net.SocketException e) {
            // no interfaces to read: this machine's own address will do
        }
        return "http://127.0.0.1:" + bound.getPort() + "/";
    }

    /** Whether {@code host} is this machine only (127.0.0.0/8, ::1, localhost). */
    static boolean isLoopback(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return name.equalsIgnoreCase("localhost") || name.startsWith("127.") || name.equals("::1");
    }

    /** JavaScript first (it serves most lessons), then Python, whose first context takes several seconds. */
    private static void warmUpEngines(FunctionRuntime runtime, PrintWriter out, PrintWriter err) {
        Thread.ofPlatform().daemon(true).name("faaslab-engine-warm-up").start(() -> {
            try {
                if (runtime.mode() == RuntimeMode.INTERPRETED) {
                    err.println(RuntimeMode.INTERPRETED_WARNING);
                    err.flush();
                }
                long nanos = runtime.warmUp(Language.PYTHON);
                out.printf("Python is ready (its engine took %.1f s to start).%n", nanos / 1e9);
                out.flush();
            } catch (IllegalStateException stoppedMeanwhile) {
                // The server was stopped before the engines finished starting; nothing to report.
            }
        });
    }

    /** The lessons: beside the launcher ({@code -Dfaaslab.home}), else under the working directory. */
    static Path lessonsRoot() {
        return Path.of(System.getProperty("faaslab.home", "."), "lessons");
    }

    static Path webRoot() {
        String configured = System.getProperty("faaslab.web");
        return Path.of(configured != null ? configured : "web");
    }
}
