package fazt.core.db;

/** A database failure the caller cannot fix by changing its input (disk full, corrupt file, ...). */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
