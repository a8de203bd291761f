package fazt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidentMemoryTest {
    @Test
    void readsTheKernelsResidentSetFromTheStatusFile(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999999 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n");

        assertThat(ResidentMemory.bytes(status)).isEqualTo(123456L * 1024);
    }

    @Test
    void withoutAStatusFileItAnswersWhatTheJvmHasCommitted(@TempDir Path dir) {
        long answered = ResidentMemory.bytes(dir.resolve("no-such-status"));

        assertThat(answered).isPositive();
        // heap plus non-heap committed: more than the heap alone
        assertThat(answered).isGreaterThan(Runtime.getRuntime().totalMemory());
    }

    @Test
    void aStatusFileWithoutTheLineAlsoFallsBackToTheJvm(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nThreads:\t42\n");

        assertThat(ResidentMemory.bytes(status)).isGreaterThan(Runtime.getRuntime().totalMemory());
    }
}
