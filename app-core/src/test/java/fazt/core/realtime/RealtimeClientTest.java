package fazt.core.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a close frame can carry: a reason of at most 123 bytes of UTF-8 (RFC 6455 §5.5). */
class RealtimeClientTest {
    @Test
    void aLongCloseReasonIsShortenedToFitTheFrame() {
        assertThat(RealtimeClient.shorten("kicked: spam")).isEqualTo("kicked: spam");
        assertThat(RealtimeClient.shorten(null)).isEmpty();
        String shortened = RealtimeClient.shorten("kicked: " + "é".repeat(200));
        assertThat(shortened.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(shortened).startsWith("kicked: éé").endsWith("…");
    }
}
