package fazt.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Fazt;
import fazt.core.db.Retention;
import fazt.core.FaztException;
import fazt.core.apps.Bundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored function logs of SPEC §4.4, on a real data.db. */
class FunctionLogsTest {
    @TempDir
    Path dir;

    Fazt fazt;
    FunctionLogs logs;
    String blog;
    String shop;

    @BeforeEach
    void open() {
        fazt = Fazt.open(dir.resolve("data.db"), Map.of(), Map.of());
        logs = fazt.functionLogs();
        blog = deploy("blog");
        shop = deploy("shop");
    }

    @AfterEach
    void close() {
        fazt.close();
    }

    String deploy(String name) {
        return fazt.apps().deploy(name, Bundle.of(Map.of("index.html", name.getBytes(StandardCharsets.UTF_8))), false).id();
    }

    int stored(String where) {
        return fazt.database().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM function_logs WHERE " + where)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void queriesFilterByAppLevelLimitAndSinceNewestFirst() {
        logs.append(blog, "blog", 1, "debug", "b-debug", "r1");
        logs.append(blog, "blog", 1, "INFO", "b-info", "r1");
        logs.append(shop, "shop", 3, "warn", "s-warn", null);
        logs.append(blog, "blog", 2, "error", "b-error", "r2");

        List<LogLine> all = logs.query(null, null, 100, null);
        assertThat(all).extracting(LogLine::message).containsExactly("b-error", "s-warn", "b-info", "b-debug");
        assertThat(all.get(0).id()).isGreaterThan(all.get(1).id());
        LogLine newest = all.get(0);
        assertThat(newest.app()).isEqualTo("blog");
        assertThat(newest.version()).isEqualTo(2);
        assertThat(newest.level()).isEqualTo("error");
        assertThat(newest.requestId()).isEqualTo("r2");
        assertThat(newest.time()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));

