package fazt.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import fazt.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's OAuth 2.0 (not OpenID Connect: there is no ID token). The code is traded at
 * {@code /login/oauth/access_token} with the PKCE verifier, and the person is read from the API:
 * {@code /user} for the id, login, name and avatar, {@code /user/emails} for the verified primary
 * address. The provider's issuer, when set, is a GitHub Enterprise server: its web pages are under
 * that URL and its API under {@code <issuer>/api/v3}.
 */
final class GitHubProtocol implements SignInProtocol {
    private static final Logger log = LoggerFactory.getLogger(GitHubProtocol.class);
    static final String WEB = "https://github.com";
    static final String API = "https://api.github.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public URI authorizationUrl(OAuthProviders.Credentials provider, OAuthStates.Pending pending) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", provider.clientId());
        q.put("redirect_uri", pending.redirectUri());
        q.put("scope", "read:user user:email");
        q.put("state", pending.state());
        q.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(pending.codeVerifier())).getValue());
        q.put("code_challenge_method", "S256");
        return URI.create(web(provider) + "/login/oauth/authorize?" + form(q));
    }

    @Override
    public Users.SignIn finish(OAuthProviders.Credentials provider, OAuthStates.Pending pending, String code) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", provider.clientId());
        q.put("client_secret", provider.clientSecret());
        q.put("code", code);
        q.put("redirect_uri", pending.redirectUri());
        q.put("code_verifier", pending.codeVerifier());
        JsonNode token = call(provider, HttpRequest.newBuilder(URI.create(web(provider) + "/login/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(q))), "the token request");
        String accessToken = token.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            String reason = token.path("error").asText("no access token");
            log.info("GitHub refused the code for {}: {}", provider.name(), reason);
            throw new SignInFailed("GitHub refused the sign-in (" + reason + "); start again");
        }
        JsonNode user = call(provider, api(provider, "/user", accessToken), "reading the user");
        String id = user.path("id").asText("");
        if (id.isEmpty()) throw new SignInFailed("GitHub did not say who signed in");
        String email = null;
        boolean verified = false;
        JsonNode emails = call(provider, api(provider, "/user/emails", accessToken), "reading the email addresses");
        for (JsonNode e : emails) {
            if (e.path("primary").asBoolean(false) && e.path("verified").asBoolean(false)) {
                email = e.path("email").asText(null);
                verified = email != null;
            }
        }
        if (email == null && user.hasNonNull("email")) email = user.get("email").asText();
        String name = user.hasNonNull("name") && !user.get("name").asText().isBlank() ? user.get("name").asText()
                : user.path("login").asText(null);
        String picture = user.hasNonNull("avatar_url") ? user.get("avatar_url").asText() : null;
        return new Users.SignIn(provider.name(), id, email, verified, name, picture);
    }

    private static String web(OAuthProviders.Credentials provider) {
        return provider.issuer() == null ? WEB : provider.issuer();
    }

    private static HttpRequest.Builder api(OAuthProviders.Credentials provider, String path, String accessToken) {
        String base = provider.issuer() == null ? API : provider.issuer() + "/api/v3";
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + accessToken)
                .header("X-GitHub-Api-Version", "2022-11-28").GET();
    }

    private JsonNode call(OAuthProviders.Credentials provider, HttpRequest.Builder request, String what) {
        HttpRequest r = request.timeout(TIMEOUT).header("Accept", "application/json").header("User-Agent", "fazt").build();
        try {
            HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.info("GitHub answered {} for {} of {}", response.statusCode(), what, provider.name());
                throw new SignInFailed("GitHub answered " + response.statusCode() + " to " + what + "; start again");
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            log.warn("GitHub request for {} of {} failed: {}", what, provider.name(), e.getMessage());
            throw new SignInFailed("GitHub cannot be reached (" + what + "); try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailed("the sign-in was interrupted");
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
