package fazt.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema changes: {@code db/migrations/V1.sql}, {@code V2.sql}, ... on the class path,
 * applied in order, each in its own transaction, and recorded in {@code schema_migrations}.
 * A database written by a newer fazt (a version we do not know) is refused.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    static void apply(Connection c) throws SQLException {
        apply(c, Integer.MAX_VALUE);
    }

    /** Applies the migrations up to V{@code last} only (a data.db as an older fazt left it, for upgrade tests). */
    static void apply(Connection c, int last) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    + "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        }
        int current = currentVersion(c);
        if (script(current + 1) == null && current > 0 && script(current) == null) {
            throw new SQLException("data.db has schema version " + current
                    + ", newer than this fazt understands; upgrade fazt");
        }
        for (int v = current + 1; v <= last; v++) {
            String sql = script(v);
            if (sql == null) return;
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    for (String stmt : sql.split(";\\s*(\\r?\\n|$)")) {
                        if (!stmt.isBlank()) s.execute(stmt);
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)")) {
                        p.setInt(1, v);
                        p.setLong(2, System.currentTimeMillis());
                        p.executeUpdate();
                    }
                    s.execute("COMMIT");
                    log.info("applied database migration V{}", v);
                } catch (SQLException e) {
                    s.execute("ROLLBACK");
                    throw new SQLException("migration V" + v + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** The newest schema version this build knows (its last migration script). */
    static int latest() {
        int v = 0;
        while (script(v + 1) != null) v++;
        return v;
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String script(int version) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migrations/V" + version + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration V" + version, e);
        }
    }
}
