package fazt.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.server.FaztServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second {@code fazt} on the same data.db brings the running window forward instead of failing. */
class SecondLaunchTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLaunchFocusesTheRunningWindow() {
        Path data = dir.resolve("data.db");
        try (Fazt fazt = Fazt.open(data, Map.of(), Map.of()); FaztServer server = new FaztServer(fazt, "127.0.0.1", 0).start()) {
            AtomicInteger focused = new AtomicInteger();
            server.onFocusRequest(focused::incrementAndGet);
            assertThat(DesktopLauncher.launch(data.toString(), null, false)).isZero();
            assertThat(focused.get()).isEqualTo(1);
        }
    }

    @Test
    void aHeadlessServerOnTheSameDataIsNamed() {
        Path data = dir.resolve("data.db");
        try (Fazt fazt = Fazt.open(data, Map.of(), Map.of()); FaztServer server = new FaztServer(fazt, "127.0.0.1", 0).start()) {
            assertThat(DesktopLauncher.launch(data.toString(), null, false)).isEqualTo(1);
            assertThat(server.port()).isPositive();
        }
    }
}
