package fazt.core.identity;

import fazt.core.FaztException;

/** A sign-in that cannot complete; the message is shown to the person signing in. */
public final class SignInFailed extends FaztException {
    public SignInFailed(String message) {
        super(Kind.INVALID, "SIGN_IN_FAILED", message);
    }
}
