package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentStoreTest {
    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] drain(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void aLargeCachedContentIsHeldDirectAndGivesTheSameBytesThroughEveryView() {
        byte[] raw = random(ContentStore.DIRECT_FROM + 1);
        byte[] gzip = random(500);
        ContentStore.Content cached = new ContentStore.Content(raw, gzip).forCache();
        assertThat(cached.rawBuffer().isDirect()).isTrue();
        assertThat(cached.gzipBuffer().isDirect()).isTrue();
        assertThat(cached.size()).isEqualTo(raw.length);
        assertThat(cached.hasGzip()).isTrue();
        assertThat(cached.raw()).isEqualTo(raw);
        assertThat(cached.gzip()).isEqualTo(gzip);
        ByteBuffer first = cached.rawBuffer();
        assertThat(drain(first)).isEqualTo(raw);
        assertThat(drain(cached.rawBuffer())).as("a view read to its end leaves the next one whole").isEqualTo(raw);
        assertThat(cached.rawBuffer().isReadOnly()).isTrue();
    }

    @Test
    void aSmallContentStaysOnTheHeapAndOneWithoutGzipSaysSo() {
        byte[] raw = random(100);
        ContentStore.Content small = new ContentStore.Content(raw, null).forCache();
        assertThat(small.rawBuffer().isDirect()).isFalse();
        assertThat(drain(small.rawBuffer())).isEqualTo(raw);
        assertThat(small.hasGzip()).isFalse();
        assertThat(small.gzipBuffer()).isNull();
        ContentStore.Content bigWithoutGzip = new ContentStore.Content(random(ContentStore.DIRECT_FROM), null).forCache();
        assertThat(bigWithoutGzip.hasGzip()).isFalse();
        assertThat(bigWithoutGzip.gzip()).isNull();
        assertThat(bigWithoutGzip.gzipBuffer()).isNull();
    }
}
