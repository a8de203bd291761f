package fazt.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.TempFazt;
import fazt.core.apps.Bundle;
import fazt.core.db.DataFileQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Raw events are kept for analytics_raw_days, their daily counts for analytics_retention_days:
 * the numbers stay the same when raw rows go, the migration to compact rows keeps the counts,
 * and the freed space is given back. Real data.db files in temp folders.
 */
class RawEventWindowTest {
    static final long DAY = 86_400_000L;

    static void record(Fazt fazt, long time, String app, String path, String event, String referrer, String address) {
        assertThat(fazt.analytics().events().record(new IncomingEvent(time, app, "x.localhost", path, event, referrer,
                null, null, IncomingEvent.FROM_TRACK, address, "ua"))).isTrue();
    }

    /** Events of 60 days, one app and none, a few paths, referrers, event names and visitors. */
    static void history(Fazt fazt, String app, long today) {
        for (int d = 0; d < 60; d++) {
            for (int i = 0; i < 5 + d % 4; i++) {
                record(fazt, today - d * DAY + i * 3_600_000L + d, i % 3 == 0 ? null : app, "/p" + (i + d) % 4,
                        i % 4 == 3 ? "signup" : "pageview", i % 2 == 0 ? "https://r" + d % 3 + ".example/" : null,
                        "203.0.113." + (i + d) % 5);
            }
        }
        fazt.analytics().events().flush();
    }

    /**
     * What the stats surfaces show: the fixed periods, all that is kept, a range with partial days
     * at both ends inside the raw window, whole days across its boundary, 60 days of daily points.
     */
    static List<Object> numbers(Stats stats, String app, long today) {
        return List.of(stats.summary(null, null, null), stats.summary(app, null, null), stats.summary(null, 0L, null),
                stats.summary(app, 0L, null), stats.summary(null, today - 20 * DAY + 1234, today - DAY + 5678),
                stats.summary(app, today - 45 * DAY, null), stats.timeline(null, Interval.DAY, null, null),
                stats.timeline(app, Interval.DAY, today - 60 * DAY, null));
    }

    static long rawRows(Fazt fazt) {
        return DataFileQueries.of(fazt.database()).number("SELECT COUNT(*) FROM event_rows");
    }

    @Test
    void statsAreTheSameAfterTheRawEventsPastTheWindowAreDeleted() {
        try (TempFazt t = new TempFazt()) {
            String blog = t.fazt.apps().deploy("blog", Bundle.of(Map.of("index.html", new byte[] {'b'})), false).id();
            long today = Math.floorDiv(System.currentTimeMillis(), DAY) * DAY;
            history(t.fazt, blog, today);
            Stats stats = t.fazt.analytics().stats();
            List<Object> before = numbers(stats, blog, today);
            long rowsBefore = rawRows(t.fazt);

            int deleted = t.fazt.analytics().retention().run();

            assertThat(deleted).isPositive();
            assertThat(rawRows(t.fazt)).isEqualTo(rowsBefore - deleted);
            assertThat(stats.recent(null, null, Stats.MAX_RECENT)).allMatch(e -> e.time() >= today - 30 * DAY);
            assertThat(numbers(stats, blog, today)).isEqualTo(before);
            // a range starting inside a day older than the window: that day's part is gone with its raw events, the
            // whole days after it still count
            assertThat(stats.summary(null, today - 45 * DAY + 1, null).range())
                    .isEqualTo(stats.summary(null, today - 44 * DAY, null).range());
        }
    }

    @Test
    void aShorterRawWindowKeepsFewerRowsAndTheSameNumbers() {
        try (TempFazt t = new TempFazt(Map.of("analytics_raw_days", "2"))) {
            long today = Math.floorDiv(System.currentTimeMillis(), DAY) * DAY;
            history(t.fazt, null, today);
            Stats stats = t.fazt.analytics().stats();
            // whole days only: the partial days of numbers() are older than this raw window
            List<Object> before = List.of(stats.summary(null, null, null), stats.summary(null, 0L, null),
                    stats.summary(null, today - 45 * DAY, today), stats.timeline(null, Interval.DAY, null, null));
            t.fazt.analytics().retention().run();
            assertThat(t.fazt.analytics().stats().recent(null, null, Stats.MAX_RECENT))
                    .isNotEmpty().allMatch(e -> e.time() >= today - 2 * DAY);
            assertThat(List.of(stats.summary(null, null, null), stats.summary(null, 0L, null),
                    stats.summary(null, today - 45 * DAY, today), stats.timeline(null, Interval.DAY, null, null))).isEqualTo(before);
        }
    }

