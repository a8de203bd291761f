package fazt.server.soak;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the soak finds in data.db once the server has stopped: SQLite's integrity check, and every
 * write the load was told succeeded (KV keys, document ids, analytics events by their tag), read
 * with plain SQL (JDBC, read-only) rather than through fazt's engine.
 */
public final class SoakChecks {
    private static final Pattern EVENT_TAG = Pattern.compile("\"n\"\\s*:\\s*\"([^\"]+)\"");

    /** What was looked for and what is missing; {@code missingExamples} holds up to 10 of the missing ones. */
    public record Findings(String integrity, int kvFound, int kvMissing, int docsFound, int docsMissing, int eventsFound,
            int eventsMissing, List<String> missingExamples) {
        public boolean integrityOk() {
            return "ok".equals(integrity);
        }

        public boolean everyWritePresent() {
            return kvMissing == 0 && docsMissing == 0 && eventsMissing == 0;
        }
    }

    private SoakChecks() {}

    /** Opens {@code dataFile} read-only (the server must have stopped) and looks for every acknowledged write. */
    public static Findings inspect(Path dataFile, SoakLoad.Outcome outcome) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataFile, readOnly)) {
            String integrity = integrity(c);
            String appId = appId(c);
            List<String> missing = new ArrayList<>();
            Set<String> keys = strings(c, "SELECT key FROM kv WHERE app_id = ?", appId);
            int kvMissing = countMissing(outcome.kvKeys(), keys, "KV key ", missing);
            Set<String> ids = strings(c, "SELECT id FROM docs WHERE app_id = ? AND collection = '" + SoakLoad.COLLECTION + "'", appId);
            int docsMissing = countMissing(outcome.docIds(), ids, "document ", missing);
            Set<String> tags = new HashSet<>();
            for (String t : strings(c, "SELECT tags FROM events WHERE event = ? AND tags IS NOT NULL", SoakLoad.COLLECTION)) {
                Matcher m = EVENT_TAG.matcher(t);
                if (m.find()) tags.add(m.group(1));
            }
            int eventsMissing = countMissing(outcome.trackTags(), tags, "event ", missing);
            return new Findings(integrity, outcome.kvKeys().size() - kvMissing, kvMissing, outcome.docIds().size() - docsMissing,
                    docsMissing, outcome.trackTags().size() - eventsMissing, eventsMissing, List.copyOf(missing));
        }
    }

    private static String integrity(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) lines.add(rs.getString(1));
        }
        return String.join("; ", lines);
    }

    private static String appId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM apps WHERE name = ?")) {
            ps.setString(1, SoakLoad.APP);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("data.db has no app named " + SoakLoad.APP);
                return rs.getString(1);
            }
        }
    }

    private static Set<String> strings(Connection c, String sql, String parameter) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static int countMissing(List<String> acknowledged, Set<String> present, String what, List<String> examples) {
        int missing = 0;
        for (String a : acknowledged) {
            if (present.contains(a)) continue;
            missing++;
            if (examples.size() < 10) examples.add(what + a);
        }
        return missing;
    }
}
