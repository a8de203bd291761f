package fazt.core.backup;

import fazt.core.FaztException;
import fazt.core.db.Database;
import fazt.core.db.DatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a file is a fazt data.db that this build can serve: a SQLite file, with fazt's tables, of
 * a schema version no newer than this build knows, that passes SQLite's {@code integrity_check}.
 * Restores and the copies a peer receives are checked with it; each refusal says what is wrong.
 */
public final class DataFileCheck {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** Tables every fazt data.db has had since its first schema. */
    private static final List<String> FAZT_TABLES = List.of("schema_migrations", "config", "apps");

    /** What the check found in a good file. */
    public record Checked(Path file, int schemaVersion, long bytes) {}

    private DataFileCheck() {}

    /** True when the file starts as every SQLite database file does. */
    public static boolean looksLikeSqlite(byte[] start) {
        return start.length >= SQLITE_HEADER.length && Arrays.equals(start, 0, SQLITE_HEADER.length, SQLITE_HEADER, 0, SQLITE_HEADER.length);
    }

    /** Checks {@code file}, or throws an INVALID (NOT_FOUND when missing) error that names the problem. */
    public static Checked check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FaztException(FaztException.Kind.NOT_FOUND, "NO_SUCH_FILE", "there is no file " + file);
        }
        long bytes;
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = Files.size(file);
            start = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.INVALID, "UNREADABLE", "cannot read " + file + ": " + e.getMessage());
        }
        if (!looksLikeSqlite(start)) {
            throw new FaztException(FaztException.Kind.INVALID, "NOT_SQLITE", file + " is not a SQLite database (a fazt backup is a data.db file)");
        }
        try (Database db = Database.openReadOnly(file)) {
            List<String> problems = db.read(c -> {
                List<String> found = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    while (rs.next()) found.add(rs.getString(1));
                }
                return found;
            });
            if (!problems.equals(List.of("ok"))) throw corrupt(file, String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
            List<String> missing = db.read(c -> {
                List<String> absent = new ArrayList<>();
                for (String table : FAZT_TABLES) {
                    try (var p = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                        p.setString(1, table);
                        try (ResultSet rs = p.executeQuery()) {
                            if (!rs.next()) absent.add(table);
                        }
                    }
                }
                return absent;
            });
            if (!missing.isEmpty()) {
                throw new FaztException(FaztException.Kind.INVALID, "NOT_FAZT", file + " is a SQLite database but not a fazt data.db (it has no "
                        + String.join(", ", missing) + " table)");
            }
            int version = db.schemaVersion();
            int known = Database.latestSchemaVersion();
            if (version > known) {
                throw new FaztException(FaztException.Kind.INVALID, "NEWER_SCHEMA", file + " was written by a newer fazt (schema version "
                        + version + "; this fazt knows up to " + known + "): upgrade fazt, then restore it");
            }
            return new Checked(file, version, bytes);
        } catch (DatabaseException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static FaztException corrupt(Path file, String detail) {
        return new FaztException(FaztException.Kind.INVALID, "CORRUPT", file + " is damaged (SQLite's integrity check: " + detail
                + "); use another backup");
    }
}
