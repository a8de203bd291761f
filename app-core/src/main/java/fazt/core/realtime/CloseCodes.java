package fazt.core.realtime;

/** The WebSocket status codes (RFC 6455 §7.4) fazt closes connections with, and why. */
public final class CloseCodes {
    /** The app was deleted, the instance is stopping, or the client did not answer a ping. */
    public static final int GOING_AWAY = 1001;
    /** The client sent a binary frame; the protocol is JSON text. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A function kicked the client. */
    public static final int POLICY_VIOLATION = 1008;
    /** An inbound message over {@link Realtime#MAX_INBOUND_BYTES}. */
    public static final int TOO_BIG = 1009;
    /** The client read slower than the app sent and its queue passed the bound. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {}
}
