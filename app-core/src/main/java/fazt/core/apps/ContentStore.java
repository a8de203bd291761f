package fazt.core.apps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fazt.core.db.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * File bytes by SHA-256. Hot contents live in a cache weighed by bytes; because the key is the
 * hash of the bytes, an entry can never go stale and deploys never invalidate it.
 */
public final class ContentStore {
    /** Files larger than this are read from data.db each time instead of filling the cache. */
    static final long CACHE_FILE_LIMIT = 8L * 1024 * 1024;
    private static final int GZIP_MIN_SIZE = 256;

    /** The stored bytes and, for compressible types, a gzip copy made once at deploy. */
    public record Content(byte[] raw, byte[] gzip) {}

    private final Database db;
    private final Cache<String, Content> cache;

    public ContentStore(Database db, long cacheBytes) {
        this.db = db;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(cacheBytes)
                .weigher((String k, Content c) -> c.raw.length + (c.gzip == null ? 0 : c.gzip.length))
                .build();
    }

    public Optional<Content> get(String hash, long size) {
        Content hit = cache.getIfPresent(hash);
        if (hit != null) return Optional.of(hit);
        Optional<Content> loaded = load(hash);
        if (size <= CACHE_FILE_LIMIT) loaded.ifPresent(c -> cache.put(hash, c));
        return loaded;
    }

    private Optional<Content> load(String hash) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT data, gzip FROM blobs WHERE hash = ?")) {
                p.setString(1, hash);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Content(rs.getBytes(1), rs.getBytes(2))) : Optional.empty();
                }
            }
        });
    }

    /** A gzip copy worth keeping (at least 10% smaller), or null. */
    static byte[] gzipIfWorthIt(byte[] raw, String mime) {
        if (raw.length < GZIP_MIN_SIZE || !Mime.compressible(mime)) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zipped = out.toByteArray();
        return zipped.length <= raw.length * 0.9 ? zipped : null;
    }
}
