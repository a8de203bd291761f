package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.LocalNode;
import fazt.core.apps.Bundle;
import fazt.core.changes.Change;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/changes} over real HTTP: what is changed through the API and directly on the
 * engine (as the desktop and {@code LocalNode} do) reaches the stream, never with a secret, and a
 * client that reconnects gets what it missed.
 */
class ChangesApiTest {
    final TestInstance t = new TestInstance();

    @AfterEach
    void stop() {
        t.close();
    }

    String key(Scope scope) {
        return t.fazt.apiKeys().create("test " + scope.id(), scope).token();
    }

    HttpResponse<byte[]> call(String method, String path, String body) {
        HttpResponse<byte[]> r = t.api(method, path, t.adminToken(), body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json");
        assertThat(r.statusCode()).as(method + " " + path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isBetween(200, 201);
        return r;
    }

    @Test
    void changesMadeThroughTheApiAndOnTheEngineReachTheStreamInOrder() throws Exception {
        try (ChangeEvents events = ChangeEvents.open(t, "/api/changes", key(Scope.READ), Map.of())) {
            assertThat(events.response().statusCode()).isEqualTo(200);
            assertThat(events.response().headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            ChangeEvents.Event start = events.next();
            assertThat(start.change()).as("the first event only says where the stream starts").isNull();
            assertThat(start.id()).isEqualTo(t.fazt.changes().lastId());
            List<Change> seen = new ArrayList<>();

            assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "one"))).statusCode()).isEqualTo(200);
            Change deployed = events.next("app.deployed");
            assertThat(deployed.app()).isEqualTo("blog");
            assertThat(deployed.subject()).isEqualTo("1");
            seen.add(deployed);

            // what LocalNode (the desktop) and the engine's own callers do, without HTTP
            new LocalNode(t.fazt).deploy("blog", TestInstance.zip(Map.of("index.html", "two")), null, n -> {});
            t.fazt.apps().deploy("blog", Bundle.of(Map.of("index.html", "three".getBytes(StandardCharsets.UTF_8))), null);
            seen.add(assertApp(events.next("app.deployed"), "blog", "2"));
            seen.add(assertApp(events.next("app.deployed"), "blog", "3"));

            call("POST", "/api/apps/blog/rollback", "{}");
            seen.add(assertApp(events.next("app.rolled_back"), "blog", "2"));

            call("PUT", "/api/aliases/home", "{\"type\": \"app\", \"target\": \"blog\"}");
            seen.add(assertApp(events.next("alias.set"), "blog", "home"));
            t.deploy("shop", TestInstance.zip(Map.of("index.html", "s")));
            seen.add(assertApp(events.next("app.deployed"), "shop", "1"));
            call("POST", "/api/aliases/swap", "{\"a\": \"home\", \"b\": \"shop\"}");
            seen.add(assertApp(events.next("alias.swapped"), null, "home,shop"));
            call("DELETE", "/api/aliases/home", null);
            seen.add(assertApp(events.next("alias.removed"), null, "home"));

            call("POST", "/api/envvars", "{\"app\": \"blog\", \"key\": \"API_KEY\", \"value\": \"env-value-never-sent\"}");
            seen.add(assertApp(events.next("env.set"), "blog", "API_KEY"));
            call("DELETE", "/api/envvars?app=blog&key=API_KEY", null);
            seen.add(assertApp(events.next("env.removed"), "blog", "API_KEY"));

            Users.User ann = t.fazt.users().signInForDevelopment("ann@example.com", "admin");
            seen.add(assertApp(events.next("user.created"), null, ann.id()));
            seen.add(assertApp(events.next("user.role_changed"), null, ann.id()));
            call("PUT", "/api/users/" + ann.id(), "{\"role\": \"user\"}");
            seen.add(assertApp(events.next("user.role_changed"), null, ann.id()));
            call("DELETE", "/api/users/" + ann.id(), null);
            seen.add(assertApp(events.next("user.deleted"), null, ann.id()));

            var created = json(call("POST", "/api/keys", "{\"name\": \"ci\", \"scope\": \"deploy\"}")).get("data");
            String keyId = created.get("key").get("id").asText();
            String token = created.get("token").asText();
            seen.add(assertApp(events.next("key.created"), null, keyId));
            call("DELETE", "/api/keys/" + keyId, null);
            seen.add(assertApp(events.next("key.revoked"), null, keyId));

            String invite = json(call("POST", "/api/invites", "{\"role\": \"admin\"}")).get("data").get("code").asText();
            seen.add(assertApp(events.next("invite.created"), null, null));
            call("DELETE", "/api/invites/" + invite, null);
            seen.add(assertApp(events.next("invite.revoked"), null, null));

            call("PUT", "/api/auth/providers/github", "{\"client_id\": \"id-1\", \"client_secret\": \"provider-secret-never-sent\"}");
            seen.add(assertApp(events.next("provider.set"), null, "github"));
            call("DELETE", "/api/auth/providers/github", null);
            seen.add(assertApp(events.next("provider.removed"), null, "github"));

            call("PUT", "/api/system/config", "{\"versions_kept\": \"5\", \"analytics_retention_days\": \"30\"}");
            seen.add(assertApp(events.next("settings.changed"), null, "analytics_retention_days,versions_kept"));

            call("POST", "/api/redirects", "{\"slug\": \"docs\", \"url\": \"https://example.com/docs\"}");
            seen.add(assertApp(events.next("shortlink.set"), null, "docs"));
            call("DELETE", "/api/redirects/docs", null);
            seen.add(assertApp(events.next("shortlink.removed"), null, "docs"));

            String shopId = t.fazt.apps().get("shop").id();
            call("DELETE", "/api/apps/shop", null);
            seen.add(assertApp(events.next("app.deleted"), "shop", shopId));

            assertThat(seen).extracting(Change::id).isSorted().doesNotHaveDuplicates();
            assertThat(seen).allSatisfy(c -> assertThat(c.time()).isPositive());
            assertThat(events.raw().toString()).doesNotContain("env-value-never-sent", token, invite, "provider-secret-never-sent");
        }
    }

    private static Change assertApp(Change c, String app, String subject) {
        assertThat(c.app()).as(c.toString()).isEqualTo(app);
        assertThat(c.subject()).as(c.toString()).isEqualTo(subject);
        return c;
    }

    @Test
    void aClientThatReconnectsGetsWhatItMissedOrAResync() throws Exception {
        String read = key(Scope.READ);
        long seen;
        try (ChangeEvents events = ChangeEvents.open(t, "/api/changes", read, Map.of())) {
            events.next();
            t.deploy("blog", TestInstance.zip(Map.of("index.html", "one")));
            seen = events.next("app.deployed").id();
        }
        t.deploy("blog", TestInstance.zip(Map.of("index.html", "two")));
        t.fazt.aliases().set("home", "app", "blog");

        try (ChangeEvents again = ChangeEvents.open(t, "/api/changes", read, Map.of("Last-Event-ID", String.valueOf(seen)))) {
            assertThat(again.next().id()).isEqualTo(seen);
            assertThat(again.next("app.deployed").subject()).isEqualTo("2");
            assertThat(again.next("alias.set").subject()).isEqualTo("home");
        }
        // a new EventSource cannot send the header: ?after= does the same, and a reconnect's header wins over it
        try (ChangeEvents byQuery = ChangeEvents.open(t, "/api/changes?after=" + seen, read, Map.of())) {
            assertThat(byQuery.next("app.deployed").subject()).isEqualTo("2");
        }
        try (ChangeEvents both = ChangeEvents.open(t, "/api/changes?after=" + seen, read,
                Map.of("Last-Event-ID", String.valueOf(seen + 1)))) {
            assertThat(both.next("alias.set").subject()).isEqualTo("home");
        }

        for (int i = 0; i < fazt.core.changes.Changes.RING + 5; i++) t.fazt.aliases().set("home", "reserved", null);
        try (ChangeEvents tooOld = ChangeEvents.open(t, "/api/changes", read, Map.of("Last-Event-ID", String.valueOf(seen)))) {
            Change resync = tooOld.next("resync");
            assertThat(resync.id()).isEqualTo(t.fazt.changes().lastId());
            assertThat(resync.subject()).contains("no longer kept");
            t.fazt.aliases().remove("home");
            assertThat(tooOld.next("alias.removed").id()).isEqualTo(resync.id() + 1);
        }
    }

    @Test
    void aReadKeyMayFollowWithoutAKeyIs401AndABadIdIs400() throws Exception {
        HttpResponse<byte[]> none = t.api("GET", "/api/changes", null, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(t.api("GET", "/api/changes", "fzt_not_a_key", null, null).statusCode()).isEqualTo(401);
        for (String query : new String[] {"?after=soon", "?after=1.5"}) {
            HttpResponse<byte[]> bad = t.api("GET", "/api/changes" + query, key(Scope.READ), null, null);
            assertThat(bad.statusCode()).as(query).isEqualTo(400);
            assertThat(json(bad).get("error").get("message").asText()).contains("after must be a whole number");
        }
        try (ChangeEvents badHeader = ChangeEvents.open(t, "/api/changes", key(Scope.READ), Map.of("Last-Event-ID", "x"))) {
            assertThat(badHeader.response().statusCode()).isEqualTo(400);
        }
        try (ChangeEvents deployKey = ChangeEvents.open(t, "/api/changes", key(Scope.DEPLOY), Map.of())) {
            assertThat(deployKey.response().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theStreamEndsWhenTheClientLeaves() throws Exception {
        ChangeEvents events = ChangeEvents.open(t, "/api/changes", key(Scope.READ), Map.of());
        events.next();
        assertThat(t.fazt.changes().readers()).isEqualTo(1);
        events.close();
        // the server notices at its next write: a change here, else the 15 s ping
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (t.fazt.changes().readers() > 0 && System.nanoTime() < deadline) {
            t.fazt.aliases().set("home", "reserved", null);
            Thread.sleep(50);
        }
        assertThat(t.fazt.changes().readers()).isZero();
    }
}
