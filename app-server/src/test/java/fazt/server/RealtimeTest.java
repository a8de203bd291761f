package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /_ws} and {@code fazt.realtime} on a real instance, with the JDK's WebSocket client. */
class RealtimeTest {
    /** A function per path: what the tests ask the app to do with fazt.realtime. */
    static final String MAIN = """
            var b = request.body || {};
            var rt = fazt.realtime;
            if (request.path === '/api/send') respond({to: rt.broadcast(b.channel, b.data)});
            else if (request.path === '/api/all') respond({to: rt.broadcastAll(b.data)});
            else if (request.path === '/api/subs') respond({subs: rt.subscribers(b.channel), count: rt.count(b.channel), all: rt.count()});
            else if (request.path === '/api/client') respond({client: rt.client(b.id)});
            else if (request.path === '/api/kick') respond({kicked: rt.kick(b.id, b.reason)});
            else if (request.path === '/api/flood') {
              var big = new Array(b.size + 1).join('x');
              for (var i = 0; i < b.times; i++) rt.broadcast(b.channel, {i: (b.from || 0) + i, big: big});
              respond({done: true});
            }
            else if (request.path === '/api/bad') {
              try { rt.broadcast('', 1); respond({thrown: false}); } catch (e) { respond({thrown: true, message: e.message}); }
            }
            """;

    TestInstance t;

    @AfterEach
    void stop() {
        if (t != null) t.close();
    }

    /** An instance with {@code flags}; functions get 30 s, as a first call on a busy machine waits for the engine to warm. */
    void start(Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(flags);
        all.putIfAbsent("functions_timeout_ms", "30000");
        t = new TestInstance(all);
    }

