package fazt.server;

import fazt.core.Fazt;
import fazt.core.apps.AppNames;
import fazt.core.apps.ContentStore;
import fazt.core.apps.ServedFile;
import fazt.core.apps.VersionIndex;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.DateGenerator;
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
    private static final Pattern FINGERPRINTED = Pattern.compile("^.+[.-]([A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*)\\.[A-Za-z0-9]+$");
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
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Replies.send(response, callback, 404, "text/html; charset=utf-8", BuiltInPages.NOT_FOUND);
    }

    private void sendFile(ServedFile file, long lastModified, int status, Request request, Response response,
            Callback callback) {
        Optional<ContentStore.Content> content = fazt.apps().contents().get(file.hash(), file.size());
        if (content.isEmpty()) {
            // the version was replaced and pruned between lookup and read: answer as missing
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            Replies.send(response, callback, 404, "text/html; charset=utf-8", BuiltInPages.NOT_FOUND);
            return;
        }
        HttpFields.Mutable h = response.getHeaders();
        String etag = "\"" + file.hash() + "\"";
        h.put(HttpHeader.ETAG, etag);
        h.put(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(lastModified));
        h.put(HttpHeader.CACHE_CONTROL, status == 404 ? "no-cache" : cacheControl(file));
        if (file.hasGzip()) h.put(HttpHeader.VARY, "Accept-Encoding");
        if (status == 200) {
            h.put(HttpHeader.ACCEPT_RANGES, "bytes");
            if (notModified(request, etag, lastModified)) {
                response.setStatus(304);
                response.write(true, ByteBuffer.wrap(EMPTY), callback);
                return;
            }
            String range = request.getHeaders().get(HttpHeader.RANGE);
            if (range != null && ifRangeMatches(request, etag)) {
                sendRange(content.get().raw(), file.mime(), range, response, callback);
                return;
            }
        }
        byte[] body = content.get().raw();
        if (content.get().gzip() != null && Replies.acceptsGzip(request)) {
            body = content.get().gzip();
            h.put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        Replies.send(response, callback, status, file.mime(), body);
    }

    static String cacheControl(ServedFile file) {
        if (file.path().startsWith("private/")) return "private, no-store";
        if (file.mime().startsWith("text/html")) return "no-cache";
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        if (FINGERPRINTED.matcher(name).matches()) return "public, max-age=31536000, immutable";
        return "public, max-age=300";
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
    private static void sendRange(byte[] raw, String mime, String header, Response response, Callback callback) {
        long[] r = ByteRange.parse(header, raw.length);
        if (r == null) {
            Replies.send(response, callback, 200, mime, raw);
            return;
        }
        if (r.length == 0) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + raw.length);
            Replies.sendText(response, callback, 416, "range not satisfiable\n");
            return;
        }
        int start = (int) r[0];
        int end = (int) r[1];
        response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + raw.length);
        byte[] slice = java.util.Arrays.copyOfRange(raw, start, end + 1);
        Replies.send(response, callback, 206, mime, slice);
    }
}
