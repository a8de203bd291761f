package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.db.DataFileQueries;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App users signing in through OpenID Connect (SPEC §6.3), over real HTTP: the real fazt server
 * on a real base domain ({@code fazt.test}, reached with Host headers) and a real mock OIDC
 * server on loopback whose authorization endpoint signs in at once and redirects back.
 */
class OAuthFlowTest {
    static final String APP_JS = """
            if (request.path === '/api/me') respond({ user: fazt.auth.getUser() });
            else { fazt.auth.requireRole('admin'); respond({ ok: true }); }
            """;

    final MockOAuth2Server mock = new MockOAuth2Server();
    TestInstance t;
    Browser browser;
    String app;

    @BeforeEach
    void start() {
        mock.start();
        t = new TestInstance(Map.of("domain", "fazt.test"));
        browser = new Browser(t);
        app = "http://app.fazt.test:" + t.port();
        assertThat(t.deploy("app", TestInstance.zip(Map.of("index.html", "hi", "api/main.js", APP_JS))).statusCode())
                .isEqualTo(200);
        t.fazt.oauthProviders().put("mock", "fazt-client", "client-secret", mock.issuerUrl("default").toString(), true);
    }

    @AfterEach
    void stop() {
        t.close();
        mock.shutdown();
    }

    void nextSignInIs(String subject, Map<String, Object> claims) {
        mock.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", null, claims, 3600));
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Starts at the app, goes through the provider, and returns the callback URL (not yet visited). */
    String toCallback(String provider, String redirect) {
        return browser.followUntil(app + "/auth/login/" + provider + "?redirect=" + enc(redirect),
                "http://fazt.test:" + t.port() + "/auth/callback/");
    }

    JsonNode session(String url) {
        return json(browser.get(url + "/auth/session"));
    }

    @Test
    void authorizationCodeWithPkceSignsInAcrossTheAppsAndFunctionsSeeTheUser() {
        nextSignInIs("alice-sub", Map.of("email", "alice@example.com", "email_verified", true, "name", "Alice"));
        HttpResponse<String> begin = browser.get(app + "/auth/login/mock?redirect=" + enc(app + "/page"));
        assertThat(begin.statusCode()).isEqualTo(302);
        URI authorize = URI.create(Browser.location(begin));
        assertThat(authorize.toString()).startsWith(mock.authorizationEndpointUrl("default").toString())
                .contains("code_challenge_method=S256", "code_challenge=", "nonce=", "state=",
                        "redirect_uri=" + enc("http://fazt.test:" + t.port() + "/auth/callback/mock"));
        assertThat(authorize.toString()).doesNotContain("client-secret");

        String callback = browser.followUntil(authorize.toString(), "http://fazt.test:" + t.port() + "/auth/callback/");
        HttpResponse<String> done = browser.get(callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(Browser.location(done)).isEqualTo(app + "/page");
        assertThat(done.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("fazt_session=").contains("Domain=.fazt.test", "HttpOnly", "SameSite=Lax"));

        JsonNode user = session(app).get("user");
        assertThat(session(app).get("authenticated").asBoolean()).isTrue();
        assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(user.get("name").asText()).isEqualTo("Alice");
        assertThat(user.get("provider").asText()).isEqualTo("mock");
        assertThat(user.get("role").asText()).isEqualTo("user");
        // the cookie covers every app of the instance: a sibling host sees the same user
        assertThat(session("http://other.fazt.test:" + t.port()).get("user").get("id").asText()).isEqualTo(user.get("id").asText());

        assertThat(json(browser.get(app + "/api/me")).get("user").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(browser.get(app + "/api/admin").statusCode()).isEqualTo(403);
        String id = user.get("id").asText();
        HttpResponse<byte[]> raise = t.api("PUT", "/api/users/" + id, t.adminToken(),
                "{\"role\":\"admin\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(raise.statusCode()).isEqualTo(200);
        assertThat(browser.get(app + "/api/admin").statusCode()).isEqualTo(200);

        String cookie = browser.cookie("fazt_session").orElseThrow();
        assertThat(browser.post(app + "/auth/logout", null, null).statusCode()).isEqualTo(200);
        browser.setCookie("fazt_session", cookie, "fazt.test", "/");
        assertThat(session(app).get("authenticated").asBoolean()).isFalse();
    }

    @Test
    void signingInAgainFindsTheSameUserAndReplacesTheSession() {
        nextSignInIs("bob-sub", Map.of("email", "bob@example.com", "email_verified", true));
        browser.get(toCallback("mock", "/"));
        String first = browser.cookie("fazt_session").orElseThrow();
        String id = session(app).get("user").get("id").asText();
        nextSignInIs("bob-sub", Map.of("email", "bob@example.com", "email_verified", true));
        HttpResponse<String> again = browser.get(toCallback("mock", "/"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(Browser.location(again)).isEqualTo(app + "/");
        assertThat(browser.cookie("fazt_session").orElseThrow()).isNotEqualTo(first);
        assertThat(session(app).get("user").get("id").asText()).isEqualTo(id);
        assertThat(t.fazt.sessions().find(first)).isEmpty();
        assertThat(t.fazt.users().list()).hasSize(1);
    }

    @Test
    void aReplayedStateIsRefused() {
        nextSignInIs("alice-sub", Map.of());
        String callback = toCallback("mock", "/");
        String state = browser.cookie(OAuthRoutes.STATE_COOKIE).orElseThrow();
        assertThat(browser.get(callback).statusCode()).isEqualTo(302);
        String session = browser.cookie("fazt_session").orElseThrow();

        Browser replayer = new Browser(t);
        replayer.setCookie(OAuthRoutes.STATE_COOKIE, state, "fazt.test", "/auth/callback/");
        HttpResponse<String> replay = replayer.get(callback);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(replay.body()).contains("already used");
        assertThat(replayer.cookie("fazt_session")).isEmpty();
        assertThat(session).isNotBlank();
    }

    @Test
    void anExpiredStateIsRefused() {
        nextSignInIs("alice-sub", Map.of());
        String callback = toCallback("mock", "/");
        DataFileQueries.of(t.fazt.database()).update("UPDATE oauth_states SET expires_at = 1");
        HttpResponse<String> r = browser.get(callback);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("10 minutes");
        assertThat(browser.cookie("fazt_session")).isEmpty();
    }

    @Test
    void aNonceThatDoesNotMatchIsRefused() {
        nextSignInIs("alice-sub", Map.of());
        String callback = toCallback("mock", "/");
        DataFileQueries.of(t.fazt.database()).update("UPDATE oauth_states SET nonce = 'not-the-one-sent'");
        HttpResponse<String> r = browser.get(callback);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("did not pass the checks");
        assertThat(browser.cookie("fazt_session")).isEmpty();
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        nextSignInIs("mallory-sub", Map.of());
        String callback = toCallback("mock", "/");
        HttpResponse<String> victim = new Browser(t).get(callback);
        assertThat(victim.statusCode()).isEqualTo(400);
        assertThat(victim.body()).contains("another browser");
        assertThat(victim.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("fazt_session=fzs_"));
    }

    @Test
    void theProviderSayingNoEndsTheSignIn() {
        String callback = toCallback("mock", "/");
        String state = URI.create(callback).getQuery().replaceAll(".*state=([^&]+).*", "$1");
        HttpResponse<String> r = browser.get("http://fazt.test:" + t.port() + "/auth/callback/mock?error=access_denied&state=" + state);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("cancelled");
        assertThat(browser.cookie("fazt_session")).isEmpty();
        // and the state is gone with it
        assertThat(browser.get(callback).statusCode()).isEqualTo(400);
    }

    @Test
    void tokensFromAnotherIssuerATamperedTokenAndForeignKeysAreRefused() throws IOException {
        try (OidcRelay relay = new OidcRelay(mock)) {
            t.fazt.oauthProviders().put("relay", "fazt-client", "client-secret", relay.issuer(), true);
            nextSignInIs("dave-sub", Map.of("email", "dave@example.com", "email_verified", true));
            HttpResponse<String> ok = browser.get(toCallback("relay", "/"));
            assertThat(ok.statusCode()).as("the relay itself is sound: " + ok.body()).isEqualTo(302);
            assertThat(session(app).get("user").get("email").asText()).isEqualTo("dave@example.com");
        }
        // each case on a relay of its own, so no keys or metadata are cached from a good run
        for (OidcRelay.Mode mode : List.of(OidcRelay.Mode.WRONG_ISSUER, OidcRelay.Mode.TAMPERED, OidcRelay.Mode.OTHER_KEYS)) {
            try (OidcRelay relay = new OidcRelay(mock)) {
                String name = "relay-" + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                t.fazt.oauthProviders().put(name, "fazt-client", "client-secret", relay.issuer(), true);
                Browser fresh = new Browser(t);
                nextSignInIs("dave-sub", Map.of());
                String callback = fresh.followUntil(app + "/auth/login/" + name, "http://fazt.test:" + t.port() + "/auth/callback/");
                relay.mode = mode;
                HttpResponse<String> r = fresh.get(callback);
                assertThat(r.statusCode()).as(mode.name()).isEqualTo(400);
                assertThat(r.body()).as(mode.name()).contains("did not pass the checks");
                assertThat(fresh.cookie("fazt_session")).as(mode.name()).isEmpty();
            }
        }
        assertThat(t.fazt.users().list()).extracting(u -> u.email()).containsExactly("dave@example.com");
    }

    @Test
    void userinfoSuppliesTheEmailWhenTheIdTokenHasNone() throws IOException {
        try (OidcRelay relay = new OidcRelay(mock)) {
            relay.mode = OidcRelay.Mode.USERINFO;
            t.fazt.oauthProviders().put("relay", "fazt-client", "client-secret", relay.issuer(), true);
            nextSignInIs(OidcRelay.USERINFO_SUBJECT, Map.of());
            assertThat(browser.get(toCallback("relay", "/")).statusCode()).isEqualTo(302);
            JsonNode user = session(app).get("user");
            assertThat(user.get("email").asText()).isEqualTo("carol@example.com");
            assertThat(user.get("name").asText()).isEqualTo("Carol");
        }
    }

    @Test
    void redirectsOutsideTheInstanceAreRefused() {
        String port = String.valueOf(t.port());
        List<String> refused = List.of("https://evil.com/", "//evil.com/x", "///evil.com", "javascript:alert(1)",
                "/\\evil.com", "\\\\evil.com", "https://fazt.test@evil.com/", "http://evil.com\\@fazt.test/",
                "https://fazt.test.evil.com/", "https://evilfazt.test/", "http:/evil.com", "http:evil.com",
                "ftp://fazt.test/", "/ok\r\nSet-Cookie: x=1", "data:text/html,hi", " https://evil.com");
        for (String bad : refused) {
            HttpResponse<String> start = browser.get(app + "/auth/login/mock?redirect=" + enc(bad));
            assertThat(start.statusCode()).as(bad).isEqualTo(400);
            assertThat(start.headers().firstValue("Location")).as(bad).isEmpty();
            assertThat(start.body()).as(bad).contains("other than this one").doesNotContain("<script");
            assertThat(browser.get(app + "/auth/login?redirect=" + enc(bad)).statusCode()).as(bad).isEqualTo(400);
        }
        for (String good : List.of("/page?x=1", "http://other.fazt.test:" + port + "/x", "https://fazt.test/", "http://localhost:9/")) {
            HttpResponse<String> start = browser.get(app + "/auth/login/mock?redirect=" + enc(good));
            assertThat(start.statusCode()).as(good).isEqualTo(302);
        }
        List<String> stored = DataFileQueries.of(t.fazt.database()).texts("SELECT redirect FROM oauth_states ORDER BY redirect");
        assertThat(stored).containsExactlyInAnyOrder(app + "/page?x=1", "http://other.fazt.test:" + port + "/x",
                "https://fazt.test/", "http://localhost:9/");
    }

    @Test
    void theLoginPageListsEnabledProvidersEscaped() {
        t.fazt.oauthProviders().put("google", "gid", "gsecret", null, true);
        t.fazt.oauthProviders().put("off", "id", "secret", "https://id.example.com", false);
        HttpResponse<String> page = browser.get(app + "/auth/login?app=" + enc("<b>app</b>") + "&redirect=" + enc("/x?a=1&b=\"2\""));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.body()).contains("Sign in with Google", "Sign in with Mock", "&lt;b&gt;app&lt;/b&gt;")
                .doesNotContain("<b>app</b>", "Sign in with Off", "gsecret", "Development sign-in")
                .contains("href=\"/auth/login/mock?redirect=" + enc(app + "/x?a=1&b=\"2\"").replace("&", "&amp;") + "\"");
        assertThat(browser.get(app + "/auth/login/off").statusCode()).isEqualTo(404);
        assertThat(browser.get(app + "/auth/login/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void deletingAUserEndsTheirSessionsAtOnce() {
        nextSignInIs("erin-sub", Map.of("email", "erin@example.com", "email_verified", true));
        browser.get(toCallback("mock", "/"));
        String id = session(app).get("user").get("id").asText();
        assertThat(t.api("DELETE", "/api/users/" + id, t.adminToken(), null, null).statusCode()).isEqualTo(200);
        assertThat(session(app).get("authenticated").asBoolean()).isFalse();
        assertThat(browser.get(app + "/api/me").body()).contains("\"user\":null");
        assertThat(t.api("DELETE", "/api/users/" + id, t.adminToken(), null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableIssuerIsAClearErrorAndLeavesNoState() {
        t.fazt.oauthProviders().put("gone", "id", "secret", "http://localhost:9/nothing-here", true);
        HttpResponse<String> r = browser.get(app + "/auth/login/gone");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("cannot be reached", "http://localhost:9/nothing-here/.well-known/openid-configuration");
        assertThat(r.headers().firstValue("Location")).isEmpty();
        long states = DataFileQueries.of(t.fazt.database()).number("SELECT count(*) FROM oauth_states");
        assertThat(states).isZero();
    }

    @Test
    void aStateIsOnlyGoodForTheProviderThatStartedIt() {
        t.fazt.oauthProviders().put("second", "fazt-client", "client-secret", mock.issuerUrl("default").toString(), true);
        nextSignInIs("alice-sub", Map.of());
        String callback = toCallback("mock", "/");
        HttpResponse<String> r = browser.get(callback.replace("/auth/callback/mock", "/auth/callback/second"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("was started with &#39;mock&#39;");
        assertThat(browser.cookie("fazt_session")).isEmpty();
    }

    @Test
    void aProviderSwitchedOffMidwayEndsTheSignIn() {
        nextSignInIs("alice-sub", Map.of());
        String callback = toCallback("mock", "/");
        t.fazt.oauthProviders().put("mock", null, null, null, false);
        HttpResponse<String> r = browser.get(callback);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("switched off");
        assertThat(browser.get(app + "/auth/login").body()).doesNotContain("Sign in with Mock")
                .contains("No way to sign in has been set up yet");
    }

    @Test
    void aRequestWithoutAUsableHostIsRefused() {
        assertThat(t.send(t.request("bad host!", "/auth/login/mock").GET().build()).statusCode()).isEqualTo(400);
    }
}
