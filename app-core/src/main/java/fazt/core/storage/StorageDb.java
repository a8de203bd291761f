package fazt.core.storage;

import fazt.core.FaztException;
import fazt.core.db.Database;
import fazt.core.db.DatabaseException;
import fazt.core.db.SqlWork;

/**
 * The storage classes' way into {@link Database}: the same reads and writes, but a failure of
 * the database itself (closed, disk full, corrupt) surfaces as a {@link FaztException}, so every
 * storage call either completes or throws the one error type the JavaScript bindings translate.
 * Errors the work throws on purpose pass through unchanged.
 */
final class StorageDb {
    private final Database db;

    StorageDb(Database db) {
        if (db == null) throw new IllegalArgumentException("storage needs a database");
        this.db = db;
    }

    <T> T read(SqlWork<T> work) {
        try {
            return db.read(work);
        } catch (DatabaseException e) {
            throw unavailable(e);
        }
    }

    /** Runs {@code work} on the single writer; a throw undoes everything the work wrote. */
    <T> T write(SqlWork<T> work) {
        try {
            return db.write(work);
        } catch (DatabaseException e) {
            throw unavailable(e);
        }
    }

    void deleteAppRows(String table, String appId) {
        try {
            db.deleteAppRows(table, appId);
        } catch (DatabaseException e) {
            throw unavailable(e);
        }
    }

    private static FaztException unavailable(DatabaseException e) {
        FaztException f = new FaztException(FaztException.Kind.UNAVAILABLE, "STORAGE_UNAVAILABLE",
                "storage is unavailable (" + e.getMessage() + "); try again");
        f.initCause(e);
        return f;
    }
}
