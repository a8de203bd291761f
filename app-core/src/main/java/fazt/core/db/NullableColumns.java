package fazt.core.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading columns that may be NULL (sqlite-jdbc refuses {@code getObject(i, Long.class)} on NULL). */
public final class NullableColumns {
    private NullableColumns() {}

    public static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
