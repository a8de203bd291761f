package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with GitHub (plain OAuth 2.0) against a small stand-in for github.com on loopback,
 * configured as a GitHub Enterprise server through the provider's issuer. The stand-in checks the
 * client secret, the redirect URI and the PKCE verifier as GitHub would.
 */
class GitHubSignInTest {
    HttpServer github;
    TestInstance t;
    Browser browser;
    String app;
    /** code → [code_challenge, redirect_uri] */
    final Map<String, String[]> codes = new ConcurrentHashMap<>();
    volatile boolean verifiedPrimaryEmail = true;

    @BeforeEach
    void start() throws IOException {
        github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext("/login/oauth/authorize", this::authorize);
        github.createContext("/login/oauth/access_token", this::token);
        github.createContext("/api/v3/user", this::user);
        github.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        github.start();
        t = new TestInstance(Map.of("domain", "fazt.test"));
        browser = new Browser(t);
        app = "http://app.fazt.test:" + t.port();
        t.fazt.oauthProviders().put("github", "gh-client", "gh-secret", "http://localhost:" + github.getAddress().getPort(), true);
    }

    @AfterEach
    void stop() {
        t.close();
        github.stop(0);
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        String code = "code-" + codes.size();
        codes.put(code, new String[] {q.get("code_challenge"), q.get("redirect_uri")});
        boolean ok = "gh-client".equals(q.get("client_id")) && "S256".equals(q.get("code_challenge_method"));
        String back = q.get("redirect_uri") + "?" + (ok ? "code=" + code : "error=bad_request") + "&state=" + q.get("state");
        ex.getResponseHeaders().set("Location", back);
        send(ex, 302, "");
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] issued = codes.remove(f.getOrDefault("code", ""));
        boolean ok = issued != null && "gh-secret".equals(f.get("client_secret")) && issued[1].equals(f.get("redirect_uri"))
                && issued[0].equals(s256(f.getOrDefault("code_verifier", "")));
        send(ex, 200, ok ? "{\"access_token\":\"gho_stub\",\"token_type\":\"bearer\"}" : "{\"error\":\"bad_verification_code\"}");
    }

    private void user(HttpExchange ex) throws IOException {
        if (!"Bearer gho_stub".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"message\":\"Bad credentials\"}");
        } else if (ex.getRequestURI().getPath().endsWith("/emails")) {
            send(ex, 200, "[{\"email\":\"old@example.com\",\"primary\":false,\"verified\":true},"
                    + "{\"email\":\"octo@example.com\",\"primary\":true,\"verified\":" + verifiedPrimaryEmail + "}]");
        } else {
            send(ex, 200, "{\"id\":583231,\"login\":\"octocat\",\"name\":null,\"email\":null,"
                    + "\"avatar_url\":\"https://avatars.example.com/u/583231\"}");
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Test
    void signsInWithTheVerifiedPrimaryEmail() {
        String callback = browser.followUntil(app + "/auth/login/github?redirect=%2Fdone", "http://fazt.test:" + t.port() + "/auth/callback/");
        HttpResponse<String> done = browser.get(callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(Browser.location(done)).isEqualTo(app + "/done");
        JsonNode user = OAuthFlowTest.json(browser.get(app + "/auth/session")).get("user");
        assertThat(user.get("email").asText()).isEqualTo("octo@example.com");
        assertThat(user.get("name").asText()).isEqualTo("octocat");
        assertThat(user.get("picture").asText()).isEqualTo("https://avatars.example.com/u/583231");
        assertThat(user.get("provider").asText()).isEqualTo("github");
    }

    @Test
    void aVerifiedEmailLinksToTheSameUserAcrossProviders() {
        verifiedPrimaryEmail = true;
        browser.get(browser.followUntil(app + "/auth/login/github", "http://fazt.test:" + t.port() + "/auth/callback/"));
        String id = OAuthFlowTest.json(browser.get(app + "/auth/session")).get("user").get("id").asText();
        var other = t.fazt.users().signIn(new fazt.core.identity.Users.SignIn("google", "g-1", "octo@example.com", true, "Octo", null));
        assertThat(other.id()).isEqualTo(id);
    }

    @Test
    void aWrongVerifierOrSecretIsRefusedByTheProviderAndShownClearly() {
        t.fazt.oauthProviders().put("github", null, "wrong-secret", null, null);
        String callback = browser.followUntil(app + "/auth/login/github", "http://fazt.test:" + t.port() + "/auth/callback/");
        HttpResponse<String> r = browser.get(callback);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("GitHub refused the sign-in (bad_verification_code)");
        assertThat(browser.cookie("fazt_session")).isEmpty();
    }

    String redirectUriOf(HttpResponse<byte[]> start) {
        assertThat(start.statusCode()).isEqualTo(302);
        String location = start.headers().firstValue("Location").orElseThrow();
        return query(URI.create(location).getRawQuery()).get("redirect_uri");
    }

    @Test
    void theCallbackIsOnTheBaseDomainWithTheSchemeOnlyATrustedProxyMayChange() {
        HttpRequest fromApp = t.request("app.fazt.test:" + t.port(), "/auth/login/github").header("X-Forwarded-Proto", "https").GET().build();
        assertThat(redirectUriOf(t.send(fromApp))).isEqualTo("http://fazt.test:" + t.port() + "/auth/callback/github");
        t.fazt.config().store("trusted_proxies", "127.0.0.1");
        HttpRequest proxied = t.request("app.fazt.test", "/auth/login/github").header("X-Forwarded-Proto", "https").GET().build();
        HttpResponse<byte[]> viaProxy = t.send(proxied);
        assertThat(redirectUriOf(viaProxy)).isEqualTo("https://fazt.test/auth/callback/github");
        assertThat(viaProxy.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(OAuthRoutes.STATE_COOKIE + "=").contains("Domain=.fazt.test", "Secure", "Path=/auth/callback/"));
        // on localhost browsers refuse a domain cookie, so the callback stays on the app's own host
        HttpRequest local = t.request("hello.localhost:" + t.port(), "/auth/login/github").GET().build();
        assertThat(redirectUriOf(t.send(local))).isEqualTo("http://hello.localhost:" + t.port() + "/auth/callback/github");
    }
}