    void deploy(String name, String manifest) {
        Map<String, Object> files = new LinkedHashMap<>();
        if (manifest != null) files.put("manifest.json", manifest);
        files.put("index.html", "<h1>" + name + "</h1>");
        files.put("api/main.js", MAIN);
        HttpResponse<byte[]> r = t.deploy(name, TestInstance.zip(files));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    JsonNode call(String app, String path, String json) {
        HttpResponse<byte[]> r = t.send(t.request(app + ".localhost", path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return TestInstance.json(r);
    }

    RealtimeTestClient client(String app) {
        return RealtimeTestClient.open(t, app + ".localhost");
    }

    @Test
    void aFunctionBroadcastsToTheChannelsSubscribers() {
        start(Map.of());
        deploy("chat", null);
        RealtimeTestClient c = client("chat");
        JsonNode subscribed = c.subscribe("room");
        assertThat(subscribed.toString()).isEqualTo("{\"type\":\"subscribed\",\"channel\":\"room\"}");

        long before = System.currentTimeMillis();
        assertThat(call("chat", "/api/send", "{\"channel\":\"room\",\"data\":{\"text\":\"hi\",\"n\":[1,2]}}").get("to").asInt()).isEqualTo(1);
        JsonNode m = c.next();
        assertThat(m.get("type").asText()).isEqualTo("message");
        assertThat(m.get("channel").asText()).isEqualTo("room");
        assertThat(m.get("data").toString()).isEqualTo("{\"text\":\"hi\",\"n\":[1,2]}");
        assertThat(m.get("timestamp").asLong()).isBetween(before, System.currentTimeMillis());
        assertThat(m.size()).isEqualTo(4);

        assertThat(call("chat", "/api/all", "{\"data\":\"everyone\"}").get("to").asInt()).isEqualTo(1);
        JsonNode all = c.next();
        assertThat(all.get("type").asText()).isEqualTo("message");
        assertThat(all.has("channel")).isFalse();
        assertThat(all.get("data").asText()).isEqualTo("everyone");

        JsonNode subs = call("chat", "/api/subs", "{\"channel\":\"room\"}");
        assertThat(subs.get("subs")).hasSize(1);
        assertThat(subs.get("subs").get(0).asText()).startsWith("ws_");
        assertThat(subs.get("count").asInt()).isEqualTo(1);
        assertThat(subs.get("all").asInt()).isEqualTo(1);
        JsonNode info = call("chat", "/api/client", "{\"id\":\"" + subs.get("subs").get(0).asText() + "\"}").get("client");
        assertThat(info.get("user").isNull()).isTrue();
        assertThat(info.get("channels").toString()).isEqualTo("[\"room\"]");
        assertThat(call("chat", "/api/client", "{\"id\":\"ws_nobody\"}").get("client").isNull()).isTrue();

        c.send("{\"type\":\"unsubscribe\",\"channel\":\"room\"}");
        assertThat(c.next().toString()).isEqualTo("{\"type\":\"unsubscribed\",\"channel\":\"room\"}");
        assertThat(call("chat", "/api/send", "{\"channel\":\"room\",\"data\":1}").get("to").asInt()).isZero();
        c.close();
    }

    @Test
    void clientsCannotPublishAndBadMessagesGetAnError() {
        start(Map.of());
        deploy("chat", null);
        RealtimeTestClient c = client("chat");
        c.send("{\"type\":\"message\",\"channel\":\"room\",\"data\":\"spoof\"}");
        JsonNode e = c.next();
        assertThat(e.get("type").asText()).isEqualTo("error");
        assertThat(e.get("error").asText()).contains("unknown message type 'message'").contains("fazt.realtime.broadcast");
        c.send("not json");
        assertThat(c.next().get("error").asText()).startsWith("not JSON");
        c.send("{\"type\":\"subscribe\"}");
        assertThat(c.next().get("error").asText()).contains("needs a \"channel\"");
        JsonNode tooLong = c.subscribe("x".repeat(129));
        assertThat(tooLong.get("type").asText()).isEqualTo("error");
        assertThat(tooLong.get("error").asText()).contains("1 to 128 characters");
        JsonNode bad = call("chat", "/api/bad", "{}");
        assertThat(bad.get("thrown").asBoolean()).isTrue();
        assertThat(bad.get("message").asText()).contains("1 to 128 characters");
        c.send("{\"type\":\"pong\"}");
        assertThat(c.subscribe("still-open").get("type").asText()).isEqualTo("subscribed");
        c.close();
    }

    @Test
    void appsNeverSeeEachOthersChannels() {
        start(Map.of());
        deploy("one", null);
        deploy("two", null);
        RealtimeTestClient a = client("one");
        RealtimeTestClient b = client("two");
        a.subscribe("room");
        b.subscribe("room");
        assertThat(call("one", "/api/send", "{\"channel\":\"room\",\"data\":\"for one\"}").get("to").asInt()).isEqualTo(1);
        assertThat(call("two", "/api/send", "{\"channel\":\"room\",\"data\":\"for two\"}").get("to").asInt()).isEqualTo(1);
        assertThat(a.next().get("data").asText()).isEqualTo("for one");
        // frames reach a client in order: had two's client heard one's broadcast, it would come first
        assertThat(b.next().get("data").asText()).isEqualTo("for two");
        assertThat(call("one", "/api/all", "{\"data\":\"one only\"}").get("to").asInt()).isEqualTo(1);
        assertThat(call("two", "/api/subs", "{\"channel\":\"room\"}").get("all").asInt()).isEqualTo(1);
        a.close();
        b.close();
    }

    @Test
    void onlyPagesOfTheAppsOwnOriginMayConnect() {
        start(Map.of());
        deploy("chat", null);
        String host = "chat.localhost";
        String own = "http://" + host + ":" + t.port();
        for (String wrong : new String[] {"http://evil.example", "http://chat.localhost.evil.example:" + t.port(),
                "https://" + host + ":" + t.port(), "http://" + host, "http://other.localhost:" + t.port(), "null"}) {
            assertThatThrownBy(() -> RealtimeTestClient.open(t.http, t.port(), host, wrong, null)).as(wrong)
                    .isInstanceOfSatisfying(RealtimeTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
        }
        RealtimeTestClient ok = RealtimeTestClient.open(t.http, t.port(), host, own, null);
        assertThat(ok.subscribe("room").get("type").asText()).isEqualTo("subscribed");
        RealtimeTestClient noOrigin = RealtimeTestClient.open(t.http, t.port(), host, null, null);
        assertThat(noOrigin.subscribe("room").get("type").asText()).isEqualTo("subscribed");
        HttpResponse<byte[]> plain = t.get(host, "/_ws");
        assertThat(plain.statusCode()).isEqualTo(426);
        assertThat(t.get("nothing.localhost", "/_ws").statusCode()).isEqualTo(404);
        ok.close();
        noOrigin.close();
    }

    @Test
    void aMessageOver64KbClosesTheConnection() {
        start(Map.of());
        deploy("chat", null);
        RealtimeTestClient c = client("chat");
        String prefix = "{\"type\":\"pong\",\"pad\":\"";
        String exactly64k = prefix + "x".repeat(64 * 1024 - prefix.length() - 2) + "\"}";
        assertThat(exactly64k.length()).isEqualTo(64 * 1024);
        c.send(exactly64k);
        assertThat(c.subscribe("room").get("type").asText()).isEqualTo("subscribed");
        c.send(prefix + "x".repeat(64 * 1024 - prefix.length() - 1) + "\"}");
        RealtimeTestClient.Closed closed = c.closing();
        assertThat(closed.code()).isEqualTo(1009);
        assertThat(closed.reason()).isNotBlank();
    }

    @Test
    void aBinaryFrameClosesTheConnection() {
        start(Map.of());
        deploy("chat", null);
        RealtimeTestClient c = client("chat");
        c.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        RealtimeTestClient.Closed closed = c.closing();
        assertThat(closed.code()).isEqualTo(1003);
        assertThat(closed.reason()).isEqualTo("send JSON text frames, not binary ones");
    }

    @Test
    void aSlowClientIsDisconnectedWithAReason() {
        start(Map.of("realtime_queue_messages", "64"));
        deploy("chat", null);
        RealtimeTestClient slow = client("chat");
        RealtimeTestClient fast = client("chat");
        slow.subscribe("feed");
        fast.subscribe("feed");
        slow.pause();
        // 600 messages of 40 KB (24 MB) in batches of 30, each read by the fast client before the next
        // is sent, so it never has more than 30 waiting on any machine; the slow one reads nothing, so
        // once its socket buffers (a few MB) are full its queue passes 64
        for (int from = 0; from < 600; from += 30) {
            call("chat", "/api/flood", "{\"channel\":\"feed\",\"times\":30,\"from\":" + from + ",\"size\":40000}");
            for (int i = from; i < from + 30; i++) assertThat(fast.next().get("data").get("i").asInt()).isEqualTo(i);
        }
        slow.resume();
        RealtimeTestClient.Closed closed = slow.closing();
        assertThat(closed.code()).isEqualTo(1013);
        assertThat(closed.reason()).isEqualTo("too slow: more than 64 messages were waiting");
        fast.close();
    }

    @Test
    void aFunctionKicksAClientWithAReason() {
        start(Map.of());
        deploy("chat", null);
        RealtimeTestClient c = client("chat");
        c.subscribe("room");
        String id = call("chat", "/api/subs", "{\"channel\":\"room\"}").get("subs").get(0).asText();
        assertThat(call("chat", "/api/kick", "{\"id\":\"" + id + "\",\"reason\":\"spam\"}").get("kicked").asBoolean()).isTrue();
        RealtimeTestClient.Closed closed = c.closing();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).isEqualTo("kicked: spam");
        awaitConnections("chat", 0);
        assertThat(call("chat", "/api/kick", "{\"id\":\"" + id + "\"}").get("kicked").asBoolean()).isFalse();
    }

    void awaitConnections(String app, int n) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (call(app, "/api/subs", "{\"channel\":\"x\"}").get("all").asInt() != n) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError(app + " never had " + n + " connections");
            sleep(20);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String sessionFor(String role) {
        Users.User u = t.fazt.users().signIn(new Users.SignIn("dev", role + "-person", role + "@example.com", true, role, null));
        if (!role.equals("user")) t.fazt.users().setRole(u.id(), role);
        return "fazt_session=" + t.fazt.sessions().create(u.id(), false).token();
    }

    @Test
    void theManifestCanReserveChannelsForSignedInUsersOrRoles() {
        start(Map.of());
        deploy("club", """
                {"realtime": {"channels": [{"prefix": "members-", "signedIn": true}, {"prefix": "staff-", "roles": ["admin"]}]}}""");
        String host = "club.localhost";
        String origin = "http://" + host + ":" + t.port();
        RealtimeTestClient anonymous = RealtimeTestClient.open(t.http, t.port(), host, origin, null);
        assertThat(anonymous.subscribe("lobby").get("type").asText()).isEqualTo("subscribed");
        JsonNode refused = anonymous.subscribe("members-chat");
        assertThat(refused.get("type").asText()).isEqualTo("error");
        assertThat(refused.get("channel").asText()).isEqualTo("members-chat");
        assertThat(refused.get("error").asText()).isEqualTo("channel 'members-chat' needs a signed-in user");

        RealtimeTestClient user = RealtimeTestClient.open(t.http, t.port(), host, origin, sessionFor("user"));
        assertThat(user.subscribe("members-chat").get("type").asText()).isEqualTo("subscribed");
        assertThat(user.subscribe("staff-room").get("error").asText()).isEqualTo("channel 'staff-room' needs the role admin; yours is user");
        RealtimeTestClient admin = RealtimeTestClient.open(t.http, t.port(), host, origin, sessionFor("admin"));
        assertThat(admin.subscribe("staff-room").get("type").asText()).isEqualTo("subscribed");
        assertThat(call("club", "/api/send", "{\"channel\":\"members-chat\",\"data\":1}").get("to").asInt()).isEqualTo(1);

        String userClient = call("club", "/api/subs", "{\"channel\":\"members-chat\"}").get("subs").get(0).asText();
        JsonNode who = call("club", "/api/client", "{\"id\":\"" + userClient + "\"}").get("client").get("user");
        assertThat(who.get("role").asText()).isEqualTo("user");
        assertThat(who.get("email").asText()).isEqualTo("user@example.com");
        anonymous.close();
        user.close();
        admin.close();
    }

    @Test
    void aMalformedRealtimeRuleIsRefusedAtDeploy() {
        start(Map.of());
        HttpResponse<byte[]> r = t.deploy("club", TestInstance.zip(Map.of("index.html", "x",
                "manifest.json", "{\"realtime\": {\"channels\": [{\"prefix\": \"staff-\"}]}}")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .contains("the rule for prefix 'staff-' asks for nothing; give \\\"signedIn\\\": true or \\\"roles\\\"");
    }

    @Test
    void connectionsAreCappedPerAppAndPerAddress() {
        start(Map.of("realtime_max_connections_per_app", "2", "realtime_max_connections_per_ip", "3"));
        deploy("one", null);
        deploy("two", null);
        RealtimeTestClient a1 = client("one");
        RealtimeTestClient a2 = client("one");
        assertThatThrownBy(() -> client("one"))
                .isInstanceOfSatisfying(RealtimeTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(429));
        RealtimeTestClient b1 = client("two");
        assertThatThrownBy(() -> client("two"))
                .isInstanceOfSatisfying(RealtimeTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(429));
        a1.close();
        a1.closing();
        awaitConnections("one", 1);
        RealtimeTestClient again = client("two");
        assertThat(again.subscribe("room").get("type").asText()).isEqualTo("subscribed");
        assertThat(t.fazt.apps().get("one").connections()).isEqualTo(1);
        assertThat(t.fazt.apps().get("two").connections()).isEqualTo(2);
        a2.close();
        b1.close();
        again.close();
    }

    @Test
    void clientsArePingedAndThoseThatNeverAnswerAreClosed() throws Exception {
        start(Map.of("realtime_ping_interval_ms", "200"));
        deploy("chat", null);
        RealtimeTestClient live = client("chat");
        JsonNode ping = live.pings.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ping).isNotNull();
        assertThat(ping.toString()).isEqualTo("{\"type\":\"ping\"}");

        // a peer that completes the handshake (asking for compression, which is not agreed) and then neither reads nor answers
        try (java.net.Socket dead = new java.net.Socket("127.0.0.1", t.port())) {
            dead.setSoTimeout(30_000);
            dead.getOutputStream().write(("GET /_ws HTTP/1.1\r\nHost: chat.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            awaitConnections("chat", 2);
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            java.io.InputStream in = dead.getInputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) got.write(buf, 0, n);
            String seen = got.toString(StandardCharsets.ISO_8859_1);
            assertThat(seen).startsWith("HTTP/1.1 101").contains("no answer to ping");
            assertThat(seen.toLowerCase(java.util.Locale.ROOT)).as("no compression is agreed").doesNotContain("sec-websocket-extensions");
        }
        awaitConnections("chat", 1);
        assertThat(live.closed).isNotDone();
        live.close();
    }

    @Test
    void deletingTheAppClosesItsConnections() {
        start(Map.of("realtime_max_connections_per_ip", "2"));
        deploy("gone", null);
        deploy("kept", null);
        RealtimeTestClient doomed = client("gone");
        RealtimeTestClient other = client("kept");
        doomed.subscribe("room");
        other.subscribe("room");
        assertThat(t.api("DELETE", "/api/apps/gone", t.adminToken(), null, null).statusCode()).isEqualTo(200);
        RealtimeTestClient.Closed closed = doomed.closing();
        assertThat(closed.code()).isEqualTo(1001);
        assertThat(closed.reason()).isEqualTo("the app was deleted");
        assertThat(call("kept", "/api/send", "{\"channel\":\"room\",\"data\":\"still here\"}").get("to").asInt()).isEqualTo(1);
        assertThat(other.next().get("data").asText()).isEqualTo("still here");
        // the closed connection gave its place under the per-address cap back
        RealtimeTestClient next = null;
        long deadline = System.currentTimeMillis() + 20_000;
        while (next == null) {
            try {
                next = client("kept");
            } catch (RealtimeTestClient.Refused r) {
                if (System.currentTimeMillis() > deadline) throw r;
                sleep(50);
            }
        }
        other.close();
        next.close();
    }
}
