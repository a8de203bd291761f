package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Ids;
import fazt.core.Json;
import fazt.core.db.DataFileQueries;
import fazt.core.identity.Users;
import fazt.server.TestInstance;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The owner's sign-in over real HTTP (SPEC §6.1): cookie, throttle, fixation, expiry, CSRF, hand-off. */
class OwnerSignInTest {
    static final String PASSWORD = "correct horse battery";
    TestInstance t;

    @BeforeEach
    void start() {
        t = new TestInstance();
        t.fazt.owner().setCredentials("alice", PASSWORD);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    HttpResponse<byte[]> login(String username, String password, boolean remember, String... headers) {
        String body = "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + ",\"remember_me\":" + remember + "}";
        HttpRequest.Builder b = t.request("localhost", "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return t.send(b.build());
    }

    static String quote(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }

    static String cookieOf(HttpResponse<?> r) {
        String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    HttpResponse<byte[]> withCookie(String method, String path, String cookie, String origin) {
        HttpRequest.Builder b = t.request("localhost", path).header("Cookie", cookie)
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{\"name\":\"k\"}"));
        if (origin != null) b.header("Origin", origin);
        if (!method.equals("GET")) b.header("Content-Type", "application/json");
        return t.send(b.build());
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(new String(r.body(), StandardCharsets.UTF_8), e);
        }
    }

    @Test
    void signingInSetsASessionCookieThatOpensTheAdminApi() {
        assertThat(withCookie("GET", "/api/apps", "fazt_session=none", null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> r = login("alice", PASSWORD, false);
        assertThat(r.statusCode()).isEqualTo(200);
        String header = r.headers().firstValue("set-cookie").orElseThrow();
        assertThat(header).startsWith("fazt_session=fzs_").contains("HttpOnly", "SameSite=Lax", "Path=/")
                .doesNotContain("Domain=", "Secure", "Max-Age");
        String cookie = cookieOf(r);
        assertThat(withCookie("GET", "/api/apps", cookie, null).statusCode()).isEqualTo(200);
        JsonNode status = json(withCookie("GET", "/api/auth/status", cookie, null)).get("data");
        assertThat(status.get("authenticated").asBoolean()).isTrue();
        assertThat(status.get("username").asText()).isEqualTo("alice");

        String token = cookie.substring("fazt_session=".length());
        List<String> stored = DataFileQueries.of(t.fazt.database()).texts("SELECT token_hash FROM sessions");
        assertThat(stored).containsExactly(Ids.sha256(token));
    }

    @Test
    void rememberMeKeepsTheCookieThirtyDays() {
        String header = login("alice", PASSWORD, true).headers().firstValue("set-cookie").orElseThrow();
        long maxAge = Long.parseLong(header.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(30L * 86400 - 60, 30L * 86400);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        HttpResponse<byte[]> wrongPassword = login("alice", "wrong password", false);
        HttpResponse<byte[]> unknownUser = login("mallory", PASSWORD, false);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(new String(wrongPassword.body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(unknownUser.body(), StandardCharsets.UTF_8))
                .contains("INVALID_CREDENTIALS");
        assertThat(wrongPassword.headers().firstValue("set-cookie")).isEmpty();
        assertThat(login("alice", "", false).statusCode()).isEqualTo(401);
    }

    @Test
    void malformedSignInsAreRefusedClearly() {
        HttpResponse<byte[]> huge = t.send(t.request("localhost", "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}")).build());
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<byte[]> notJson = t.send(t.request("localhost", "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice")).build());
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> wrongTypes = t.send(t.request("localhost", "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":{\"$ne\":1},\"password\":[1]}")).build());
        assertThat(wrongTypes.statusCode()).isEqualTo(401);
        assertThat(login("alice", "x".repeat(5000), false).statusCode()).isEqualTo(401);
        assertThat(t.send(t.request("localhost", "/api/login").GET().build()).statusCode()).isEqualTo(405);
        assertThat(login("alice", PASSWORD, false).statusCode()).as("the owner still signs in").isEqualTo(200);
    }

    @Test
    void fiveFailuresLockTheAddressAndForwardedForFromAnUntrustedPeerDoesNotHelp() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("alice", "guess " + i, false, "X-Forwarded-For", "198.51.100." + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<byte[]> locked = login("alice", PASSWORD, false, "X-Forwarded-For", "203.0.113.77");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("retry-after")).isPresent();
        assertThat(json(locked).get("error").get("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(login("alice", PASSWORD, false).statusCode()).isEqualTo(429);
    }

    @Test
    void aBurstOfGuessesAtOnceGetsNoMoreThanFiveChecks() throws Exception {
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(30)) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 30; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return login("alice", "guess " + n, false).statusCode();
                }));
            }
            go.countDown();
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var a : answers) statuses.add(a.get());
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(25);
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnBudget() {
        t.fazt.config().store("trusted_proxies", "127.0.0.1");
        for (int i = 0; i < 5; i++) login("alice", "guess", false, "X-Forwarded-For", "198.51.100.1");
        assertThat(login("alice", PASSWORD, false, "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(429);
        assertThat(login("alice", PASSWORD, false, "X-Forwarded-For", "198.51.100.2").statusCode()).isEqualTo(200);
        // the client cannot prepend a fake hop: the right-most untrusted address counts
        assertThat(login("alice", PASSWORD, false, "X-Forwarded-For", "198.51.100.9, 198.51.100.1").statusCode())
                .isEqualTo(429);
    }

    @Test
    void theCookieIsSecureOnlyWhenATrustedProxySaysHttps() {
        HttpResponse<byte[]> direct = login("alice", PASSWORD, false, "X-Forwarded-Proto", "https");
        assertThat(direct.headers().firstValue("set-cookie").orElseThrow()).doesNotContain("Secure");
        t.fazt.config().store("trusted_proxies", "127.0.0.0/8");
        HttpResponse<byte[]> proxied = login("alice", PASSWORD, false, "X-Forwarded-Proto", "https");
        assertThat(proxied.headers().firstValue("set-cookie").orElseThrow()).endsWith("; Secure");
    }

    @Test
    void everyLoginGetsAFreshSessionAndEndsTheOneItBrought() {
        String first = cookieOf(login("alice", PASSWORD, false));
        HttpResponse<byte[]> again = login("alice", PASSWORD, false, "Cookie", first);
        String second = cookieOf(again);
        assertThat(second).isNotEqualTo(first);
        assertThat(withCookie("GET", "/api/apps", first, null).statusCode()).isEqualTo(401);
        assertThat(withCookie("GET", "/api/apps", second, null).statusCode()).isEqualTo(200);
        // a value planted by someone else is never adopted as a session
        HttpResponse<byte[]> planted = login("alice", PASSWORD, false, "Cookie", "fazt_session=fzs_planted");
        assertThat(cookieOf(planted)).isNotEqualTo("fazt_session=fzs_planted");
    }

    @Test
    void anExpiredSessionIsRefused() {
        String cookie = cookieOf(login("alice", PASSWORD, false));
        DataFileQueries.of(t.fazt.database()).update("UPDATE sessions SET expires_at = ?", System.currentTimeMillis() - 1);
        assertThat(withCookie("GET", "/api/apps", cookie, null).statusCode()).isEqualTo(401);
        assertThat(json(t.send(t.request("localhost", "/auth/session").header("Cookie", cookie).build()))
                .get("authenticated").asBoolean()).isFalse();
    }

    @Test
    void aSignedInWriteMustComeFromTheDashboardsOwnOrigin() {
        String cookie = cookieOf(login("alice", PASSWORD, false));
        String own = "http://localhost"; // the Host these requests carry
        HttpResponse<byte[]> sibling = withCookie("POST", "/api/keys", cookie, "http://evil.localhost");
        assertThat(sibling.statusCode()).isEqualTo(403);
        assertThat(json(sibling).get("error").get("code").asText()).isEqualTo("CROSS_ORIGIN");
        assertThat(withCookie("POST", "/api/keys", cookie, null).statusCode()).isEqualTo(403);
        assertThat(t.fazt.apiKeys().list()).isEmpty();
        assertThat(withCookie("POST", "/api/keys", cookie, own).statusCode()).isEqualTo(201);
        assertThat(t.fazt.apiKeys().list()).hasSize(1);
    }

    @Test
    void logoutEndsTheSession() {
        String cookie = cookieOf(login("alice", PASSWORD, false));
        HttpResponse<byte[]> out = withCookie("POST", "/api/logout", cookie, null);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(withCookie("GET", "/api/apps", cookie, null).statusCode()).isEqualTo(401);
    }

    @Test
    void signOutAndOtherAuthPostsOnlyComeFromTheSiteItself() {
        String cookie = cookieOf(login("alice", PASSWORD, false));
        HttpResponse<byte[]> fromSibling = t.send(t.request("blog.localhost", "/auth/logout").header("Cookie", cookie)
                .header("Origin", "http://evil.localhost").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(fromSibling.statusCode()).isEqualTo(403);
        assertThat(json(fromSibling).get("error").get("code").asText()).isEqualTo("CROSS_ORIGIN");
        HttpResponse<byte[]> noOrigin = t.send(t.request("blog.localhost", "/auth/dev").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@example.com\",\"role\":\"admin\"}")).build());
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(withCookie("GET", "/api/apps", cookie, null).statusCode()).as("still signed in").isEqualTo(200);
        HttpResponse<byte[]> own = t.send(t.request("blog.localhost", "/auth/logout").header("Cookie", cookie)
                .header("Origin", "http://blog.localhost").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(withCookie("GET", "/api/apps", cookie, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aDeployKeyCannotPublishTheAppsServedOnTheAdminOrigin() {
        String deployKey = t.fazt.apiKeys().create("ci", fazt.core.identity.Scope.DEPLOY).token();
        byte[] page = TestInstance.zip(Map.of("index.html", "<script>fetch('/api/keys', {method: 'POST'})</script>"));
        for (String name : List.of("root", "404", "root.localhost")) {
            HttpResponse<byte[]> r = t.api("POST", "/api/deploy?name=" + name, deployKey, page, "application/zip");
            assertThat(r.statusCode()).as(name).isEqualTo(403);
        }
        byte[] byManifest = TestInstance.zip(Map.of("manifest.json", "{\"name\":\"root\"}", "index.html", "x"));
        assertThat(t.api("POST", "/api/deploy", deployKey, byManifest, "application/zip").statusCode()).isEqualTo(403);
        assertThat(new String(t.get(t.fazt.baseDomains().get(0), "/").body(), StandardCharsets.UTF_8)).doesNotContain("fetch(");
        assertThat(t.api("POST", "/api/deploy?name=blog", deployKey, page, "application/zip").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> byAdmin = t.api("POST", "/api/deploy?name=root", t.adminToken(), page, "application/zip");
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(byAdmin.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void anAppUsersSessionIsNotTheOwners() {
        Users.User bob = t.fazt.users().signIn(new Users.SignIn("dev", "bob", "bob@example.com", true, "Bob", null));
        t.fazt.users().setRole(bob.id(), "admin");
        String cookie = "fazt_session=" + t.fazt.sessions().create(bob.id(), false).token();
        assertThat(withCookie("GET", "/api/apps", cookie, null).statusCode()).isEqualTo(401);
        JsonNode session = json(t.send(t.request("hello.localhost", "/auth/session").header("Cookie", cookie).build()));
        assertThat(session.get("user").get("role").asText()).isEqualTo("admin");
    }

    @Test
    void theOwnerIsAnOwnerOnEveryApp() {
        String cookie = cookieOf(login("alice", PASSWORD, false));
        JsonNode session = json(t.send(t.request("anything.localhost", "/auth/session").header("Cookie", cookie).build()));
        assertThat(session.get("authenticated").asBoolean()).isTrue();
        assertThat(session.get("user").get("role").asText()).isEqualTo("owner");
        assertThat(session.get("user").get("name").asText()).isEqualTo("alice");
    }

    @Test
    void theHandOffLinkWorksOnceAndNeverWithAGuessedCode() {
        String code = t.fazt.handoffCodes().mint();
        HttpResponse<byte[]> first = t.get("localhost", "/auth/handoff?code=" + code);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("location")).hasValue("/");
        assertThat(withCookie("GET", "/api/apps", cookieOf(first), null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> second = t.get("localhost", "/auth/handoff?code=" + code);
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.headers().firstValue("set-cookie")).isEmpty();
        assertThat(t.get("localhost", "/auth/handoff?code=fzh_guess").statusCode()).isEqualTo(403);
        assertThat(t.get("localhost", "/auth/handoff").statusCode()).isEqualTo(403);
    }

    @Test
    void theCookieCoversTheBaseDomainAndItsSubdomains() throws Exception {
        t.close();
        t = new TestInstance(Map.of("domain", "fazt.test"));
        t.fazt.owner().setCredentials("alice", PASSWORD);
        HttpResponse<byte[]> r = t.send(t.request("admin.fazt.test", "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")).build());
        assertThat(r.headers().firstValue("set-cookie").orElseThrow()).contains("Domain=.fazt.test");
        JsonNode sibling = json(t.send(t.request("blog.fazt.test", "/auth/session").header("Cookie", cookieOf(r)).build()));
        assertThat(sibling.get("authenticated").asBoolean()).isTrue();
    }
}
