package fazt.core.js;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * GraalJS community edition cannot cap a context's memory, so an app building a huge array could
 * exhaust the heap of the whole instance. This watches the heap after each garbage collection and
 * calls {@code onLow} when live data passes 80% of the maximum, so running functions can be
 * stopped before the JVM runs out.
 */
final class HeapGuard implements AutoCloseable {
    private static final double THRESHOLD = 0.80;

    private final NotificationListener listener;

    HeapGuard(Runnable onLow) {
        listener = (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) onLow.run();
        };
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage() == null ? -1 : pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
                pool.setCollectionUsageThreshold((long) (max * THRESHOLD));
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(listener, null, null);
    }

    @Override
    public void close() {
        try {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // already removed
        }
    }
}
