package dev.faaslab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This process's heap, sampled every 100 ms, and its CPU time, from {@link #start} to {@link #stop}: the most
 * heap in use (garbage included), the most still in use after a collection (what was kept), and the CPU time
 * of every thread.
 */
final class ServerUsage {

    /** The figures, in MB and CPU seconds. */
    record Figures(long heapMaxMb, long heapAfterGcMaxMb, double cpuSeconds) {
    }

    private static final long SAMPLE_MILLIS = 100;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long cpuAtStart = os.getProcessCpuTime();
    private volatile long heapMax;
    private volatile long afterGcMax;
    private final Thread sampler;

    private ServerUsage() {
        sampler = Thread.ofPlatform().daemon().name("bench-heap-sampler").start(this::sample);
    }

    static ServerUsage start() {
        return new ServerUsage();
    }

    private void sample() {
        while (running.get()) {
            heapMax = Math.max(heapMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            long afterGc = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                MemoryUsage usage = pool.getCollectionUsage();
                afterGc += usage == null ? 0 : usage.getUsed();
            }
            afterGcMax = Math.max(afterGcMax, afterGc);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Figures stop() throws InterruptedException {
        double cpuSeconds = (os.getProcessCpuTime() - cpuAtStart) / 1e9;
        running.set(false);
        sampler.join();
        return new Figures(heapMax >> 20, afterGcMax >> 20, cpuSeconds);
    }
}
