package fazt.server;

import fazt.core.apps.ServedFile;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The response headers of one served file that do not depend on the request (ETag,
 * Last-Modified, Cache-Control, Content-Type), made and encoded once per file of an active
 * version instead of on every request: a file's hash, type and version date never change.
 */
record FileHeaders(long lastModifiedMillis, String etagValue, HttpField etag, HttpField lastModified, HttpField cacheControl, HttpField contentType) {
    static final HttpField NO_CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache");
    static final HttpField ACCEPT_RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");
    static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    private static final Pattern FINGERPRINTED = Pattern.compile("^.+[.-]([A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*)\\.[A-Za-z0-9]+$");
    /** How many files' headers are kept; past it the map starts again (old versions' files go with it). */
    private static final int KEPT = 20_000;
    /**
     * By file (path, hash, size, type): a file's headers never change, so they cannot go stale. A
     * plain map: a lookup costs a hash of five cached values, less than the strings it saves (the
     * same file in two versions dated apart is made again when requests alternate between them).
     */
    private static final Map<ServedFile, FileHeaders> MADE = new ConcurrentHashMap<>();

    /** The headers of {@code file}, a file of a version created at {@code lastModified}. */
    static FileHeaders of(ServedFile file, long lastModified) {
        FileHeaders made = MADE.get(file);
        if (made != null && made.lastModifiedMillis() == lastModified) return made;
        made = make(file, lastModified);
        if (MADE.size() >= KEPT) MADE.clear();
        MADE.put(file, made);
        return made;
    }

    private static FileHeaders make(ServedFile file, long lastModified) {
        String etag = "\"" + file.hash() + "\"";
        return new FileHeaders(lastModified, etag, new PreEncodedHttpField(HttpHeader.ETAG, etag),
                new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(lastModified)),
                new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, cacheControl(file)),
                new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, file.mime()));
    }

    static String cacheControl(ServedFile file) {
        if (file.path().startsWith("private/")) return "private, no-store";
        if (file.mime().startsWith("text/html")) return "no-cache";
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        if (FINGERPRINTED.matcher(name).matches()) return "public, max-age=31536000, immutable";
        return "public, max-age=300";
    }
}
