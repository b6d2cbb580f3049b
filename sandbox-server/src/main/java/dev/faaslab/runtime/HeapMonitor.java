package dev.faaslab.runtime;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap as it stands after each garbage collection: what is really live, as opposed to what has
 * been allocated. Short-lived garbage never shows here; memory that a function keeps does.
 */
final class HeapMonitor implements AutoCloseable {

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            onCollection(info.getGcInfo().getMemoryUsageAfterGc(), info.getGcAction().contains("major"));
        }
    };
    private final List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName)
            .toList();
    private volatile long liveBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    private volatile long collections;
    private volatile long majorCollections;

    HeapMonitor() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onCollection(Map<String, MemoryUsage> after, boolean major) {
        long live = 0;
        for (String pool : heapPools) {
            MemoryUsage usage = after.get(pool);
            if (usage != null) {
                live += usage.getUsed();
            }
        }
        liveBytes = live;
        if (major) {
            majorCollections++;
        }
        collections++;
    }

    /**
     * What the heap can hold of long-lived data: the old generation's maximum where the collector has one
     * of fixed size (the Parallel collector with a fixed young generation, as the launcher runs it), else
     * the whole heap. Data that outlives collections ends up there; when it nears this, the collector runs
     * one full collection after another and everything else on the server waits.
     */
    static long capacityBytes() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && max > 0
                    && (pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))) {
                return Math.min(max, Runtime.getRuntime().maxMemory());
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** Heap in use right after the latest collection. */
    long liveBytes() {
        return liveBytes;
    }

    /** How many collections have been seen; changes when {@link #liveBytes()} has a new reading. */
    long collections() {
        return collections;
    }

    /**
     * How many full collections have been seen: a reading that follows one is all that is really live then (a
     * minor collection's also counts the old generation's garbage).
     */
    long majorCollections() {
        return majorCollections;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