        assertThat(logs.query(blog, null, 100, null)).extracting(LogLine::message).containsExactly("b-error", "b-info", "b-debug");
        assertThat(logs.query(null, "warn", 100, null)).extracting(LogLine::message).containsExactly("b-error", "s-warn");
        assertThat(logs.query(blog, "info", 100, null)).extracting(LogLine::message).containsExactly("b-error", "b-info");
        assertThat(logs.query(null, null, 2, null)).extracting(LogLine::message).containsExactly("b-error", "s-warn");
        assertThat(logs.query(null, null, 100, all.get(2).id())).extracting(LogLine::message).containsExactly("b-error", "s-warn");
        assertThatThrownBy(() -> logs.query(null, "loud", 10, null)).isInstanceOf(FaztException.class)
                .hasMessageContaining("level must be debug, info, warn or error");
        assertThatThrownBy(() -> logs.query(null, null, 0, null)).hasMessageContaining("limit must be at least 1");
        assertThatThrownBy(() -> logs.append(blog, "blog", 1, "trace", "x", null)).hasMessageContaining("level must be");
    }

    @Test
    void limitIsCappedAtOneThousand() {
        for (int i = 0; i < 1100; i++) logs.append(blog, "blog", 1, "info", "line " + i, null);
        assertThat(logs.query(blog, null, 5000, null)).hasSize(FunctionLogs.MAX_LIMIT);
    }

    @Test
    void appendsAreStoredInTheBackgroundWithoutAnExplicitFlush() throws Exception {
        for (int i = 0; i < 1200; i++) logs.append(blog, "blog", 1, "info", "line " + i, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stored("1 = 1") < 1200 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(stored("1 = 1")).isEqualTo(1200);
    }

    @Test
    void longMessagesAreTruncatedWithAMarkerAndNeverSplitACharacter() {
        String ascii = "a".repeat(20_000);
        assertThat(FunctionLogs.truncate(ascii)).endsWith("...[truncated: 20000 bytes in all]");
        assertThat(FunctionLogs.truncate(ascii).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(FunctionLogs.MAX_MESSAGE_BYTES);
        String euros = "€".repeat(5000); // 3 bytes each
        String cut = FunctionLogs.truncate(euros);
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(FunctionLogs.MAX_MESSAGE_BYTES);
        assertThat(cut.substring(0, cut.indexOf(' '))).matches("€+");
        String exact = "b".repeat(FunctionLogs.MAX_MESSAGE_BYTES);
        assertThat(FunctionLogs.truncate(exact)).isSameAs(exact);

        logs.append(blog, "blog", 1, "info", ascii, null);
        assertThat(logs.query(blog, null, 1, null).get(0).message()).hasSizeLessThan(8200).contains("truncated");
    }

    @Test
    void linesReachTheLogHubAsAppLines() {
        logs.append(blog, "blog", 1, "warn", "hub line 7f3a", "req-9");
        assertThat(LogHub.shared().recent(200)).anySatisfy(e -> {
            assertThat(e.message()).isEqualTo("hub line 7f3a");
            assertThat(e.level()).isEqualTo("WARN");
            assertThat(e.logger()).isEqualTo("app:blog");
            assertThat(e.app()).isEqualTo("blog");
            assertThat(e.requestId()).isEqualTo("req-9");
        });
    }

    @Test
    void purgeDeletesOnlyLinesOlderThanTheCutoffAndRetentionUsesTheSetting() {
        for (int i = 0; i < 3; i++) logs.append(blog, "blog", 1, "info", "old " + i, null);
        logs.append(blog, "blog", 1, "info", "new", null);
        logs.flush();
        long eightDaysAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(8);
        age("message LIKE 'old%'", eightDaysAgo);

        Retention retention = new Retention("function log lines", "logs_retention_days",
                () -> fazt.config().getInt("logs_retention_days"), logs::purgeOlderThan);
        assertThat(fazt.config().getInt("logs_retention_days")).isEqualTo(7);
        assertThat(retention.run()).isEqualTo(3);
        assertThat(logs.query(null, null, 100, null)).extracting(LogLine::message).containsExactly("new");

        age("message = 'new'", System.currentTimeMillis() - TimeUnit.DAYS.toMillis(2));
        assertThat(retention.run()).isZero();
        fazt.config().store("logs_retention_days", "1");
        assertThat(retention.run()).isEqualTo(1);
        assertThat(logs.purgeOlderThan(System.currentTimeMillis())).isZero();
    }

    void age(String where, long time) {
        fazt.database().write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE function_logs SET time = ? WHERE " + where)) {
                p.setLong(1, time);
                return p.executeUpdate();
            }
        });
    }

    @Test
    void oldLinesArePurgedAtStartAndIdsAreNeverReused() throws Exception {
        logs.append(blog, "blog", 1, "info", "ancient", null);
        logs.flush();
        age("1 = 1", System.currentTimeMillis() - TimeUnit.DAYS.toMillis(30));
        long lastId = logs.query(null, null, 1, null).get(0).id();
        fazt.close();

        fazt = Fazt.open(dir.resolve("data.db"), Map.of(), Map.of());
        logs = fazt.functionLogs();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stored("1 = 1") > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(stored("1 = 1")).isZero();
        logs.append(blog, "blog", 1, "info", "fresh", null);
        assertThat(logs.query(null, null, 1, null).get(0).id()).isGreaterThan(lastId);
    }

    @Test
    void closingStoresWhatWaits() {
        logs.append(blog, "blog", 1, "info", "last words", null);
        fazt.close();
        fazt = Fazt.open(dir.resolve("data.db"), Map.of(), Map.of());
        assertThat(fazt.functionLogs().query(blog, null, 10, null)).extracting(LogLine::message).containsExactly("last words");
    }

    @Test
    void deleteAppRemovesOnlyThatAppsLines() {
        logs.append(blog, "blog", 1, "info", "b", null);
        logs.append(shop, "shop", 1, "info", "s", null);
        assertThat(logs.deleteApp(blog)).isEqualTo(1);
        assertThat(logs.query(null, null, 10, null)).extracting(LogLine::message).containsExactly("s");
    }

    @Test
    void followerGivesStoredLinesThenLiveOnesOnceInOrder() throws Exception {
        for (int i = 0; i < 60; i++) logs.append(blog, "blog", 1, "info", "stored " + i, null);
        logs.append(shop, "shop", 1, "error", "other app", null);
        try (LogFollower f = logs.follow(blog, null, null)) {
            assertThat(logs.followerCount()).isEqualTo(1);
            List<String> got = drain(f, LogFollower.BACKLOG);
            assertThat(got).hasSize(LogFollower.BACKLOG).startsWith("stored 10").endsWith("stored 59");
            logs.append(blog, "blog", 1, "debug", "live", null);
            logs.append(shop, "shop", 1, "error", "not mine", null);
            assertThat(f.poll(2000).message()).isEqualTo("live");
            assertThat(f.poll(100)).isNull();
        }
        assertThat(logs.followerCount()).isZero();

        try (LogFollower warnings = logs.follow(null, "warn", null)) {
            assertThat(drain(warnings, 2)).containsExactly("other app", "not mine");
        }
    }

    @Test
    void followerResumesAfterAnIdAndCatchesUpFromDataDbWhenFarBehind() throws Exception {
        logs.append(blog, "blog", 1, "info", "before", null);
        long before = logs.query(null, null, 1, null).get(0).id();
        logs.append(blog, "blog", 1, "info", "after", null);
        try (LogFollower resumed = logs.follow(null, null, before)) {
            assertThat(drain(resumed, 1)).containsExactly("after");
        }

        try (LogFollower slow = logs.follow(blog, null, null)) {
            drain(slow, 2);
            int n = LogFollower.QUEUE + 500; // more than a follower queues: the rest must come from data.db
            for (int i = 0; i < n; i++) {
                logs.append(blog, "blog", 1, "info", "n" + i, null);
                if (i % 1000 == 0) logs.flush(); // keeps storage ahead on a slow machine; only the follower may fall behind
            }
            List<String> got = drain(slow, n);
            assertThat(got).hasSize(n);
            for (int i = 0; i < n; i++) assertThat(got.get(i)).isEqualTo("n" + i);
            assertThat(slow.poll(100)).isNull();
        }
    }

    static List<String> drain(LogFollower f, int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        while (got.size() < count) {
            LogLine l = f.poll(5000);
            if (l == null) break;
            got.add(l.message());
        }
        return got;
    }
}
