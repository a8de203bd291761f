package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.tls.TestCertificates;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app user's OpenID Connect sign-in on an instance serving HTTPS: the callback URL the provider
 * is given is {@code https://}, the whole round trip runs over TLS with the certificate for each
 * name, and the session cookie is {@code Secure}, so a browser never sends it over plain HTTP.
 */
class OAuthOverHttpsTest {
    @TempDir
    Path dir;

    @Test
    void signInRunsOverHttpsWithAnHttpsCallbackAndASecureCookie() throws Exception {
        TestCertificates ca = new TestCertificates(java.nio.file.Files.createDirectories(dir.resolve("ca")));
        MockOAuth2Server mock = new MockOAuth2Server();
        mock.start();
        try (TestInstance t = new TestInstance(dir.resolve("instance"),
                Map.of("domain", "fazt.test", "https", "manual", "https_port", "0"))) {
            TestCertificates.Pem pem = ca.issue("fazt.test", "*.fazt.test");
            t.fazt.certificates().importPem(pem.chain(), pem.key());
            assertThat(t.deploy("app", TestInstance.zip(Map.of("index.html", "hi",
                    "api/main.js", "respond({ user: fazt.auth.getUser() });"))).statusCode()).isEqualTo(200);
            t.fazt.oauthProviders().put("mock", "fazt-client", "client-secret", mock.issuerUrl("default").toString(), true);
            mock.enqueueCallback(new DefaultOAuth2TokenCallback("default", "carol-sub", "JWT", null,
                    Map.of("email", "carol@example.com", "email_verified", true), 3600));

            Browser browser = new Browser(t, ca.ca());
            String app = "https://app.fazt.test:" + t.server.httpsPort();
            String callbackPrefix = "https://fazt.test:" + t.server.httpsPort() + "/auth/callback/mock";
            HttpResponse<String> begin = browser.get(app + "/auth/login/mock?redirect="
                    + URLEncoder.encode(app + "/page", StandardCharsets.UTF_8));
            assertThat(begin.statusCode()).as(begin.body()).isEqualTo(302);
            assertThat(URI.create(Browser.location(begin)).getRawQuery())
                    .contains("redirect_uri=" + URLEncoder.encode(callbackPrefix, StandardCharsets.UTF_8));

            String callback = browser.followUntil(Browser.location(begin), callbackPrefix);
            HttpResponse<String> done = browser.get(callback);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
            assertThat(Browser.location(done)).isEqualTo(app + "/page");
            assertThat(done.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("fazt_session=").contains("Domain=.fazt.test", "HttpOnly", "Secure"));
            assertThat(browser.isSecure("fazt_session")).isTrue();

            JsonNode me = OAuthFlowTest.json(browser.get(app + "/api/me"));
            assertThat(me.path("user").path("email").asText()).isEqualTo("carol@example.com");
            HttpResponse<String> plain = browser.get("http://app.fazt.test:" + t.port() + "/auth/session");
            assertThat(plain.statusCode()).as("plain HTTP is sent to HTTPS").isEqualTo(308);
            assertThat(Browser.location(plain)).isEqualTo(app + "/auth/session");
        } finally {
            mock.shutdown();
        }
    }
}
