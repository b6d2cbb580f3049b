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
            onCollection(info.getGcInfo().getMemoryUsageAfterGc());
        }
    };
    private final List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName)
            .toList();
    private volatile long liveBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    private volatile long collections;

    HeapMonitor() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onCollection(Map<String, MemoryUsage> after) {
        long live = 0;
        for (String pool : heapPools) {
            MemoryUsage usage = after.get(pool);
            if (usage != null) {
                live += usage.getUsed();
            }
        }
        liveBytes = live;
        collections++;
    }

    /** Heap in use right after the latest collection. */
    long liveBytes() {
        return liveBytes;
    }

    /** How many collections have been seen; changes when {@link #liveBytes()} has a new reading. */
    long collections() {
        return collections;
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
