package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The development sign-in and invites (SPEC §6.3) over real HTTP. */
class DevLoginAndInvitesTest {
    final TestInstance t = new TestInstance(Map.of("domain", "fazt.test"));
    final Browser browser = new Browser(t);
    final String app = "http://app.fazt.test:" + t.port();

    @AfterEach
    void stop() {
        t.close();
    }

    HttpResponse<byte[]> devLogin(String body, String... headers) {
        HttpRequest.Builder b = t.request("app.fazt.test:" + t.port(), "/auth/dev").header("Origin", "http://app.fazt.test:" + t.port())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return t.send(b.build());
    }

    @Test
    void devLoginIsAbsentUntilTheOwnerTurnsItOn() {
        assertThat(devLogin("{\"email\":\"a@example.com\",\"role\":\"admin\"}").statusCode()).isEqualTo(404);
        assertThat(browser.get(app + "/auth/login").body()).doesNotContain("Development sign-in");

        t.fazt.config().store("dev_login", "true");
        assertThat(browser.get(app + "/auth/login").body()).contains("Development sign-in", "action=\"/auth/dev\"");
        HttpResponse<String> form = browser.post(app + "/auth/dev", "application/x-www-form-urlencoded",
                "email=Dev%40Example.com&role=admin&redirect=%2Fhere");
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(Browser.location(form)).isEqualTo(app + "/here");
        JsonNode user = OAuthFlowTest.json(browser.get("http://other.fazt.test:" + t.port() + "/auth/session")).get("user");
        assertThat(user.get("email").asText()).isEqualTo("dev@example.com");
        assertThat(user.get("role").asText()).isEqualTo("admin");
        assertThat(user.get("provider").asText()).isEqualTo("dev");

        assertThat(browser.post(app + "/auth/dev", "application/x-www-form-urlencoded",
                "email=x%40example.com&redirect=https%3A%2F%2Fevil.com%2F").statusCode()).isEqualTo(400);
        assertThat(devLogin("{\"email\":\"a@example.com\",\"role\":\"owner\"}").statusCode()).isEqualTo(400);
        assertThat(devLogin("{\"email\":\"not-an-email\"}").statusCode()).isEqualTo(400);
        assertThat(t.send(t.request("app.fazt.test", "/auth/dev").GET().build()).statusCode()).isEqualTo(405);

        t.fazt.config().store("dev_login", "false");
        assertThat(devLogin("{\"email\":\"a@example.com\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void devLoginIsNeverOfferedUnderHttps() {
        t.fazt.config().store("dev_login", "true");
        // a request that says it came over HTTPS is refused whoever says so: refusing is always safe
        assertThat(devLogin("{\"email\":\"a@example.com\"}", "X-Forwarded-Proto", "https").statusCode()).isEqualTo(404);
        assertThat(devLogin("{\"email\":\"a@example.com\"}", "Forwarded", "for=1.2.3.4;proto=https").statusCode()).isEqualTo(404);
        t.fazt.config().store("trusted_proxies", "127.0.0.1");
        assertThat(devLogin("{\"email\":\"a@example.com\"}", "X-Forwarded-Proto", "https").statusCode()).isEqualTo(404);
        assertThat(devLogin("{\"email\":\"a@example.com\"}").statusCode()).isEqualTo(200);
    }

    String sessionFor(String email, String role) {
        Users.User u = t.fazt.users().signIn(new Users.SignIn("dev", email, email, false, email, null));
        if (role != null) t.fazt.users().setRole(u.id(), role);
        return t.fazt.sessions().create(u.id(), false).token();
    }

    HttpResponse<byte[]> redeem(String session, String code) {
        HttpRequest.Builder b = t.request("app.fazt.test", "/auth/invite").header("Origin", "http://app.fazt.test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"));
        if (session != null) b.header("Cookie", SessionCookie.NAME + "=" + session);
        return t.send(b.build());
    }

    @Test
    void twentyConcurrentRedeemersOfAFiveUseInviteGiveExactlyFiveAdmins() throws Exception {
        String code = t.fazt.invites().create("admin", 5, Duration.ofDays(1)).code();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) sessions.add(sessionFor("u" + i + "@example.com", null));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (String s : sessions) {
                results.add(pool.submit(() -> {
                    go.await();
                    return redeem(s, code).statusCode();
                }));
            }
            go.countDown();
            int ok = 0;
            int gone = 0;
            for (Future<Integer> f : results) {
                int status = f.get();
                if (status == 200) ok++;
                if (status == 410) gone++;
            }
            assertThat(ok).isEqualTo(5);
            assertThat(gone).isEqualTo(15);
        }
        assertThat(t.fazt.users().list().stream().filter(u -> u.role().equals("admin"))).hasSize(5);
        assertThat(t.fazt.invites().list().get(0).uses()).isEqualTo(5);
    }

    @Test
    void anInviteNeverLowersARoleAndAsksStrangersToSignIn() {
        String userCode = t.fazt.invites().create("user", 2, null).code();
        String admin = sessionFor("boss@example.com", "admin");
        HttpResponse<byte[]> r = redeem(admin, userCode);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestInstance.json(r);
        assertThat(body.get("granted").asText()).isEqualTo("user");
        assertThat(body.get("user").get("role").asText()).isEqualTo("admin");

        assertThat(redeem(null, userCode).statusCode()).isEqualTo(401);
        assertThat(redeem(admin, "NOPE-NOPE-NOPE").statusCode()).isEqualTo(404);
        t.fazt.owner().setCredentials("owner", "a long enough password");
        String owner = t.fazt.sessions().create(null, false).token();
        assertThat(redeem(owner, userCode).statusCode()).isEqualTo(409);

        HttpResponse<String> noCode = browser.get(app + "/auth/invite");
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(noCode.body()).contains("no code");
        HttpResponse<String> link = browser.get(app + "/auth/invite?code=" + userCode);
        assertThat(link.statusCode()).isEqualTo(302);
        assertThat(Browser.location(link)).startsWith("/auth/login?redirect=")
                .contains(OAuthFlowTest.enc(app + "/auth/invite?code=" + userCode));
        browser.setCookie(SessionCookie.NAME, sessionFor("new@example.com", null), "fazt.test", "/");
        HttpResponse<String> page = browser.get(app + "/auth/invite?code=" + userCode);
        assertThat(page.body()).contains("new@example.com", "name=code value=\"" + userCode + "\"");
        HttpResponse<String> accepted = browser.post(app + "/auth/invite", "application/x-www-form-urlencoded", "code=" + userCode);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("You now have the role user");
        HttpResponse<String> usedUp = browser.post(app + "/auth/invite", "application/x-www-form-urlencoded", "code=" + userCode);
        assertThat(usedUp.statusCode()).isEqualTo(410);
        assertThat(usedUp.body()).contains("used up");
    }
}
