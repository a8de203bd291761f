package fazt.server;

import fazt.core.Fazt;
import fazt.core.apps.AppNames;
import fazt.core.apps.ContentStore;
import fazt.core.apps.ServedFile;
import fazt.core.apps.VersionIndex;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves an app's files from its active version (SPEC §3.3): index and folder lookups, SPA
 * fallback, the app's own 404 page, ETag/304, Last-Modified, single byte ranges, gzip copies made
 * at deploy, and the cache rules. A warm hit reads only memory.
 */
public final class StaticFiles {
    private static final byte[] EMPTY = new byte[0];

    private final Fazt fazt;
    private final RequestEvents events;

    public StaticFiles(Fazt fazt) {
        this.fazt = fazt;
        this.events = new RequestEvents(fazt);
    }

    public void serve(VersionIndex index, Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.sendText(response, callback, 405, "method not allowed: static files answer GET and HEAD\n");
            return;
        }
        String path = Request.getPathInContext(request);
        if (path.length() > 1 && path.endsWith("/")) {
            redirectWithoutSlash(request, response, callback);
            return;
        }
        String rel = path.substring(1);
        if (isServerOnly(rel)) {
            notFound(index, request, response, callback);
            return;
        }
        ServedFile file = lookup(index, rel);
        if (file == null) {
            notFound(index, request, response, callback);
            return;
        }
        // A 304 is a view too: HTML is sent with no-cache, so a returning browser revalidates every time.
        if (method.equals("GET") && file.mime().startsWith("text/html")) events.pageview(index, request, path);
        sendFile(file, index.createdAt(), 200, request, response, callback);
    }

    /** A file under {@code private/}, once {@link PrivateFiles} has let the caller in. */
    void sendPrivate(VersionIndex index, ServedFile file, Request request, Response response, Callback callback) {
        sendFile(file, index.createdAt(), 200, request, response, callback);
    }

    /** {@code api/} and {@code private/} are for the server only. */
    private static boolean isServerOnly(String rel) {
        return rel.equals("api") || rel.startsWith("api/") || rel.equals("private") || rel.startsWith("private/");
    }

    private static ServedFile lookup(VersionIndex index, String rel) {
        if (rel.isEmpty()) return index.file("index.html");
        ServedFile f = index.file(rel);
        if (f != null) return f;
        f = index.file(rel + "/index.html");
        if (f != null) return f;
        String last = rel.substring(rel.lastIndexOf('/') + 1);
        if (index.spa() && last.indexOf('.') < 0) return index.file("index.html");
        return null;
    }

    private static void redirectWithoutSlash(Request request, Response response, Callback callback) {
        HttpURI uri = request.getHttpURI();
        String raw = uri.getPath();
        String target = raw.replaceAll("/+$", "");
        target = "/" + target.replaceAll("^/+", "");
        if (uri.getQuery() != null) target += "?" + uri.getQuery();
        response.getHeaders().put(HttpHeader.LOCATION, target);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Replies.sendText(response, callback, 301, "moved to " + target + "\n");
    }

    private void notFound(VersionIndex index, Request request, Response response, Callback callback) {
        ServedFile own = index.file("404.html");
        if (own != null) {
            sendFile(own, index.createdAt(), 404, request, response, callback);
        } else {
            sendInstanceNotFound(request, response, callback);
        }
    }

    /** The instance's 404 page: the {@code 404} system app if deployed, else the built-in page. */
    public void sendInstanceNotFound(Request request, Response response, Callback callback) {
        Optional<VersionIndex> custom = fazt.apps().idForName(AppNames.NOT_FOUND).flatMap(fazt.apps()::activeIndex);
        ServedFile page = custom.map(i -> i.file("index.html")).orElse(null);
        if (page != null) {
            sendFile(page, custom.get().createdAt(), 404, request, response, callback);
            return;
        }
        response.getHeaders().put(FileHeaders.NO_CACHE);
        Replies.send(response, callback, 404, "text/html; charset=utf-8", BuiltInPages.NOT_FOUND);
    }

    private void sendFile(ServedFile file, long lastModified, int status, Request request, Response response,
            Callback callback) {
        Optional<ContentStore.Content> found = fazt.apps().contents().get(file.hash(), file.size());
        if (found.isEmpty()) {
            // the version was replaced and pruned between lookup and read: answer as missing
            response.getHeaders().put(FileHeaders.NO_CACHE);
            Replies.send(response, callback, 404, "text/html; charset=utf-8", BuiltInPages.NOT_FOUND);
            return;
        }
        ContentStore.Content content = found.get();
        FileHeaders fh = FileHeaders.of(file, lastModified);
        HttpFields.Mutable h = response.getHeaders();
        h.put(fh.etag());
        h.put(fh.lastModified());
        h.put(status == 404 ? FileHeaders.NO_CACHE : fh.cacheControl());
        if (file.hasGzip()) h.put(FileHeaders.VARY);
        if (status == 200) {
            h.put(FileHeaders.ACCEPT_RANGES);
            if (notModified(request, fh.etagValue(), lastModified)) {
                response.setStatus(304);
                response.write(true, ByteBuffer.wrap(EMPTY), callback);
                return;
            }
            String range = request.getHeaders().get(HttpHeader.RANGE);
            if (range != null && ifRangeMatches(request, fh.etagValue())) {
                sendRange(content.rawBuffer(), fh.contentType(), range, response, callback);
                return;
            }
        }
        ByteBuffer body = content.hasGzip() && Replies.acceptsGzip(request) ? content.gzipBuffer() : null;
        if (body != null) h.put(FileHeaders.GZIP);
        else body = content.rawBuffer();
        Replies.send(response, callback, status, fh.contentType(), body);
    }

    private static boolean notModified(Request request, String etag, long lastModified) {
        String inm = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (inm != null) {
            for (String tag : inm.split(",")) {
                String t = tag.trim();
                if (t.startsWith("W/")) t = t.substring(2);
                if (t.equals(etag) || t.equals("*")) return true;
            }
            return false;
        }
        long since = request.getHeaders().getDateField(HttpHeader.IF_MODIFIED_SINCE.asString());
        return since > 0 && lastModified / 1000 <= since / 1000;
    }

    private static boolean ifRangeMatches(Request request, String etag) {
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        return ifRange == null || ifRange.trim().equals(etag);
    }

    /** One byte range (RFC 9110 §14); several ranges get the whole file, an unsatisfiable one 416. */
    private static void sendRange(ByteBuffer raw, HttpField contentType, String header, Response response, Callback callback) {
        int length = raw.remaining();
        long[] r = ByteRange.parse(header, length);
        if (r == null) {
            Replies.send(response, callback, 200, contentType, raw);
            return;
        }
        if (r.length == 0) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + length);
            Replies.sendText(response, callback, 416, "range not satisfiable\n");
            return;
        }
        int start = (int) r[0];
        int end = (int) r[1];
        response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length);
        Replies.send(response, callback, 206, contentType, raw.slice(raw.position() + start, end - start + 1));
    }
}
