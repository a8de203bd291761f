package fazt.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fazt.core.apps.ServedFile;
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
    /**
     * Keyed by the file object of a loaded version index (by identity, held weakly): an index is
     * replaced, never changed, so the headers of its files can never go stale, and they go with it.
     */
    private static final Cache<ServedFile, FileHeaders> MADE = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

    /** The headers of {@code file}, a file of a version created at {@code lastModified}. */
    static FileHeaders of(ServedFile file, long lastModified) {
        FileHeaders made = MADE.getIfPresent(file);
        if (made != null && made.lastModifiedMillis() == lastModified) return made;
        made = make(file, lastModified);
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
