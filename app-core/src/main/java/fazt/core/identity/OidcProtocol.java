package fazt.core.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoErrorResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect (Google, Keycloak, Authelia, …): the issuer's metadata from
 * {@code .well-known/openid-configuration} (cached for an hour), the authorization code flow with
 * PKCE S256 and a nonce, and an ID token checked by Nimbus for issuer, audience, signature (keys
 * from the issuer's JWKS), expiry and nonce. When the ID token carries no email, the userinfo
 * endpoint is asked.
 */
final class OidcProtocol implements SignInProtocol {
    private static final Logger log = LoggerFactory.getLogger(OidcProtocol.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;
    private static final Duration METADATA_TTL = Duration.ofHours(1);
    private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512", "EdDSA", "Ed25519");

    /** An issuer's metadata and its key source, fetched once and reused. */
    private record IssuerInfo(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, long fetchedAt) {}

    private final ConcurrentHashMap<String, IssuerInfo> issuers = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    OidcProtocol(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public URI authorizationUrl(OAuthProviders.Credentials provider, OAuthStates.Pending pending) {
        OIDCProviderMetadata metadata = issuer(provider).metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"),
                new ClientID(provider.clientId()), URI.create(pending.redirectUri()))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(new State(pending.state()))
                .nonce(new Nonce(pending.nonce()))
                .codeChallenge(new CodeVerifier(pending.codeVerifier()), CodeChallengeMethod.S256)
                .build().toURI();
    }

    @Override
    public Users.SignIn finish(OAuthProviders.Credentials provider, OAuthStates.Pending pending, String code) {
        IssuerInfo info = issuer(provider);
        OIDCTokenResponse tokens = exchange(provider, info.metadata(), pending, code);
        IDTokenClaimsSet claims = validate(provider, info, tokens.getOIDCTokens().getIDToken(), pending.nonce());
        String email = claims.getStringClaim("email");
        Boolean verified = bool(claims.getClaim("email_verified"));
        String name = claims.getStringClaim("name");
        String picture = claims.getStringClaim("picture");
        if (email == null && info.metadata().getUserInfoEndpointURI() != null) {
            UserInfo more = userInfo(provider, info.metadata(), tokens.getOIDCTokens().getAccessToken(), claims.getSubject().getValue());
            if (more != null) {
                email = more.getEmailAddress();
                verified = bool(more.getClaim("email_verified"));
                if (name == null) name = more.getName();
                if (picture == null && more.getPicture() != null) picture = more.getPicture().toString();
            }
        }
        return new Users.SignIn(provider.name(), claims.getSubject().getValue(), email, Boolean.TRUE.equals(verified),
                name, picture);
    }

    private IssuerInfo issuer(OAuthProviders.Credentials provider) {
        String iss = provider.issuer();
        IssuerInfo cached = issuers.get(iss);
        if (cached != null && clock.getAsLong() - cached.fetchedAt() < METADATA_TTL.toMillis()) return cached;
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(iss), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        } catch (GeneralException | IOException e) {
            log.warn("OpenID Connect discovery for {} failed: {}", iss, e.getMessage());
            throw new SignInFailed("the sign-in provider '" + provider.name() + "' cannot be reached or did not describe "
                    + "itself at " + iss + "/.well-known/openid-configuration; try again later or ask the owner to check "
                    + "its issuer URL");
        }
        if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getAuthorizationEndpointURI() == null) {
            throw new SignInFailed("the sign-in provider '" + provider.name() + "' does not publish an authorization "
                    + "endpoint, a token endpoint and its keys; it cannot be used");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, JWKS_SIZE_LIMIT)).build();
        } catch (MalformedURLException e) {
            throw new SignInFailed("the sign-in provider '" + provider.name() + "' publishes an unusable key URL");
        }
        IssuerInfo fresh = new IssuerInfo(metadata, keys, clock.getAsLong());
        issuers.put(iss, fresh);
        return fresh;
    }

    private static OIDCTokenResponse exchange(OAuthProviders.Credentials provider, OIDCProviderMetadata metadata,
            OAuthStates.Pending pending, String code) {
        ClientID id = new ClientID(provider.clientId());
        Secret secret = new Secret(provider.clientSecret());
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        ClientAuthentication auth = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), auth, new AuthorizationCodeGrant(
                new AuthorizationCode(code), URI.create(pending.redirectUri()), new CodeVerifier(pending.codeVerifier())));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(send(request.toHTTPRequest()));
        } catch (IOException | ParseException e) {
            log.warn("token request to {} failed: {}", provider.name(), withoutSecrets(e.getMessage()));
            throw new SignInFailed("the sign-in provider '" + provider.name() + "' did not answer the token request "
                    + "properly; try again");
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            String reason = error.getErrorObject() == null ? "unknown" : error.getErrorObject().getCode();
            log.info("token request to {} refused: {}", provider.name(), reason);
            throw new SignInFailed("the sign-in provider '" + provider.name() + "' refused the sign-in (" + reason + "); "
                    + "start again");
        }
        OIDCTokenResponse ok = (OIDCTokenResponse) response.toSuccessResponse();
        if (ok.getOIDCTokens().getIDToken() == null) {
            throw new SignInFailed("the sign-in provider '" + provider.name() + "' sent no ID token");
        }
        return ok;
    }

    private static IDTokenClaimsSet validate(OAuthProviders.Credentials provider, IssuerInfo info, JWT idToken, String nonce) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        List<JWSAlgorithm> published = info.metadata().getIDTokenJWSAlgs();
        if (published != null) {
            for (JWSAlgorithm a : published) if (ASYMMETRIC.contains(a.getName())) algorithms.add(a);
        }
        if (algorithms.isEmpty()) algorithms.add(JWSAlgorithm.RS256);
        IDTokenValidator validator = new IDTokenValidator(info.metadata().getIssuer(), new ClientID(provider.clientId()),
                new JWSVerificationKeySelector<>(algorithms, info.keys()), null);
        try {
            return validator.validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            log.warn("rejected an ID token from {}: {}", provider.name(), withoutSecrets(e.getMessage()));
            throw new SignInFailed("the ID token from '" + provider.name() + "' did not pass the checks (issuer, audience, "
                    + "signature, expiry, nonce); the sign-in was refused");
        }
    }

    private static UserInfo userInfo(OAuthProviders.Credentials provider, OIDCProviderMetadata metadata, AccessToken token,
            String subject) {
        try {
            HTTPResponse http = send(new UserInfoRequest(metadata.getUserInfoEndpointURI(), token).toHTTPRequest());
            UserInfoResponse response = UserInfoResponse.parse(http);
            if (!response.indicatesSuccess()) {
                UserInfoErrorResponse error = response.toErrorResponse();
                log.info("userinfo of {} refused: {}", provider.name(),
                        error.getErrorObject() == null ? "unknown" : error.getErrorObject().getCode());
                return null;
            }
            UserInfo info = response.toSuccessResponse().getUserInfo();
            // userinfo must describe the person the ID token names, or it is ignored
            return info != null && subject.equals(info.getSubject().getValue()) ? info : null;
        } catch (IOException | ParseException e) {
            log.info("userinfo of {} failed: {}", provider.name(), withoutSecrets(e.getMessage()));
            return null;
        }
    }

    private static HTTPResponse send(HTTPRequest request) throws IOException {
        request.setConnectTimeout(CONNECT_TIMEOUT_MS);
        request.setReadTimeout(READ_TIMEOUT_MS);
        return request.send();
    }

    /** Library messages may quote a nonce or a token; long opaque strings are cut out before logging. */
    private static String withoutSecrets(String message) {
        return message == null ? null : message.replaceAll("[A-Za-z0-9_\\-.~+/=]{24,}", "[…]");
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) return b;
        if (value instanceof String s) return Boolean.parseBoolean(s);
        return null;
    }
}
