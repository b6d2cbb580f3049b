package dev.faaslab.runtime.worker;

import dev.faaslab.runtime.DeployedFunction;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.GuestHost;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.sdk.SdkBridge;
import java.io.File;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learners' code run in another JVM: a worker process with a heap of its own, started with this JVM's own options
 * (the JIT, the arithmetic agent) at the operating system's lowest CPU priority. Its garbage collections, its
 * memory and its cores are its own, so that what runs in it cannot stop this server's threads or take its heap.
 * The process starts on first use and again after it ends (a crash ends the calls it was running, each with the
 * reason, never the server); it ends when this closes, or with this server's process (it reads its orders from
 * this one's pipe).
 */
public final class WorkerProcess implements GuestHost, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    /** The worker's main class, in the server's own code. */
    public static final String MAIN = "dev.faaslab.WorkerMain";
    static final Cleaner CLEANER = Cleaner.create();

    private final List<String> command;
    private WorkerConnection connection;
    private int starts;
    private boolean closed;

    /** A worker started by {@code command} (a JVM running {@link #MAIN}). */
    public WorkerProcess(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** The worker's system property that says whether it starts Python's engine as it starts. */
    public static final String WARM_PYTHON = "faaslab.worker.warmPython";

    /** The operating system's lowest CPU priority ({@code nice}'s), which the quarantine runs at. */
    public static final int LOWEST_PRIORITY = 19;

    /**
     * A worker like this JVM, with a heap of {@code heapMb}: the same Java, options and class path, at {@code
     * niceness} (0 to {@link #LOWEST_PRIORITY}) where {@code nice} exists. It starts JavaScript's engine as it starts,
     * and Python's too if {@code warmPython} (seconds of CPU, worth it for a server, not for a test).
     */
    public static WorkerProcess likeThisJvm(int heapMb, int niceness, boolean warmPython) {
        List<String> command = new ArrayList<>();
        Path nice = Path.of("/usr/bin/nice");
        if (niceness > 0 && Files.isExecutable(nice)) {
            command.addAll(List.of(nice.toString(), "-n", Integer.toString(niceness)));
        }
        command.add(ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
        for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Not its heap size, and not what writes to a file or a port of the server's (logs, recordings, debugger).
            if (!option.startsWith("-Xmx") && !option.startsWith("-Xms") && !option.startsWith("-Xlog")
                    && !option.startsWith("-agentlib") && !option.startsWith("-XX:StartFlightRecording")
                    && !option.startsWith("-XX:HeapDumpPath") && !option.startsWith("-XX:+HeapDumpOnOutOfMemoryError")) {
                command.add(option);
            }
        }
        command.add("-Xmx" + heapMb + "m");
        command.add("-Dfaaslab.log.process=quarantine worker");
        command.add("-D" + WARM_PYTHON + "=" + warmPython);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        return new WorkerProcess(command);
    }

    @Override
    public DeployedFunction deploy(FunctionConfig config, SdkBridge sdk, HandlerStyle style) {
        return new RemoteDeployment(this, config, sdk, style);
    }

    /** The live connection, starting the process if none is running. */
    synchronized WorkerConnection connection() throws WorkerConnection.Gone {
        if (closed) {
            throw new WorkerConnection.Gone("The quarantine's worker process was closed: the server is stopping.");
        }
        if (connection == null || !connection.alive()) {
            try {
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                connection = new WorkerConnection(process);
                starts++;
                LOG.info("started the quarantine's worker process, pid {} (start {})", process.pid(), starts);
            } catch (IOException e) {
                throw new WorkerConnection.Gone("The quarantine's worker process could not start: " + e.getMessage()
                        + ".");
            }
        }
        return connection;
    }

    /** Starts the process now rather than at the first call, so that the first quarantined invocation need not wait. */
    public void start() {
        try {
            connection();
        } catch (WorkerConnection.Gone e) {
            LOG.warn(e.getMessage());
        }
    }

    /** How many times the process has started (1 once running; more after crashes). */
    public synchronized int starts() {
        return starts;
    }

    /** The running process's id, or -1. */
    public synchronized long pid() {
        return connection != null && connection.alive() ? connection.pid() : -1;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
        }
    }
}
