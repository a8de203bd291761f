package fazt.core.identity;

import java.net.URI;

/** How one kind of provider is spoken to: where to send the browser, and what its callback means. */
interface SignInProtocol {
    /** The provider's page that asks the person to sign in, carrying state, PKCE challenge and nonce. */
    URI authorizationUrl(OAuthProviders.Credentials provider, OAuthStates.Pending pending);

    /** Trades the callback's code for who signed in; throws {@link SignInFailed} with a reason people can read. */
    Users.SignIn finish(OAuthProviders.Credentials provider, OAuthStates.Pending pending, String code);
}
