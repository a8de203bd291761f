package fazt.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared checks of the storage tests. */
final class StorageAssertions {
    private StorageAssertions() {}

    /** Asserts that {@code call} throws a {@link FaztException} of {@code kind}; chain message checks. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(FaztException.Kind kind, ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(FaztException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    /** The number of rows of {@code table}, read with plain SQL behind the storage classes' back. */
    static long rows(Database db, String table) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
