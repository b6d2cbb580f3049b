package dev.faaslab.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * How much time this JVM's JIT compilers have spent: HotSpot's (C1 and C2, compiling Jetty and the
 * platform) and Truffle's (Graal in Java threads, compiling the guests' JavaScript and Python). While it
 * keeps growing, code is still being compiled and a benchmark is not measuring the settled speed.
 */
final class JitActivity {

    /** Truffle's compiler runs in ordinary Java threads of this name, invisible to the CompilationMXBean. */
    private static final String TRUFFLE_COMPILER_THREAD = "TruffleCompilerThread";

    private final CompilationMXBean hotspot = ManagementFactory.getCompilationMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** The CPU time last read for each Truffle compiler thread: they come and go, and a gone one's time with them. */
    private final Map<Long, Long> truffleSeen = new HashMap<>();
    private long truffleNanos;

    /**
     * Time spent compiling so far, in nanoseconds: a running total, to compare two readings. HotSpot
     * reports the time its compilations took (wall-clock, so it grows faster on a busy machine);
     * Truffle's compiler threads, their CPU time.
     */
    synchronized long compilingNanos() {
        long nanos = 0;
        if (hotspot != null && hotspot.isCompilationTimeMonitoringSupported()) {
            nanos += hotspot.getTotalCompilationTime() * 1_000_000;
        }
        if (threads.isThreadCpuTimeSupported()) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith(TRUFFLE_COMPILER_THREAD)) {
                    long cpu = threads.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        Long before = truffleSeen.put(info.getThreadId(), cpu);
                        truffleNanos += cpu - (before == null ? 0 : before);
                    }
                }
            }
        }
        return nanos + truffleNanos;
    }
}
