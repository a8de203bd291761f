package fazt.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.db.DataFileQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsTest {
    @TempDir
    Path dir;

    static IncomingEvent event(String path, String address) {
        return new IncomingEvent(System.currentTimeMillis(), null, "blog.localhost", path, "pageview", null, null, null,
                IncomingEvent.FROM_TRACK, address, "ua");
    }

    @Test
    void closeStoresEverythingBufferedAndNoRawAddress() throws Exception {
        Path data = dir.resolve("data.db");
        int n = 12_345;
        try (Fazt f = Fazt.open(data, Map.of(), Map.of())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = offset; i < n; i += 8) f.analytics().events().record(event("/p" + i, "203.0.113." + (i % 250)));
                }));
            }
            for (Thread t : threads) t.join();
        }
        DataFileQueries.Row counts = DataFileQueries.readOnly(data)
                .row("SELECT COUNT(*), COUNT(DISTINCT path), SUM(address = '203.0.113.0'), COUNT(visitor) FROM events");
        assertThat(counts.number(1)).isEqualTo(n);
        assertThat(counts.number(2)).isEqualTo(n);
        assertThat(counts.number(3)).isEqualTo(n);
        assertThat(counts.number(4)).isEqualTo(n);
        // 203.0.113.77 was among the addresses sent; only its /24 may be in the file
        assertThat(new String(Files.readAllBytes(data), StandardCharsets.ISO_8859_1)).doesNotContain("203.0.113.77");
    }

    @Test
    void eventsOfOneBatchShareAVisitorOnlyWithTheSameAddressAgentAndHost() throws Exception {
        Path data = dir.resolve("data.db");
        long now = System.currentTimeMillis();
        try (Fazt f = Fazt.open(data, Map.of(), Map.of())) {
            Events events = f.analytics().events();
            for (int i = 0; i < 3; i++) events.record(visit(now, "blog.localhost", "203.0.113.77", "ua"));
            events.record(visit(now, "blog.localhost", "203.0.113.77", "another ua"));
            events.record(visit(now, "blog.localhost", "203.0.113.78", "ua"));
            events.record(visit(now, "shop.localhost", "203.0.113.77", "ua"));
            events.record(visit(now, "blog.localhost", "2001:db8:1234:5678::1", "ua"));
            events.record(visit(now, "blog.localhost", null, "ua"));
        } // closing stores them as one batch
        DataFileQueries.Row row = DataFileQueries.readOnly(data).row("SELECT COUNT(*), COUNT(DISTINCT visitor), COUNT(visitor),"
                + " SUM(address = '203.0.113.0'), SUM(address = '2001:db8:1234::'), SUM(address IS NULL) FROM events");
        assertThat(row.number(1)).isEqualTo(8);
        assertThat(row.number(2)).as("distinct visitors: the three same visits count once, any other part makes another").isEqualTo(5);
        assertThat(row.number(3)).as("no address, no visitor").isEqualTo(7);
        assertThat(row.number(4)).isEqualTo(6);
        assertThat(row.number(5)).isEqualTo(1);
        assertThat(row.number(6)).isEqualTo(1);
    }

    private static IncomingEvent visit(long time, String host, String address, String agent) {
        return new IncomingEvent(time, null, host, "/", "pageview", null, null, null, IncomingEvent.FROM_SERVER, address, agent);
    }

    @Test
    void theSaltIsNeverStoredSoARestartStartsANewOne() throws Exception {
        Path data = dir.resolve("data.db");
        for (int run = 0; run < 2; run++) {
            try (Fazt f = Fazt.open(data, Map.of(), Map.of())) {
                f.analytics().events().record(event("/", "198.51.100.7"));
            }
        }
        DataFileQueries file = DataFileQueries.readOnly(data);
        DataFileQueries.Row events = file.row("SELECT COUNT(*), COUNT(DISTINCT visitor) FROM events");
        assertThat(events.number(1)).isEqualTo(2);
        assertThat(events.number(2)).as("the same visitor before and after a restart").isEqualTo(2);
        assertThat(file.number("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%salt%'")).isZero();
    }

    @Test
    void theMemoryAnEventTakesGrowsWithItsText() {
        IncomingEvent small = event("/", "203.0.113.1");
        IncomingEvent big = event("/" + "x".repeat(2000), "203.0.113.1");
        assertThat(big.approximateBytes() - small.approximateBytes()).isEqualTo(4000);
    }

    @Test
    void afterCloseEventsAreRefusedNotLost() throws Exception {
        try (Fazt f = Fazt.open(dir.resolve("data.db"), Map.of(), Map.of())) {
            Events events = f.analytics().events();
            events.close();
            assertThat(events.record(event("/late", "203.0.113.1"))).isFalse();
        }
    }

    @Test
    void badFieldsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> event("", "1.2.3.4")).isInstanceOf(FaztException.class).hasMessage("path must not be empty");
        assertThatThrownBy(() -> event("/" + "x".repeat(2048), "1.2.3.4")).hasMessageContaining("path is 2049 characters long; the limit is 2048");
        assertThatThrownBy(() -> event("/a\nb", "1.2.3.4")).hasMessageContaining("path must not contain control characters");
        assertThatThrownBy(() -> new IncomingEvent(1, null, "h", "/", "e".repeat(65), null, null, null, "track", null, null))
                .hasMessageContaining("event is 65 characters long; the limit is 64");
    }
}
