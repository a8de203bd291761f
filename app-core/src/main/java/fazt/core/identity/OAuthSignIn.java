package fazt.core.identity;

import java.net.URI;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing app users in through a provider (SPEC §6.3): {@link #start} records a state and gives
 * the provider's URL; {@link #finish} takes that state back (once), checks what the provider
 * says, and finds, links or creates the user. Knows nothing of HTTP servers or cookies.
 */
public final class OAuthSignIn {
    private static final Logger log = LoggerFactory.getLogger(OAuthSignIn.class);

    /** Where to send the browser, and the state that the callback will bring back. */
    public record Started(URI authorizationUrl, String state) {}

    /** Who signed in and where they wanted to go. */
    public record Finished(Users.User user, String redirect) {}

    private final OAuthProviders providers;
    private final OAuthStates states;
    private final Users users;
    private final SignInProtocol oidc;
    private final SignInProtocol github = new GitHubProtocol();

    public OAuthSignIn(OAuthProviders providers, OAuthStates states, Users users, LongSupplier clock) {
        this.providers = providers;
        this.states = states;
        this.users = users;
        this.oidc = new OidcProtocol(clock);
    }

    /**
     * Starts a sign-in with {@code provider}; {@code redirectUri} is this instance's callback URL,
     * {@code redirect} where the browser goes afterwards (already checked by the caller).
     */
    public Started start(String provider, String redirectUri, String redirect) {
        OAuthProviders.Credentials credentials = providers.enabledCredentials(provider)
                .orElseThrow(() -> new SignInFailed("there is no sign-in with '" + provider + "' here"));
        OAuthStates.Pending pending = states.start(credentials.name(), redirectUri, redirect);
        try {
            return new Started(protocol(credentials).authorizationUrl(credentials, pending), pending.state());
        } catch (SignInFailed e) {
            states.take(pending.state());
            throw e;
        }
    }

    /**
     * Completes a sign-in from the provider's callback. The state is used up whatever happens
     * next, so a callback can never be replayed.
     */
    public Finished finish(String provider, String state, String code, String error) {
        OAuthStates.Pending pending = states.take(state).orElseThrow(() -> new SignInFailed(
                "this sign-in is unknown, was already used or took longer than 10 minutes; please start again"));
        if (!pending.provider().equals(provider)) {
            throw new SignInFailed("this sign-in was started with '" + pending.provider() + "', not '" + provider + "'");
        }
        if (error != null) {
            if (error.length() > 64) error = error.substring(0, 64);
            error = error.replaceAll("[^A-Za-z0-9_.-]", "?"); // the provider's word, but never a forged log line
            log.info("sign-in with {} ended by the provider: {}", provider, error);
            throw new SignInFailed("access_denied".equals(error) ? "the sign-in was cancelled at the provider"
                    : "the provider ended the sign-in (" + error + ")");
        }
        if (code == null || code.isEmpty()) throw new SignInFailed("the provider sent no authorization code");
        OAuthProviders.Credentials credentials = providers.enabledCredentials(provider)
                .orElseThrow(() -> new SignInFailed("sign-in with '" + provider + "' has been switched off"));
        Users.User user = users.signIn(protocol(credentials).finish(credentials, pending, code));
        log.info("user {} signed in with {}", user.id(), provider);
        return new Finished(user, pending.redirect());
    }

    private SignInProtocol protocol(OAuthProviders.Credentials credentials) {
        return credentials.protocol() == OAuthProviders.Protocol.GITHUB ? github : oidc;
    }
}
