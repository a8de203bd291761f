package fazt.core.net;

/** A fetch that was refused or failed; the message is for the app's developer and never holds a URL's query or a header value. */
public final class FetchException extends RuntimeException {
    public FetchException(String message) {
        super(message, null, false, false);
    }
}
