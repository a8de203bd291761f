package fazt.core.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * How tests look into (and, through a running {@link Database}, adjust) a data.db with plain SQL,
 * so that no test outside {@code fazt.core.db} opens JDBC itself. Parameters are bound to the
 * {@code ?} marks in order; results come back as plain Java values: SQLite integers as
 * {@link Long}, reals as {@link Double}, text as {@link String}, blobs as {@code byte[]}, NULL as
 * {@code null}.
 */
public final class DataFileQueries {
    private final Access access;

    /** Runs a piece of SQL work on a connection this helper picks. */
    private interface Access {
        <T> T read(SqlWork<T> work);

        <T> T write(SqlWork<T> work);
    }

    private DataFileQueries(Access access) {
        this.access = access;
    }

    /**
     * Queries the data file at {@code dataFile} on a read-only connection of its own, opened per
     * query: it works on a backup copy and on a file a running instance holds (WAL lets it read
     * beside that instance's writer), and can never change the file.
     */
    public static DataFileQueries readOnly(Path dataFile) {
        return new DataFileQueries(new Access() {
            @Override
            public <T> T read(SqlWork<T> work) {
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                config.setBusyTimeout(10_000);
                String url = "jdbc:sqlite:" + dataFile.toAbsolutePath();
                try (Connection c = DriverManager.getConnection(url, config.toProperties())) {
                    return work.run(c);
                } catch (SQLException e) {
                    throw new DatabaseException("query on " + dataFile + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public <T> T write(SqlWork<T> work) {
                throw new UnsupportedOperationException(
                        "a data file opened read-only takes no updates; change it through its Database");
            }
        });
    }

    /**
     * Creates {@code dataFile} with the migrations up to V{@code version} only, as an older fazt
     * left it, and queries and updates it on a connection of its own per call: for tests of the
     * upgrade that the next {@link Database#open} makes.
     */
    public static DataFileQueries olderVersion(Path dataFile, int version) {
        SqlWork<Void> create = c -> {
            Migrations.apply(c, version);
            return null;
        };
        Access plain = new Access() {
            @Override
            public <T> T read(SqlWork<T> work) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataFile.toAbsolutePath())) {
                    return work.run(c);
                } catch (SQLException e) {
                    throw new DatabaseException("query on " + dataFile + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public <T> T write(SqlWork<T> work) {
                return read(work);
            }
        };
        plain.write(create);
        return new DataFileQueries(plain);
    }

    /** Queries through {@code database}'s read connections and updates through its writer. */
    public static DataFileQueries of(Database database) {
        return new DataFileQueries(new Access() {
            @Override
            public <T> T read(SqlWork<T> work) {
                return database.read(work);
            }

            @Override
            public <T> T write(SqlWork<T> work) {
                return database.write(work);
            }
        });
    }

    /** Every row {@code sql} answers, in order. */
    public List<Row> rows(String sql, Object... params) {
        return access.read(c -> {
            try (PreparedStatement p = prepare(c, sql, params); ResultSet rs = p.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) names.add(meta.getColumnLabel(i));
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> values = new ArrayList<>(names.size());
                    for (int i = 1; i <= names.size(); i++) values.add(plain(rs.getObject(i)));
                    rows.add(new Row(names, values));
                }
                return rows;
            }
        });
    }

    /** The first row {@code sql} answers; fails when it answers none. */
    public Row row(String sql, Object... params) {
        List<Row> rows = rows(sql, params);
        if (rows.isEmpty()) throw new AssertionError("no row for: " + sql);
        return rows.get(0);
    }

    /** The first column of the first row as a number, for counts and sums (NULL reads as 0). */
    public long number(String sql, Object... params) {
        return row(sql, params).number(1);
    }

    /** The first column of the first row as text (numbers as their decimal digits). */
    public String text(String sql, Object... params) {
        return row(sql, params).text(1);
    }

    /** The first column of every row as text, in order. */
    public List<String> texts(String sql, Object... params) {
        return rows(sql, params).stream().map(r -> r.text(1)).toList();
    }

    /** Runs an INSERT, UPDATE or DELETE as one committed write and returns how many rows it changed. */
    public int update(String sql, Object... params) {
        return access.write(c -> {
            try (PreparedStatement p = prepare(c, sql, params)) {
                return p.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
            return p;
        } catch (SQLException e) {
            p.close();
            throw e;
        }
    }

    /** sqlite-jdbc answers small integers as Integer and large ones as Long; tests see Long always. */
    private static Object plain(Object value) {
        return value instanceof Integer i ? Long.valueOf(i) : value;
    }

    /**
     * One row of a result: columns by their 1-based position, as SQL counts them, or by their
     * name (the alias after {@code AS}, else the column name).
     */
    public record Row(List<String> names, List<Object> values) {
        public Row {
            names = List.copyOf(names);
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        public Object get(int column) {
            if (column < 1 || column > values.size()) {
                throw new IndexOutOfBoundsException("column " + column + " of " + names);
            }
            return values.get(column - 1);
        }

        public Object get(String name) {
            int i = names.indexOf(name);
            if (i < 0) throw new IllegalArgumentException("no column '" + name + "' in " + names);
            return values.get(i);
        }

        /** The value as a number; NULL reads as 0. */
        public long number(int column) {
            return asNumber(get(column));
        }

        public long number(String name) {
            return asNumber(get(name));
        }

        /** The value as text: numbers as their decimal digits, NULL as null. */
        public String text(int column) {
            return asText(get(column));
        }

        public String text(String name) {
            return asText(get(name));
        }

        private static long asNumber(Object value) {
            if (value == null) return 0;
            if (value instanceof Number n) return n.longValue();
            return Long.parseLong(value.toString());
        }

        private static String asText(Object value) {
            return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                    : Objects.toString(value, null);
        }
    }
}
