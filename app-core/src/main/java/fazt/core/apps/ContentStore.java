package fazt.core.apps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fazt.core.Ids;
import fazt.core.Json;
import fazt.core.db.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The file bytes of app versions by SHA-256: the only class that reads or writes the
 * {@code blobs} table. A deploy stages its files here (hashing and compressing before its
 * transaction), inserts the new ones inside that transaction, and pruning drops the ones no
 * version uses any more. Hot contents live in a cache weighed by bytes; because the key is the
 * hash of the bytes, an entry can never go stale and deploys never invalidate it.
 */
public final class ContentStore {
    /** Files larger than this are read from data.db each time instead of filling the cache. */
    static final long CACHE_FILE_LIMIT = 8L * 1024 * 1024;
    private static final int GZIP_MIN_SIZE = 256;
    /** Cached files from this size are held in direct buffers ({@link Content}); below it the copy costs nothing worth saving. */
    static final int DIRECT_FROM = 16 * 1024;
    private static final String STORED = "SELECT hash FROM blobs WHERE hash IN (SELECT value FROM json_each(?))";
    private static final String GZIPPED = STORED + " AND gzip IS NOT NULL";

    /**
     * The stored bytes and, for compressible types, a gzip copy made once at deploy. A cached file
     * of {@link #DIRECT_FROM} bytes or more is held outside the heap (direct buffers): the server
     * hands it to the socket as it is, where a heap array would be copied into a direct buffer by
     * the JDK on every response.
     */
    public static final class Content {
        private final byte[] raw;
        private final byte[] gzip;
        private final ByteBuffer rawDirect;
        private final ByteBuffer gzipDirect;

        Content(byte[] raw, byte[] gzip) {
            this(raw, gzip, false);
        }

        private Content(byte[] raw, byte[] gzip, boolean direct) {
            this.raw = direct ? null : raw;
            this.gzip = direct ? null : gzip;
            this.rawDirect = direct ? directCopy(raw) : null;
            this.gzipDirect = direct && gzip != null ? directCopy(gzip) : null;
        }

        /** This content as the cache holds it: large bytes move to direct buffers. */
        Content forCache() {
            return raw != null && raw.length >= DIRECT_FROM ? new Content(raw, gzip, true) : this;
        }

        /** The bytes (a copy when they are held in a direct buffer). */
        public byte[] raw() {
            return raw != null ? raw : copyOf(rawDirect);
        }

        /** The gzip copy, or null (a copy when held in a direct buffer). */
        public byte[] gzip() {
            if (rawDirect == null) return gzip;
            return gzipDirect == null ? null : copyOf(gzipDirect);
        }

        public boolean hasGzip() {
            return gzip != null || gzipDirect != null;
        }

        public int size() {
            return raw != null ? raw.length : rawDirect.capacity();
        }

        /** The bytes to send: a new view each call, so concurrent responses do not share a position. */
        public ByteBuffer rawBuffer() {
            return raw != null ? ByteBuffer.wrap(raw) : rawDirect.duplicate();
        }

        /** The gzip copy to send, or null; a new view each call. */
        public ByteBuffer gzipBuffer() {
            if (gzip != null) return ByteBuffer.wrap(gzip);
            return gzipDirect == null ? null : gzipDirect.duplicate();
        }

        int weight() {
            return size() + (gzip != null ? gzip.length : gzipDirect != null ? gzipDirect.capacity() : 0);
        }

        private static ByteBuffer directCopy(byte[] bytes) {
            return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        }

        private static byte[] copyOf(ByteBuffer buffer) {
            byte[] out = new byte[buffer.capacity()];
            buffer.duplicate().clear().get(out);
            return out;
        }
    }

    /**
     * One file of a deploy, ready to be written: its hash and, when its bytes are not stored yet
     * and compress well, the gzip copy to store with them.
     */
    record StagedFile(String path, String hash, byte[] raw, byte[] gzip) {}

    private final Database db;
    private final Cache<String, Content> cache;

    public ContentStore(Database db, long cacheBytes) {
        this.db = db;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(cacheBytes)
                .weigher((String k, Content c) -> c.weight())
                .build();
    }

    /** The bytes stored for {@code hash} (a file of {@code size} bytes), or empty once no version uses them. */
    public Optional<Content> get(String hash, long size) {
        Content hit = cache.getIfPresent(hash);
        if (hit != null) return Optional.of(hit);
        Optional<Content> loaded = load(hash);
        if (size > CACHE_FILE_LIMIT || loaded.isEmpty()) return loaded;
        Content cached = loaded.get().forCache();
        cache.put(hash, cached);
        return Optional.of(cached);
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

    /**
     * Hashes every file and compresses the ones not stored yet, so that the deploy's transaction
     * only inserts. Bytes already stored keep the gzip copy they have. Files are hashed and
     * compressed on every core (a parallel stream): they are independent, and a large deploy
     * otherwise waits on one core for most of its time on the server.
     */
    List<StagedFile> stage(Map<String, byte[]> files) {
        List<Map.Entry<String, byte[]>> entries = List.copyOf(files.entrySet());
        List<String> hashes = entries.parallelStream().map(e -> Ids.sha256(e.getValue())).toList();
        Set<String> stored = db.read(c -> matching(c, STORED, hashes));
        return IntStream.range(0, entries.size()).parallel().mapToObj(i -> {
            Map.Entry<String, byte[]> e = entries.get(i);
            String hash = hashes.get(i);
            byte[] gzip = stored.contains(hash) ? null : gzipIfWorthIt(e.getValue(), Mime.forPath(e.getKey()));
            return new StagedFile(e.getKey(), hash, e.getValue(), gzip);
        }).toList();
    }

    /** Inside the deploy's transaction: stores the bytes of {@code files} that are not stored yet. */
    void insertMissing(Connection c, List<StagedFile> files) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO blobs(hash, size, data, gzip) VALUES (?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING")) {
            Set<String> done = new HashSet<>();
            for (StagedFile f : files) {
                if (!done.add(f.hash())) continue;
                p.setString(1, f.hash());
                p.setLong(2, f.raw().length);
                p.setBytes(3, f.raw());
                p.setBytes(4, f.gzip());
                p.executeUpdate();
            }
        }
    }

    /**
     * Inside the transaction that deleted versions: drops those of {@code hashes} that no version
     * file refers to any more. Cached copies may stay; a hash is never stored with other bytes.
     */
    void dropUnused(Connection c, Collection<String> hashes) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM blobs WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM version_files WHERE hash = ?)")) {
            for (String h : hashes) {
                p.setString(1, h);
                p.setString(2, h);
                p.executeUpdate();
            }
        }
    }

    /** Which of {@code hashes} have a gzip copy stored, read on {@code c}. */
    Set<String> gzipped(Connection c, Collection<String> hashes) throws SQLException {
        return matching(c, GZIPPED, hashes);
    }

    /** The hashes {@code query} finds among {@code hashes}, passed as one JSON list so any count is one statement. */
    private static Set<String> matching(Connection c, String query, Collection<String> hashes) throws SQLException {
        Set<String> found = new HashSet<>();
        if (hashes.isEmpty()) return found;
        try (PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, Json.MAPPER.valueToTree(new HashSet<>(hashes)).toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** A gzip copy worth keeping (at least 10% smaller), or null. */
    private static byte[] gzipIfWorthIt(byte[] raw, String mime) {
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
