package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.analytics.IncomingEvent;
import fazt.core.apps.Bundle;
import fazt.server.TestInstance;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt stats} and {@code fazt redirect}, directly on data.db and through a running instance. */
class AnalyticsCliTest {
    @TempDir
    Path dir;

    @Test
    void statsDirectlyOnDataDb() {
        Path data = dir.resolve("data.db");
        try (Fazt f = Fazt.open(data, Map.of(), Map.of())) {
            String id = f.apps().deploy("blog", Bundle.of(Map.of("index.html", new byte[] {'x'})), false).id();
            long now = System.currentTimeMillis();
            for (String path : new String[] {"/", "/", "/about"}) {
                f.analytics().events().record(new IncomingEvent(now, id, "blog.localhost", path, "pageview", null, null, null,
                        IncomingEvent.FROM_SERVER, "203.0.113.9", "ua"));
            }
        }
        String d = data.toString();
        CliTest.Run human = fazt("stats", "--data", d);
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out()).contains("TODAY").contains("pageviews  3").contains("visitors   1")
                .contains("APPS (30 DAYS)").contains("blog").contains("/about");
        CliTest.Run json = fazt("stats", "blog", "--json", "--data", d);
        assertThat(json.json().get("pageviews").get("today").asLong()).isEqualTo(3);
        assertThat(json.json().get("by_path").get(0).get("key").asText()).isEqualTo("/");
        CliTest.Run nope = fazt("stats", "nope", "--data", d);
        assertThat(nope.code()).isEqualTo(1);
        assertThat(nope.err()).contains("no app 'nope'");
    }

    @Test
    void redirectsDirectlyOnDataDb() {
        String d = dir.resolve("data.db").toString();
        assertThat(fazt("redirect", "list", "--data", d).out()).contains("no short links");
        CliTest.Run set = fazt("redirect", "set", "docs", "https://example.com/docs", "--data", d);
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("/r/docs now sends visitors to https://example.com/docs\n");
        assertThat(fazt("redirect", "list", "--data", d).out()).contains("SLUG").contains("docs  0").contains("https://example.com/docs");
        assertThat(fazt("redirect", "list", "--json", "--data", d).json().get(0).get("destination").asText())
                .isEqualTo("https://example.com/docs");

        CliTest.Run badSlug = fazt("redirect", "set", "Docs!", "https://example.com", "--data", d);
        assertThat(badSlug.code()).isEqualTo(1);
        assertThat(badSlug.err()).contains("slug must be 1 to 64 characters");
        CliTest.Run badUrl = fazt("redirect", "set", "x", "example.com", "--data", d);
        assertThat(badUrl.err()).contains("must start with http:// or https://");
        assertThat(fazt("redirect", "set", "x", "--data", d).code()).isEqualTo(2);

        assertThat(fazt("redirect", "remove", "docs", "--data", d).out()).isEqualTo("removed /r/docs\n");
        CliTest.Run again = fazt("redirect", "remove", "docs", "--data", d);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("no redirect 'docs'");
    }

    @Test
    void throughTheRunningInstance() {
        try (TestInstance t = new TestInstance()) {
            String d = t.dir.resolve("data.db").toString();
            assertThat(fazt("redirect", "set", "go", "https://example.com/", "--data", d).code()).isZero();
            assertThat(t.get("blog.localhost", "/r/go").statusCode()).isEqualTo(302);
            assertThat(fazt("redirect", "list", "--json", "--data", d).json().get(0).get("clicks").asLong()).isEqualTo(1);
            assertThat(t.send(t.request("blog.localhost", "/track").POST(HttpRequest.BodyPublishers.ofString("{\"p\":\"/hello\"}"))
                    .build()).statusCode()).isEqualTo(204);
            CliTest.Run stats = fazt("stats", "--json", "--data", d);
            assertThat(stats.code()).as(stats.err()).isZero();
            assertThat(stats.json().get("pageviews").get("today").asLong()).isEqualTo(1);
            assertThat(stats.json().get("by_path").get(0).get("key").asText()).isEqualTo("/hello");
            var remote = new fazt.core.peers.RemoteNode("test", t.uri("/"), t.adminToken());
            var week = remote.timeline("root", fazt.core.analytics.Interval.DAY, 7);
            assertThat(week).hasSize(7);
            assertThat(remote.timeline(null, fazt.core.analytics.Interval.DAY, 7).get(6).pageviews()).isEqualTo(1);
            assertThat(remote.stats(null).byPath().get(0).key()).isEqualTo("/hello");
            assertThat(fazt("redirect", "remove", "nothing", "--data", d).err()).contains("no redirect 'nothing'");
            assertThat(fazt("redirect", "remove", "go", "--data", d).code()).isZero();
            assertThat(t.fazt.analytics().shortLinks().list()).isEmpty();
        }
    }
}
