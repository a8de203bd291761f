package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.db.DataFileQueries;
import fazt.core.identity.PasswordHasher;
import fazt.core.identity.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adversarial cases of the reference fazt's own suite (docs/testing.md), one test each, against
 * a real server on a real data.db: what an attacker on the network, a hostile visitor of an app or
 * a stolen cookie can try, and what fazt answers.
 */
class AdversarialTest {
    static final String PASSWORD = "correct horse battery";
    static final String SECRET = "TOP-SECRET-8c1f";
    static final String APP_JS = """
            const b = request.body || {};
            const kv = fazt.storage.kv, ds = fazt.storage.ds, s3 = fazt.storage.s3;
            if (request.path === '/api/ip') respond({ ip: request.ip });
            else if (request.path === '/api/me') respond({ user: fazt.auth.getUser() });
            else if (request.path === '/api/admin-only') { fazt.auth.requireAdmin(); respond({ ok: true }); }
            else {
              try {
                let out;
                switch (b.op) {
                  case 'kv.set': kv.set(b.key, b.value); out = kv.get(b.key); break;
                  case 'kv.list': out = kv.list(b.prefix).map(e => e.key); break;
                  case 'kv.delete': kv.delete(b.key); out = kv.list('').length; break;
                  case 'ds.insert': out = ds.insert(b.coll, b.doc); break;
                  case 'ds.find': out = ds.find(b.coll, b.query).map(d => d.id); break;
                  case 'ds.update': out = ds.update(b.coll, b.query, b.changes); break;
                  case 's3.put': s3.put(b.path, b.data); out = s3.get(b.path) === null ? null : b.path; break;
                  case 's3.list': out = s3.list(b.prefix).map(e => e.path); break;
                }
                respond({ out: out === undefined ? null : out });
              } catch (e) { respond(400, { error: String(e.message || e) }); }
            }
            """;
    static final List<String> INJECTIONS = List.of("' OR '1'='1", "x'; DROP TABLE kv; --", "%", "_", "a%", "\" OR 1=1 --",
            "') OR 1=1 --", "*/ SELECT 1 /*", "a\\'b", "1; DELETE FROM docs", "ñ'\u0000\u2028");

