package fazt.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import fazt.core.apps.Bundle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The numbers of SPEC §7 for a known set of events, on a real data.db, with a fixed clock. */
class StatsTest {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    /** 2026-03-10 14:30 UTC. */
    static final long NOW = Instant.parse("2026-03-10T14:30:00Z").toEpochMilli();
    static final long TODAY = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();

    final TempFazt t = new TempFazt();
    final Events events = t.fazt.analytics().events();
    final Stats stats = new Stats(t.fazt.database(), events, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    final String blog = t.fazt.apps().deploy("blog", Bundle.of(Map.of("index.html", new byte[] {'b'})), false).id();
    final String shop = t.fazt.apps().deploy("shop", Bundle.of(Map.of("index.html", new byte[] {'s'})), false).id();

    @AfterEach
    void close() {
        t.close();
    }

    void record(long time, String app, String path, String event, String referrer, String address, String agent) {
        assertThat(events.record(new IncomingEvent(time, app, app == null ? "elsewhere.example" : "x.localhost", path, event,
                referrer, null, null, IncomingEvent.FROM_TRACK, address, agent))).isTrue();
    }

    void knownEvents() {
        // today: three pageviews of blog by two visitors (the same address and agent twice), one signup
        record(TODAY + 1 * HOUR, blog, "/", "pageview", "https://news.example/", "203.0.113.5", "ua-1");
        record(TODAY + 2 * HOUR, blog, "/about", "pageview", null, "203.0.113.5", "ua-1");
        record(TODAY + 2 * HOUR + 5, blog, "/", "pageview", "https://news.example/", "203.0.113.6", "ua-1");
        record(TODAY + 3 * HOUR, blog, "/", "signup", null, "203.0.113.6", "ua-1");
        // 3 days ago: shop, one visitor
        record(TODAY - 3 * DAY + HOUR, shop, "/cart", "pageview", "https://search.example/", "198.51.100.1", "ua-2");
        // 10 days ago: blog
        record(TODAY - 10 * DAY, blog, "/old", "pageview", null, "198.51.100.1", "ua-2");
        // 100 days ago: no app
        record(TODAY - 100 * DAY, null, "/", "pageview", null, "198.51.100.1", "ua-2");
    }

    @Test
    void summaryCountsThePeriodsAndBreakdowns() {
        knownEvents();
        StatsSummary all = stats.summary(null, null, null);
        assertThat(all.events()).isEqualTo(new Periods(4, 5, 6, 7));
        assertThat(all.pageviews()).isEqualTo(new Periods(3, 4, 5, 6));
        assertThat(all.visitors().today()).isEqualTo(2);
        assertThat(all.range()).isEqualTo(new StatsSummary.RangeTotals(6, 5, all.range().visitors()));
        assertThat(all.from()).isEqualTo(TODAY - 29 * DAY);
        assertThat(all.byApp()).containsExactly(new Count(blog, "blog", 5), new Count(shop, "shop", 1));
        assertThat(all.byPath()).startsWith(new Count("/", null, 3));
        assertThat(all.byReferrer()).containsExactly(new Count("https://news.example/", null, 2),
                new Count("https://search.example/", null, 1));
        assertThat(all.byEvent()).containsExactly(new Count("pageview", null, 5), new Count("signup", null, 1));

        StatsSummary ever = stats.summary(null, 0L, null);
        assertThat(ever.range().events()).isEqualTo(7);
        assertThat(ever.byApp()).contains(new Count(null, null, 1));

        StatsSummary onlyBlog = stats.summary(blog, null, null);
        assertThat(onlyBlog.app()).isEqualTo("blog");
        assertThat(onlyBlog.events()).isEqualTo(new Periods(4, 4, 5, 5));
        assertThat(onlyBlog.byApp()).isEmpty();

        StatsSummary window = stats.summary(null, TODAY + 2 * HOUR, TODAY + 3 * HOUR);
        assertThat(window.range()).isEqualTo(new StatsSummary.RangeTotals(2, 2, 2));
        assertThat(window.byPath()).containsExactly(new Count("/", null, 1), new Count("/about", null, 1));

        // partial days at both ends: the events of those hours, whole days in between from the daily counts
        StatsSummary across = stats.summary(null, TODAY - 3 * DAY + HOUR / 2, TODAY + 2 * HOUR);
        assertThat(across.range().events()).isEqualTo(2);
        assertThat(across.byPath()).containsExactly(new Count("/", null, 1), new Count("/cart", null, 1));
        assertThat(across.byApp()).containsExactlyInAnyOrder(new Count(blog, "blog", 1), new Count(shop, "shop", 1));
        assertThat(across.byReferrer()).containsExactly(new Count("https://news.example/", null, 1),
                new Count("https://search.example/", null, 1));
    }

    @Test
    void theSameAddressAndAgentCountOnceADay() {
        record(TODAY + HOUR, blog, "/", "pageview", null, "203.0.113.5", "ua-1");
        record(TODAY + 2 * HOUR, blog, "/a", "pageview", null, "203.0.113.5", "ua-1");
        record(TODAY + 3 * HOUR, blog, "/b", "pageview", null, "203.0.113.5", "ua-2"); // another browser
        record(TODAY + 4 * HOUR, blog, "/c", "pageview", null, "203.0.113.9", "ua-1"); // same /24, other address
        assertThat(stats.summary(blog, null, null).visitors().today()).isEqualTo(3);
    }

    @Test
    void dailyTimelineHasOnePointPerDayWithZeros() {
        knownEvents();
        List<TimelinePoint> days = stats.timeline(null, Interval.DAY, null, null);
        assertThat(days).hasSize(30);
        assertThat(days.get(29).start()).isEqualTo(TODAY);
        assertThat(days.get(29)).isEqualTo(new TimelinePoint(TODAY, 4, 3, 2));
        assertThat(days.get(26)).isEqualTo(new TimelinePoint(TODAY - 3 * DAY, 1, 1, 1));
        assertThat(days.get(19)).isEqualTo(new TimelinePoint(TODAY - 10 * DAY, 1, 1, 1));
        assertThat(days.stream().mapToLong(TimelinePoint::events).sum()).isEqualTo(6);

        List<TimelinePoint> blogDays = stats.timeline(blog, Interval.DAY, TODAY - 3 * DAY, TODAY + DAY);
        assertThat(blogDays).extracting(TimelinePoint::events).containsExactly(0L, 0L, 0L, 4L);
    }

    @Test
    void hourlyTimelineSplitsTheDay() {
        knownEvents();
        List<TimelinePoint> hours = stats.timeline(blog, Interval.HOUR, TODAY, TODAY + 4 * HOUR);
        assertThat(hours).extracting(TimelinePoint::events).containsExactly(0L, 1L, 2L, 1L);
        assertThat(hours).extracting(TimelinePoint::pageviews).containsExactly(0L, 1L, 2L, 0L);
        assertThat(hours.get(2).visitors()).isEqualTo(2);
        assertThat(stats.timeline(null, Interval.HOUR, null, null)).hasSize(24);
    }

    @Test
    void badRangesAreRefused() {
        assertThatThrownBy(() -> stats.summary(null, NOW, NOW - 1)).isInstanceOf(FaztException.class).hasMessageContaining("to must be after from");
        assertThatThrownBy(() -> stats.timeline(null, Interval.HOUR, 0L, NOW)).hasMessageContaining("at most 5000 points");
        assertThatThrownBy(() -> Interval.parse("week")).hasMessageContaining("interval must be hour or day");
        assertThatThrownBy(() -> stats.recent(null, null, 0)).hasMessageContaining("limit must be at least 1");
    }

    @Test
    void recentShowsTheTruncatedAddressOnly() {
        assertThat(events.record(new IncomingEvent(NOW, blog, "blog.localhost", "/", "signup", null, "{\"plan\":\"pro\"}",
                "{\"utm_source\":\"mail\"}", IncomingEvent.FROM_TRACK, "203.0.113.77", "ua"))).isTrue();
        StoredEvent e = stats.recent(blog, "signup", 10).get(0);
        assertThat(e.address()).isEqualTo("203.0.113.0");
        assertThat(e.tags()).isEqualTo(Map.of("plan", "pro"));
        assertThat(e.query()).isEqualTo(Map.of("utm_source", "mail"));
        assertThat(stats.recent(blog, "pageview", 10)).isEmpty();
    }

    @Test
    void deletingAnAppDeletesItsEvents() {
        knownEvents();
        assertThat(stats.summary(null, 0L, null).events().all()).isEqualTo(7);
        t.fazt.apps().delete("blog");
        StatsSummary after = stats.summary(null, 0L, null);
        assertThat(after.range().events()).isEqualTo(2);
        assertThat(after.events().all()).isEqualTo(2);
        assertThat(after.byPath()).containsExactly(new Count("/", null, 1), new Count("/cart", null, 1));
    }

    @Test
    void retentionDeletesOldCountsAndRawEventsPastTheirWindow() {
        long now = System.currentTimeMillis();
        record(now - 500 * DAY, blog, "/ancient", "pageview", null, "203.0.113.5", "ua");
        record(now - 401 * DAY, blog, "/old", "pageview", null, "203.0.113.5", "ua");
        record(now - 399 * DAY, blog, "/kept", "pageview", null, "203.0.113.5", "ua");
        record(now - 40 * DAY, blog, "/counted", "pageview", null, "203.0.113.5", "ua");
        record(now, blog, "/new", "pageview", null, "203.0.113.5", "ua");
        events.flush();
        // raw events are kept 30 days (analytics_raw_days), their daily counts 400 (analytics_retention_days)
        assertThat(t.fazt.analytics().retention().run()).isEqualTo(4);
        assertThat(stats.recent(null, null, 10)).extracting(StoredEvent::path).containsExactly("/new");
        StatsSummary all = t.fazt.analytics().stats().summary(null, 0L, null);
        assertThat(all.events().all()).isEqualTo(3);
        assertThat(all.byPath()).extracting(Count::key).containsExactlyInAnyOrder("/kept", "/counted", "/new");
    }
}
