package fazt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondOpenNamesTheHolder() {
        Path file = dir.resolve("data.db");
        try (Fazt first = Fazt.open(file, Map.of(), Map.of())) {
            first.lock().publish(4321, "tok");
            assertThatThrownBy(() -> Fazt.open(file, Map.of(), Map.of()))
                    .isInstanceOf(FaztException.class)
                    .hasMessageContaining("PID " + ProcessHandle.current().pid())
                    .hasMessageContaining("port 4321");
            assertThat(InstanceLock.readHolder(file)).get().extracting(InstanceLock.Holder::token).isEqualTo("tok");
        }
        assertThat(InstanceLock.readHolder(file)).isEmpty();
        try (Fazt again = Fazt.open(file, Map.of(), Map.of())) {
            assertThat(again.health().status()).isEqualTo("ok");
        }
    }
}
