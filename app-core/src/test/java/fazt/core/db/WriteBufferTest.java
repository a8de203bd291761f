package fazt.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WriteBufferTest {
    final List<String> stored = new CopyOnWriteArrayList<>();

    /** Flushes only when asked (the interval never passes during a test), holding at most 10 characters. */
    WriteBuffer<String> buffer() {
        return new WriteBuffer<>("test rows", Duration.ofDays(1), 1000, 100, 10, String::length, 2, stored::addAll);
    }

    @Test
    void rowsPastTheByteBudgetAreDroppedUntilTheBufferIsStored() {
        try (WriteBuffer<String> buffer = buffer()) {
            assertThat(buffer.add("abcd")).isTrue();
            assertThat(buffer.add("efgh")).isTrue();
            assertThat(buffer.add("ijk")).as("11 characters in all").isFalse();
            assertThat(buffer.add("ij")).as("exactly 10").isTrue();
            assertThat(buffer.add("k")).isFalse();
            buffer.flush();
            assertThat(stored).containsExactly("abcd", "efgh", "ij");
            assertThat(buffer.add("k")).as("stored rows free their bytes").isTrue();
            assertThat(buffer.add("x".repeat(11))).as("a row bigger than the whole budget").isFalse();
        }
        assertThat(stored).containsExactly("abcd", "efgh", "ij", "k");
    }
}
