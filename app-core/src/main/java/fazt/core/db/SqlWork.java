package fazt.core.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of database work run on a borrowed connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
