package fazt.core;

/**
 * An error a user or client can act on. {@link Kind} says what sort of problem it is (the HTTP
 * layer turns it into a status, the CLI into an exit code); the message says what to do.
 */
public class FaztException extends RuntimeException {
    public enum Kind {
        INVALID(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409),
        GONE(410), TOO_LARGE(413), TOO_MANY_REQUESTS(429), UNAVAILABLE(503), INSUFFICIENT_STORAGE(507);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;
    private final String code;

    public FaztException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** An UPPER_SNAKE code for the API's error envelope. */
    public String code() {
        return code;
    }

    public static FaztException invalid(String message) {
        return new FaztException(Kind.INVALID, "INVALID_REQUEST", message);
    }

    public static FaztException notFound(String message) {
        return new FaztException(Kind.NOT_FOUND, "NOT_FOUND", message);
    }

    public static FaztException conflict(String message) {
        return new FaztException(Kind.CONFLICT, "CONFLICT", message);
    }
}
