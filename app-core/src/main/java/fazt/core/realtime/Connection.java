package fazt.core.realtime;

/**
 * The socket under a {@link RealtimeClient}, as the HTTP layer provides it. The engine decides
 * what is sent and when a connection ends; the transport only moves frames.
 */
public interface Connection {
    /** Sends one text frame; exactly one of {@code sent} or {@code failed} is called when the frame left or could not. */
    void send(String text, Runnable sent, Runnable failed);

    /** Sends a protocol-level ping; a live peer answers with a pong, which counts as hearing from it. */
    void ping();

    /** Starts the closing handshake with a status code and a reason (at most 123 bytes of UTF-8). */
    void close(int code, String reason);

    /** Drops the connection at once, for a peer that does not finish the closing handshake. */
    void abort();
}