    static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z0-9_.]+");

    TestInstance t;
    String appHost;

    @BeforeEach
    void start() {
        t = new TestInstance(Map.of("domain", "fazt.test"));
        t.fazt.owner().setCredentials("alice", PASSWORD);
        appHost = "app.fazt.test:" + t.port();
        assertThat(t.deploy("app", TestInstance.zip(Map.of("index.html", "<h1>app</h1>", "private/secret.txt", SECRET,
                "api/main.js", APP_JS))).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    // ---- helpers -------------------------------------------------------------------------

    HttpResponse<byte[]> login(String username, String password, String cookie) {
        String body = "{\"username\":" + Json.MAPPER.valueToTree(username) + ",\"password\":"
                + Json.MAPPER.valueToTree(password) + "}";
        HttpRequest.Builder b = t.request("localhost", "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) b.header("Cookie", cookie);
        return t.send(b.build());
    }

    static String cookieOf(HttpResponse<?> r) {
        String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    int adminApiWith(String cookie) {
        return t.send(t.request("localhost", "/api/apps").header("Cookie", cookie).GET().build()).statusCode();
    }

    String appUserSession(String email, String role) {
        Users.User u = t.fazt.users().signIn(new Users.SignIn("dev", email, email, false, email, null));
        if (role != null) t.fazt.users().setRole(u.id(), role);
        return t.fazt.sessions().create(u.id(), false).token();
    }

    HttpResponse<byte[]> onApp(String path, String session) {
        HttpRequest.Builder b = t.request(appHost, path).GET();
        if (session != null) b.header("Cookie", SessionCookie.NAME + "=" + session);
        return t.send(b.build());
    }

    JsonNode storage(String json) {
        HttpResponse<byte[]> r = t.send(t.request(appHost, "/api/storage").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isIn(200, 400);
        return TestInstance.json(r);
    }

    static String str(String s) {
        return Json.MAPPER.valueToTree(s).toString();
    }

    /** A raw HTTP/1.1 request line and headers, sent as bytes no client would build. */
    String raw(String target, String... headerLines) {
        StringBuilder b = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
        for (String h : headerLines) b.append(h).append("\r\n");
        return t.raw(b.append("Connection: close\r\n\r\n").toString());
    }

    static int status(String rawAnswer) {
        assertThat(rawAnswer).startsWith("HTTP/1.1 ");
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }

    static <T> List<T> allAtOnce(int n, Callable<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) results.add(f.get());
        return results;
    }

    // ---- the cases -----------------------------------------------------------------------

    @Test
    void cookieFixation() {
        // the attacker signs in, then plants that live session in the victim's browser before the victim signs in
        String attackers = cookieOf(login("alice", PASSWORD, null));
        String victims = cookieOf(login("alice", PASSWORD, attackers));
        assertThat(victims).isNotEqualTo(attackers);
        assertThat(adminApiWith(attackers)).as("the planted session ended at sign-in").isEqualTo(401);
        assertThat(adminApiWith(victims)).isEqualTo(200);
        // a value the attacker made up is never adopted either
        String madeUp = SessionCookie.NAME + "=fzs_" + "a".repeat(64);
        assertThat(cookieOf(login("alice", PASSWORD, madeUp))).isNotEqualTo(madeUp);
        assertThat(adminApiWith(madeUp)).isEqualTo(401);
    }

    @Test
    void inviteDoubleSpend() throws Exception {
        String code = t.fazt.invites().create("admin", 1, Duration.ofDays(1)).code();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 12; i++) sessions.add(appUserSession("u" + i + "@example.com", null));
        List<Integer> statuses = allAtOnce(12, () -> {
            String session;
            synchronized (sessions) {
                session = sessions.removeFirst();
            }
            return t.send(t.request(appHost, "/auth/invite").header("Origin", "http://" + appHost)
                    .header("Content-Type", "application/json").header("Cookie", SessionCookie.NAME + "=" + session)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build()).statusCode();
        });
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 410).hasSize(11);
        assertThat(t.fazt.users().list()).filteredOn(u -> u.role().equals("admin")).hasSize(1);
        assertThat(t.fazt.invites().list().getFirst().uses()).isEqualTo(1);
    }

    @Test
    void oauthStateRace() throws Exception {
        MockOAuth2Server mock = new MockOAuth2Server();
        mock.start();
        try {
            t.fazt.oauthProviders().put("mock", "fazt-client", "client-secret", mock.issuerUrl("default").toString(), true);
            mock.enqueueCallback(new DefaultOAuth2TokenCallback("default", "racer-sub", "JWT", null,
                    Map.of("email", "racer@example.com", "email_verified", true), 3600));
            Browser browser = new Browser(t);
            String callback = browser.followUntil("http://" + appHost + "/auth/login/mock?redirect=%2F",
                    "http://fazt.test:" + t.port() + "/auth/callback/");
            String state = browser.cookie(OAuthRoutes.STATE_COOKIE).orElseThrow();
            // the same callback, state cookie and all, arrives eight times at once: one sign-in, seven refusals
            List<HttpResponse<String>> answers = allAtOnce(8, () -> {
                Browser copy = new Browser(t);
                copy.setCookie(OAuthRoutes.STATE_COOKIE, state, "fazt.test", "/auth/callback/");
                return copy.get(callback);
            });
            assertThat(answers).filteredOn(r -> r.statusCode() == 302).hasSize(1);
            assertThat(answers).filteredOn(r -> r.statusCode() == 400).hasSize(7)
                    .allSatisfy(r -> assertThat(r.headers().allValues("set-cookie"))
                            .noneMatch(c -> c.startsWith(SessionCookie.NAME + "=fzs_")));
            assertThat(t.fazt.users().list()).hasSize(1);
        } finally {
            mock.shutdown();
        }
    }

    @Test
    void loginTiming() {
        // no clock: the same answer, and one argon2id check each, whether the username exists or not
        long before = PasswordHasher.checksMade();
        HttpResponse<byte[]> wrongPassword = login("alice", "not the password", null);
        long afterWrongPassword = PasswordHasher.checksMade();
        HttpResponse<byte[]> unknownUser = login("mallory", "not the password", null);
        long afterUnknownUser = PasswordHasher.checksMade();
        HttpResponse<byte[]> overlong = login("mallory", "x".repeat(2000), null);
        long afterOverlong = PasswordHasher.checksMade();

        assertThat(afterWrongPassword - before).isEqualTo(1);
        assertThat(afterUnknownUser - afterWrongPassword).isEqualTo(1);
        assertThat(afterOverlong - afterUnknownUser).isEqualTo(1);
        for (HttpResponse<byte[]> r : List.of(unknownUser, overlong)) {
            assertThat(r.statusCode()).isEqualTo(wrongPassword.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(wrongPassword.body());
            assertThat(r.headers().firstValue("set-cookie")).isEmpty();
        }
    }

    @Test
    void xForwardedForSpoofing() {
        HttpResponse<byte[]> direct = t.send(t.request(appHost, "/api/ip").header("X-Forwarded-For", "203.0.113.9")
                .header("X-Real-IP", "203.0.113.9").header("Forwarded", "for=203.0.113.9").GET().build());
        assertThat(TestInstance.json(direct).get("ip").asText()).isEqualTo("127.0.0.1");
        // a proxy elsewhere is trusted, but the request did not come through it
        t.fazt.config().store("trusted_proxies", "10.0.0.0/8");
        HttpResponse<byte[]> untrusted = t.send(t.request(appHost, "/api/ip").header("X-Forwarded-For", "203.0.113.9")
                .GET().build());
        assertThat(TestInstance.json(untrusted).get("ip").asText()).isEqualTo("127.0.0.1");
        // through a trusted proxy the client cannot prepend a hop: the right-most untrusted address counts
        t.fazt.config().store("trusted_proxies", "127.0.0.1");
        HttpResponse<byte[]> proxied = t.send(t.request(appHost, "/api/ip")
                .header("X-Forwarded-For", "203.0.113.9, 198.51.100.4").GET().build());
        assertThat(TestInstance.json(proxied).get("ip").asText()).isEqualTo("198.51.100.4");
        HttpResponse<byte[]> garbage = t.send(t.request(appHost, "/api/ip")
                .header("X-Forwarded-For", "198.51.100.4, not-an-address").GET().build());
        assertThat(TestInstance.json(garbage).get("ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void hostHeaderTricks() {
        String token = "Authorization: Bearer " + t.adminToken();
        // the same name in other spellings reaches the same app
        for (String host : List.of("app.fazt.test", "APP.FAZT.TEST", "app.fazt.test.", "App.Fazt.Test:" + t.port(), "app.localhost")) {
            String answer = raw("/", "Host: " + host);
            assertThat(status(answer)).as(host).isEqualTo(200);
            assertThat(answer).as(host).contains("<h1>app</h1>");
        }
        // names that only look like ours go nowhere, and never to the admin API
        for (String host : List.of("admin.fazt.test.evil.example", "evil.example", "app.fazt.test.evil.example",
                "xn--pp-8cd.fazt.test", "a.app.fazt.test", "localhost.evil.example")) {
            String answer = raw("/api/apps", "Host: " + host, token);
            assertThat(status(answer)).as(host).isEqualTo(404);
            assertThat(answer).as(host).doesNotContain("\"data\"");
        }
        // a request whose target names another host than its Host header, two Host headers, or none
        assertThat(status(raw("http://localhost/api/apps", "Host: app.fazt.test", token))).isEqualTo(400);
        assertThat(status(raw("http://app.fazt.test/", "Host: localhost", token))).isEqualTo(400);
        assertThat(status(raw("/api/apps", "Host: app.fazt.test", "Host: localhost", token))).isEqualTo(400);
        assertThat(status(raw("/api/apps", token))).isEqualTo(400);
        // a port that is not a number, and a name in Unicode that is not ours
        assertThat(status(raw("/api/apps", "Host: localhost:admin", token))).isEqualTo(400);
        String idn = new String("Host: аpp.fazt.test".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(status(raw("/", idn))).isIn(400, 404);
    }

    @Test
    void pathConfusion() {
        List<String> tricks = List.of("/private/secret.txt", "/%70rivate/secret.txt", "/PRIVATE/secret.txt",
                "/x/../private/secret.txt", "/./private/secret.txt", "/%2e%2e/private/secret.txt", "/..%2fprivate/secret.txt",
                "/private%2fsecret.txt", "/%252e%252e/private/secret.txt", "/private%252fsecret.txt", "/\\private\\secret.txt",
                "/private\\secret.txt", "/private/secret.txt%00.html", "/private/secret.txt%00", "//private/secret.txt",
                "/api/../private/secret.txt", "/index.html/../private/secret.txt", "/private/./secret.txt", "/private//secret.txt");
        for (String path : tricks) {
            String answer = raw(path, "Host: app.fazt.test");
            assertThat(answer).as(path).doesNotContain(SECRET);
            assertThat(status(answer)).as(path).isIn(400, 401, 403, 404);
        }
        // the files the app means to serve still are
        assertThat(status(raw("/index.html", "Host: app.fazt.test"))).isEqualTo(200);
    }

    @Test
    void orphanedSessions() {
        String session = appUserSession("erin@example.com", "admin");
        String id = t.fazt.users().list().getFirst().id();
        assertThat(TestInstance.json(onApp("/api/me", session)).get("user").get("id").asText()).isEqualTo(id);
        assertThat(t.api("DELETE", "/api/users/" + id, t.adminToken(), null, null).statusCode()).isEqualTo(200);
        assertThat(TestInstance.json(onApp("/api/me", session)).get("user").isNull()).isTrue();
        // the deleted user's cookie counts for exactly as much as no cookie
        assertThat(onApp("/api/admin-only", session).statusCode()).isEqualTo(onApp("/api/admin-only", null).statusCode());
        assertThat(TestInstance.json(onApp("/auth/session", session)).get("authenticated").asBoolean()).isFalse();
    }

    @Test
    void roleDowngrade() {
        String session = appUserSession("dana@example.com", "admin");
        String id = t.fazt.users().list().getFirst().id();
        assertThat(onApp("/api/admin-only", session).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> lowered = t.api("PUT", "/api/users/" + id, t.adminToken(),
                "{\"role\":\"user\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(lowered.statusCode()).isEqualTo(200);
        // the same session, the very next request
        assertThat(onApp("/api/admin-only", session).statusCode()).isEqualTo(403);
        assertThat(TestInstance.json(onApp("/api/me", session)).get("user").get("role").asText()).isEqualTo("user");
    }

    @Test
    void tokenEntropy() {
        Pattern hexToken = Pattern.compile("[0-9a-f]{64}");
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 200; i++) sessions.add(t.fazt.sessions().create(null, false).token());
        sessions.add(cookieOf(login("alice", PASSWORD, null)).substring(SessionCookie.NAME.length() + 1));
        assertRandom(sessions, "fzs_", hexToken, 16);

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            HttpResponse<byte[]> r = t.api("POST", "/api/keys", t.adminToken(),
                    ("{\"name\":\"k" + i + "\",\"scope\":\"read\"}").getBytes(StandardCharsets.UTF_8), "application/json");
            keys.add(TestInstance.json(r).get("data").get("token").asText());
        }
        assertRandom(keys, "fzt_", hexToken, 16);

        List<String> invites = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            HttpResponse<byte[]> r = t.api("POST", "/api/invites", t.adminToken(), "{}".getBytes(StandardCharsets.UTF_8),
                    "application/json");
            invites.add(TestInstance.json(r).get("data").get("code").asText().replace("-", ""));
        }
        assertRandom(invites, "", Pattern.compile("[A-HJKMNP-Z2-9]{12}"), 28);
    }

    /** Each token: the prefix, then the body's length and alphabet; no repeats; and the alphabet used evenly. */
    static void assertRandom(List<String> tokens, String prefix, Pattern body, int alphabetAtLeast) {
        assertThat(new HashSet<>(tokens)).hasSameSizeAs(tokens);
        Map<Character, Integer> counts = new java.util.HashMap<>();
        int chars = 0;
        for (String token : tokens) {
            assertThat(token).startsWith(prefix);
            String rest = token.substring(prefix.length());
            assertThat(rest).matches(body);
            for (char c : rest.toCharArray()) counts.merge(c, 1, Integer::sum);
            chars += rest.length();
        }
        assertThat(counts.size()).isGreaterThanOrEqualTo(alphabetAtLeast);
        double expected = (double) chars / counts.size();
        assertThat(counts.values()).allSatisfy(n -> assertThat((double) n).isBetween(expected / 2, expected * 2));
    }

    @Test
    void sqlInjectionThroughEveryStorageApi() {
        t.fazt.kv().set(t.fazt.apps().idForName("app").orElseThrow(), "innocent", Json.MAPPER.valueToTree("kept"), null);
        for (String evil : INJECTIONS) {
            // kv: keys and values are data, prefixes are literal
            assertThat(storage("{\"op\":\"kv.set\",\"key\":" + str(evil) + ",\"value\":" + str(evil) + "}").get("out").asText())
                    .isEqualTo(evil);
            assertThat(storage("{\"op\":\"kv.list\",\"prefix\":" + str(evil) + "}").get("out"))
                    .allSatisfy(k -> assertThat(k.asText()).startsWith(evil));
            // documents: values are data, field names outside the plain alphabet are refused
            storage("{\"op\":\"ds.insert\",\"coll\":\"people\",\"doc\":{\"name\":" + str(evil) + "}}");
            assertThat(storage("{\"op\":\"ds.find\",\"coll\":\"people\",\"query\":{\"name\":" + str(evil) + "}}").get("out"))
                    .hasSize(1);
            boolean plainName = PLAIN_FIELD.matcher(evil).matches();
            JsonNode asField = storage("{\"op\":\"ds.find\",\"coll\":\"people\",\"query\":{" + str(evil) + ":1}}");
            if (plainName) assertThat(asField.get("out")).as(evil).isEmpty();
            else assertThat(asField.path("error").asText()).as(evil).contains("field");
            JsonNode asUpdate = storage("{\"op\":\"ds.update\",\"coll\":\"nobody\",\"query\":{},\"changes\":{\"$set\":{"
                    + str(evil) + ":1}}}");
            if (plainName) assertThat(asUpdate.get("out").asInt()).as(evil).isZero();
            else assertThat(asUpdate.path("error").asText()).as(evil).contains("field");
            // blobs: a path is stored as given or refused with a message, and a prefix is literal
            JsonNode put = storage("{\"op\":\"s3.put\",\"path\":" + str("up/" + evil) + ",\"data\":\"x\"}");
            if (put.has("error")) assertThat(put.get("error").asText()).isNotBlank();
            else assertThat(put.get("out").asText()).isEqualTo("up/" + evil);
            assertThat(storage("{\"op\":\"s3.list\",\"prefix\":" + str("up/" + evil) + "}").get("out"))
                    .allSatisfy(p -> assertThat(p.asText()).startsWith("up/" + evil));
        }
        assertThat(storage("{\"op\":\"kv.list\",\"prefix\":\"%\"}").get("out")).extracting(JsonNode::asText)
                .containsExactly("%");
        assertThat(storage("{\"op\":\"kv.list\",\"prefix\":\"\"}").get("out")).hasSize(INJECTIONS.size() + 1);
        assertThat(storage("{\"op\":\"ds.find\",\"coll\":\"people\",\"query\":{}}").get("out")).hasSize(INJECTIONS.size());
        DataFileQueries db = DataFileQueries.of(t.fazt.database());
        assertThat(db.text("PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(db.texts("SELECT name FROM sqlite_master WHERE type = 'table'")).contains("kv", "docs");
    }

    @Test
    void sessionTamperingAndReplay() {
        String cookie = cookieOf(login("alice", PASSWORD, null));
        String token = cookie.substring(SessionCookie.NAME.length() + 1);
        char last = token.charAt(token.length() - 1);
        // upper case first: Jetty's per-connection header cache once matched it to the real cookie that follows
        List<String> tampered = List.of(token.toUpperCase(), token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0'),
                token.substring(0, token.length() - 1), token + "0", token.replace("fzs_", "fzt_"), token.substring(4),
                "fzs_" + "0".repeat(64));
        for (String value : tampered) {
            assertThat(adminApiWith(SessionCookie.NAME + "=" + value)).as(value).isEqualTo(401);
            // on the same connection as the real cookie: a value that differs in case only is another value
            assertThat(adminApiWith(cookie)).as("after " + value).isEqualTo(200);
        }
        assertThat(adminApiWith(cookie)).isEqualTo(200);
        // signed out: the same cookie, replayed, opens nothing
        HttpResponse<byte[]> out = t.send(t.request("localhost", "/api/logout").header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(adminApiWith(cookie)).isEqualTo(401);
        assertThat(TestInstance.json(t.send(t.request("localhost", "/auth/session").header("Cookie", cookie).GET().build()))
                .get("authenticated").asBoolean()).isFalse();
        assertThat(t.fazt.sessions().find(token)).isEmpty();
    }
}