    @Test
    void retentionGivesTheFreedPagesBack() {
        try (TempFazt t = new TempFazt()) {
            long old = System.currentTimeMillis() - 45 * DAY;
            for (int i = 0; i < 20_000; i++) {
                record(t.fazt, old + i, null, "/a/long/path/to/fill/pages/" + i, "pageview", "https://r.example/" + i, "203.0.113.9");
            }
            t.fazt.analytics().events().flush();
            long pagesBefore = pageCount(t.fazt);

            assertThat(t.fazt.analytics().retention().run()).isEqualTo(20_000);

            assertThat(t.fazt.database().freePages()).isZero();
            assertThat(pageCount(t.fazt)).isLessThan(pagesBefore / 2);
        }
    }

    static long pageCount(Fazt fazt) {
        return DataFileQueries.of(fazt.database()).number("PRAGMA page_count");
    }

    @Test
    void aBadRawWindowIsRefusedInWords() {
        try (TempFazt t = new TempFazt()) {
            assertThatThrownBy(() -> t.fazt.config().store("analytics_raw_days", "a month")).isInstanceOf(FaztException.class)
                    .hasMessageContaining("setting analytics_raw_days must be a whole number, not 'a month'");
            assertThatThrownBy(() -> t.fazt.config().store("analytics_raw_days", "0"))
                    .hasMessageContaining("setting analytics_raw_days must be from 1 to 36500, not 0");
            assertThat(t.fazt.config().get("analytics_raw_days")).isEqualTo("30");
        }
    }

    @Test
    void theMigrationToCompactRowsKeepsTheCounts() throws Exception {
        Path dir = Files.createTempDirectory("fazt-migration-test");
        Path file = dir.resolve("data.db");
        long now = System.currentTimeMillis();
        DataFileQueries old = DataFileQueries.olderVersion(file, 7);
        // what fazt before V8 wrote: the events, and the daily counts and visitors kept with them
        old.update("INSERT INTO events(time, app_id, host, path, event, referrer, tags, query, source, address, visitor)"
                + " VALUES (?, NULL, 'x.localhost', '/a', 'pageview', 'https://r.example/', NULL, NULL, 'track', '203.0.113.0', 11),"
                + " (?, NULL, 'x.localhost', '/b', 'pageview', NULL, '{\"plan\":\"pro\"}', NULL, 'track', '203.0.113.0', 12),"
                + " (?, NULL, 'x.localhost', '/a', 'signup', NULL, NULL, NULL, 'pixel', NULL, NULL),"
                + " (?, NULL, 'x.localhost', '/a', 'pageview', NULL, NULL, NULL, 'server', '198.51.100.0', 11)",
                now - 3 * DAY, now - 3 * DAY, now - DAY, now);
        old.update("INSERT INTO daily_visitors(day, app_id, visitor) SELECT DISTINCT time / 86400000, '', visitor FROM events"
                + " WHERE visitor IS NOT NULL");
        for (String d : List.of("path", "event", "referrer")) {
            old.update("INSERT INTO event_counts(dimension, day, app_id, value, count) SELECT '" + d + "', time / 86400000, '', "
                    + d + ", COUNT(*) FROM events WHERE " + d + " IS NOT NULL GROUP BY 2, 4");
        }
        Fazt fazt = Fazt.open(file, Map.of(), Map.of());
        try {
            Stats stats = fazt.analytics().stats();
            StatsSummary all = stats.summary(null, 0L, null);
            assertThat(all.events().all()).isEqualTo(4);
            assertThat(all.pageviews().all()).isEqualTo(3);
            assertThat(all.visitors().all()).isEqualTo(3);
            assertThat(all.range().events()).isEqualTo(4);
            assertThat(all.byPath()).containsExactly(new Count("/a", null, 3), new Count("/b", null, 1));
            List<StoredEvent> recent = stats.recent(null, null, 10);
            assertThat(recent).extracting(StoredEvent::path).containsExactly("/a", "/a", "/b", "/a");
            assertThat(recent.get(0).time()).isEqualTo(now);
            assertThat(recent.get(0).address()).isEqualTo("198.51.100.0");
            assertThat(recent.get(1).source()).isEqualTo("pixel");
            assertThat(recent.get(2).tags()).isEqualTo(Map.of("plan", "pro"));
            assertThat(recent.get(3).referrer()).isEqualTo("https://r.example/");
            // a partial day is read from the raw rows
            assertThat(stats.summary(null, now - 3 * DAY - 1, now + 1).range().events()).isEqualTo(4);
            assertThat(DataFileQueries.of(fazt.database()).number("PRAGMA auto_vacuum")).as("INCREMENTAL after the upgrade").isEqualTo(2);
        } finally {
            fazt.close();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

}
