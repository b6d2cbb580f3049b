package dev.faaslab.runtime;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating system's scheduling priority of the threads that run guest code. On a shared server two cores
 * are shared by everyone's invocations: ten learners' endless loops, each with a thread of its own at the same
 * priority as a well-behaved learner's 1 ms request, would leave that request waiting its turn behind them
 * (the classroom bench measured a warm invoke's p99 at 1.2 s). Lambda gives each environment its own share of a
 * CPU; here, code that has already run long is moved to the lowest priority (Linux's nice 19) for the rest of
 * its run, so that it takes only the time short requests leave over, and its thread is put back when it ends.
 *
 * <p>Putting a thread back to a higher priority is a privilege on Linux (root, {@code CAP_SYS_NICE}, or a
 * {@code RLIMIT_NICE} of 20, {@code ulimit -e 20}); without it a pooled thread would stay low for every request
 * it serves later, so without it nothing is lowered at all and the server says so once at start. Elsewhere
 * than Linux there is nothing to do either.
 */
final class CpuPriority {

    /** Linux's lowest priority: a thread at nice 19 weighs 15 against a normal thread's 1,024. */
    static final int LOWEST = 19;
    private static final int PRIO_PROCESS = 0;
    private static final Logger LOG = LoggerFactory.getLogger(CpuPriority.class);

    private final MethodHandle gettid;
    private final MethodHandle setpriority;
    private final ThreadLocal<Integer> nativeIds = new ThreadLocal<>();

    private CpuPriority(MethodHandle gettid, MethodHandle setpriority) {
        this.gettid = gettid;
        this.setpriority = setpriority;
    }

    /** The priorities of this operating system, if threads can be lowered and put back here; else empty (said once). */
    static Optional<CpuPriority> ofThisSystem() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            MethodHandle setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT));
            CpuPriority priority = new CpuPriority(gettid, setpriority);
            if (!priority.canRestore()) {
                LOG.info("long-running guest code keeps its normal CPU priority: this process may lower a thread's"
                        + " priority but not put it back (give it CAP_SYS_NICE, or run it with 'ulimit -e 20') so"
                        + " one learner's endless loops share the CPU equally with everyone's requests");
                return Optional.empty();
            }
            return Optional.of(priority);
        } catch (RuntimeException | LinkageError e) {
            // No native access (--enable-native-access) or no such symbols: run as before, equal priorities.
            LOG.info("guest code runs at one CPU priority: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Tries lowering and restoring a throwaway thread: the only sure test of the privilege. */
    private boolean canRestore() {
        boolean[] restored = new boolean[1];
        Thread probe = Thread.ofPlatform().name("faaslab-priority-probe").start(() -> {
            int tid = currentNativeId();
            restored[0] = set(tid, 1) && set(tid, 0);
        });
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return restored[0];
    }

    /** The calling thread's id in the operating system (kept per thread: one native call in its life). */
    int currentNativeId() {
        Integer known = nativeIds.get();
        if (known == null) {
            try {
                known = (int) gettid.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException("gettid failed", e);
            }
            nativeIds.set(known);
        }
        return known;
    }

    /** Lowers the thread with this native id to {@link #LOWEST}; whether it was done. */
    boolean lower(int nativeId) {
        return set(nativeId, LOWEST);
    }

    /** Puts the thread with this native id back to the normal priority; whether it was done. */
    boolean restore(int nativeId) {
        return set(nativeId, 0);
    }

    private boolean set(int nativeId, int nice) {
        try {
            return (int) setpriority.invokeExact(PRIO_PROCESS, nativeId, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** The nice value of the thread with this native id, as the kernel reports it (for tests and diagnostics). */
    static int niceOf(int nativeId) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + nativeId + "/stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: nice is the 19th field.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
