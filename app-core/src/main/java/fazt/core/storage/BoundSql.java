package fazt.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text assembled from fixed fragments written in this package, with every value that came
 * from a caller held apart as a bound parameter. Nothing a user typed ever becomes SQL text.
 */
final class BoundSql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    /** Appends fixed SQL. Only constants of this package go here, never caller input. */
    BoundSql add(String fixed) {
        text.append(fixed);
        return this;
    }

    /** Appends another piece, text and parameters in order. */
    BoundSql add(BoundSql piece) {
        text.append(piece.text);
        params.addAll(piece.params);
        return this;
    }

    /** Appends a placeholder whose value is {@code value}. */
    BoundSql bind(Object value) {
        text.append('?');
        params.add(value);
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> params() {
        return List.copyOf(params);
    }

    /** A statement with every parameter bound; the caller closes it. */
    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement p = c.prepareStatement(text.toString());
        try {
            for (int i = 0; i < params.size(); i++) p.setObject(i + 1, params.get(i));
            return p;
        } catch (SQLException | RuntimeException e) {
            p.close();
            throw e;
        }
    }
}
