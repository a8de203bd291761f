package fazt.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much memory this process holds, as {@link Health.Memory#rssBytes()} reports it to every
 * surface (CLI, dashboard, desktop). On Linux it is the kernel's own count of the pages in RAM
 * ({@code VmRSS} in {@code /proc/self/status}): heap, class metadata, thread stacks, code and
 * native buffers together. Elsewhere the closest figure the JVM knows: its heap and non-heap
 * memory committed, which leaves out thread stacks and native allocations, so it reads lower.
 */
public final class ResidentMemory {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** Resident bytes of this process (see the class comment for what other OSes answer). */
    public static long bytes() {
        return bytes(PROC_STATUS);
    }

    static long bytes(Path statusFile) {
        try {
            for (String line : Files.readAllLines(statusFile)) {
                // "VmRSS:     123456 kB"
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // no procfs (not Linux) or a line in another shape: the JVM's own figure below
        }
        return committedByJvm();
    }

    static long committedByJvm() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
    }
}
