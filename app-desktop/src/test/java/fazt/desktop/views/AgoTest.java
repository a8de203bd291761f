package fazt.desktop.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** "3 min ago": the largest whole unit, singular and plural. */
class AgoTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long MIN = 60_000;

    @Test
    void saysHowLongAgoInTheLargestWholeUnit() {
        assertThat(Ago.text(NOW, NOW)).isEqualTo("just now");
        assertThat(Ago.text(NOW, NOW - 59_999)).isEqualTo("just now");
        assertThat(Ago.text(NOW, NOW + 5 * MIN)).as("a clock ahead of ours").isEqualTo("just now");
        assertThat(Ago.text(NOW, NOW - 3 * MIN - 10_000)).isEqualTo("3 min ago");
        assertThat(Ago.text(NOW, NOW - 60 * MIN)).isEqualTo("1 hour ago");
        assertThat(Ago.text(NOW, NOW - 5 * 60 * MIN)).isEqualTo("5 hours ago");
        assertThat(Ago.text(NOW, NOW - 24 * 60 * MIN)).isEqualTo("1 day ago");
        assertThat(Ago.text(NOW, NOW - 29 * 24 * 60 * MIN)).isEqualTo("29 days ago");
        assertThat(Ago.text(NOW, NOW - 61 * 24 * 60 * MIN)).isEqualTo("2 months ago");
        assertThat(Ago.text(NOW, NOW - 800 * 24 * 60 * MIN)).isEqualTo("2 years ago");
    }
}
