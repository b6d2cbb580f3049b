package dev.faaslab;

import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.worker.WorkerServer;
import dev.faaslab.style.Styles;
import dev.faaslab.time.Clock;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A worker process: runs learners' code for the server that started it (see
 * {@link dev.faaslab.runtime.worker.WorkerProcess}), reading its orders from standard input and answering on
 * standard output, which nothing else may write to: {@code System.out} goes to the error stream, with the logs.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        OutputStream orders = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        try (FunctionRuntime runtime = new FunctionRuntime(Clock.system(), Styles.all())) {
            // The engines start now, while the server is quiet, so that the first functions moved here need not wait
            // for them at the lowest priority on a busy machine (Python's first start takes seconds of CPU).
            Thread.ofPlatform().daemon().name("faaslab-worker-warm-up").start(() -> {
                runtime.warmUp(Language.NODEJS);
                if (Boolean.getBoolean(dev.faaslab.runtime.worker.WorkerProcess.WARM_PYTHON)) {
                    runtime.warmUp(Language.PYTHON);
                }
            });
            WorkerServer server = new WorkerServer(runtime, System.in, orders);
            // Idle instances here hold the quarantined learners' memory: they are what goes first when it is short.
            runtime.onShortOfMemory(server::reclaimIdle);
            server.serve();
        }
        System.exit(0);
    }
}
