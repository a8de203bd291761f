package fazt.core.storage;

import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.apps.AppInfo;
import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-app byte objects by path, like a small S3 bucket per app (SPEC §5, {@code fazt.storage.s3}).
 * Kept in the {@code app_blobs} table, apart from the content-addressed files of deployed apps.
 * A path is 1-1024 characters, has no NUL, does not start with {@code /} and has no {@code ..}
 * segment; a blob is at most {@code maxBlobBytes}.
 */
public final class Blobs {
    /** A stored blob; {@code hash} is the SHA-256 of {@code data} in hex, {@code updatedAt} epoch ms. */
    public record Blob(byte[] data, String mime, long size, String hash, long updatedAt) {}

    /** A blob as listed, without its bytes. */
    public record BlobInfo(String path, String mime, long size, long updatedAt) {}

    public static final long DEFAULT_MAX_BLOB_BYTES = 50L * 1024 * 1024;
    static final String DEFAULT_MIME = "application/octet-stream";
    static final int MAX_PATH_LENGTH = 1024;
    static final int MAX_MIME_LENGTH = 255;

    private final StorageDb db;
    private final long maxBlobBytes;
    private final Clock clock;

    /** Blobs of at most {@link #DEFAULT_MAX_BLOB_BYTES} (50 MB). */
    public Blobs(Database db) {
        this(db, DEFAULT_MAX_BLOB_BYTES);
    }

    public Blobs(Database db, long maxBlobBytes) {
        this(db, maxBlobBytes, Clock.systemUTC());
    }

    /** {@code clock} stamps {@code updatedAt}; tests pass one they can move. */
    public Blobs(Database db, long maxBlobBytes, Clock clock) {
        if (maxBlobBytes <= 0) throw new IllegalArgumentException("maxBlobBytes must be positive, got " + maxBlobBytes);
        this.db = new StorageDb(db);
        this.maxBlobBytes = maxBlobBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores {@code data} at {@code path}, replacing what was there. A null or blank {@code mime}
     * means {@value #DEFAULT_MIME}. Larger than the cap is a too-large error, and nothing is stored.
     */
    public void put(String appId, String path, byte[] data, String mime) {
        Objects.requireNonNull(appId, "appId");
        checkPath(path);
        if (data == null) throw FaztException.invalid("put needs data for '" + path + "' (a string or bytes)");
        if (data.length > maxBlobBytes) {
            throw new FaztException(FaztException.Kind.TOO_LARGE, "BLOB_TOO_LARGE", "blob '" + path + "' is "
                    + data.length + " bytes; the limit is " + maxBlobBytes + " bytes");
        }
        String type = mime == null || mime.isBlank() ? DEFAULT_MIME : checkMime(mime);
        String hash = Ids.sha256(data);
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO app_blobs(app_id, path, mime, size, hash, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT(app_id, path) DO UPDATE SET mime = excluded.mime, size = excluded.size, "
                            + "hash = excluded.hash, updated_at = excluded.updated_at, data = excluded.data")) {
                p.setString(1, appId);
                p.setString(2, path);
                p.setString(3, type);
                p.setLong(4, data.length);
                p.setString(5, hash);
                p.setLong(6, now);
                p.setBytes(7, data);
                return p.executeUpdate();
            }
        });
    }

    /** The blob at {@code path}, or empty when there is none. */
    public Optional<Blob> get(String appId, String path) {
        Objects.requireNonNull(appId, "appId");
        checkPath(path);
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT data, mime, size, hash, updated_at FROM app_blobs WHERE app_id = ? AND path = ?")) {
                p.setString(1, appId);
                p.setString(2, path);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Blob(rs.getBytes(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getLong(5)));
                }
            }
        });
    }

    /** The blob at {@code path}; not-found naming the app when there is none. */
    public Blob existing(AppInfo app, String path) {
        return get(app.id(), path).orElseThrow(() -> missing(app, path));
    }

    /** Removes the blob at {@code path}; true when there was one. */
    public boolean delete(String appId, String path) {
        Objects.requireNonNull(appId, "appId");
        checkPath(path);
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM app_blobs WHERE app_id = ? AND path = ?")) {
                p.setString(1, appId);
                p.setString(2, path);
                return p.executeUpdate() > 0;
            }
        });
    }

    /** Removes the blob at {@code path}; not-found naming the app when there is none. */
    public void deleteExisting(AppInfo app, String path) {
        if (!delete(app.id(), path)) throw missing(app, path);
    }

    /**
     * The blobs whose path starts with {@code prefix} (taken literally; null or empty lists all),
     * ordered by path (by code point).
     */
    public List<BlobInfo> list(String appId, String prefix) {
        Objects.requireNonNull(appId, "appId");
        BoundSql sql = new BoundSql().add("SELECT path, mime, size, updated_at FROM app_blobs WHERE app_id = ").bind(appId);
        PrefixRange.append(sql, "path", prefix);
        sql.add(" ORDER BY path");
        return db.read(c -> {
            List<BlobInfo> out = new ArrayList<>();
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(info(rs));
            }
            return out;
        });
    }

    /**
     * One page of the blobs whose path starts with {@code prefix} (literal; null or empty for
     * all), ordered by path, beginning after the path {@code after} (null for the first page); at
     * most {@code limit} ({@link PageLimits}: default 100, 1-1000).
     */
    public KeyPage<BlobInfo> page(String appId, String prefix, String after, Integer limit) {
        Objects.requireNonNull(appId, "appId");
        int max = PageLimits.items(limit);
        BoundSql sql = new BoundSql().add("SELECT path, mime, size, updated_at FROM app_blobs WHERE app_id = ").bind(appId);
        PrefixRange.append(sql, "path", prefix);
        if (after != null) sql.add(" AND path > ").bind(after);
        sql.add(" ORDER BY path LIMIT ").bind(max + 1);
        return db.read(c -> {
            List<BlobInfo> out = new ArrayList<>();
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == max) return new KeyPage<>(out, out.getLast().path());
                    out.add(info(rs));
                }
            }
            return new KeyPage<>(out, null);
        });
    }

    private static BlobInfo info(ResultSet rs) throws SQLException {
        return new BlobInfo(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
    }

    private static FaztException missing(AppInfo app, String path) {
        return FaztException.notFound("app '" + app.name() + "' has no blob '" + path + "'");
    }

    /** Removes every blob of the app. */
    public void deleteApp(String appId) {
        Objects.requireNonNull(appId, "appId");
        db.deleteAppRows("app_blobs", appId);
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_PATH_LENGTH) {
            throw FaztException.invalid("a blob path must be 1-" + MAX_PATH_LENGTH + " characters, got "
                    + (path == null ? "none" : path.length()));
        }
        if (path.indexOf('\0') >= 0) throw FaztException.invalid("a blob path must not contain a NUL character");
        if (path.startsWith("/")) {
            throw FaztException.invalid("blob path '" + path + "' must not start with '/'; paths are relative, like images/a.png");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) throw FaztException.invalid("blob path '" + path + "' must not contain a '..' segment");
        }
    }

    private static String checkMime(String mime) {
        // the type may later be sent as a Content-Type header, where control characters could split it
        if (mime.length() > MAX_MIME_LENGTH || mime.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw FaztException.invalid("a mime type must be at most " + MAX_MIME_LENGTH
                    + " characters without control characters, like image/png");
        }
        return mime;
    }
}
