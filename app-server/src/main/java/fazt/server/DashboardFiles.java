package fazt.server;

import fazt.core.Ids;
import fazt.core.apps.Mime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web dashboard (SPEC §8, docs/dashboard.md): files shipped inside fazt, served on the admin
 * host. {@code /assets/NAME} is one of its files; any other path (but {@code /api/…}, which is
 * the admin API) is the page itself, which routes by the URL's fragment. Every answer carries a
 * strict Content-Security-Policy: scripts and styles only from these files, requests only to
 * this origin, never framed. Libraries come from their WebJars on the class path and are served
 * under a name of their own ({@code /assets/uplot.js}), so no page depends on a library's version.
 */
final class DashboardFiles {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String ROOT = "/fazt/dashboard/";
    private static final Pattern ASSET = Pattern.compile("/assets/([a-z0-9-]+\\.(?:js|css|svg))");

    /** A file of the WebJar of npm package {@code pkg}. */
    private record Library(String pkg, String file) {}

    /** WebJar files by the name the dashboard asks for: uPlot's ES module and stylesheet (the charts). */
    private static final Map<String, Library> LIBRARIES = Map.of(
            "assets/uplot.js", new Library("uplot", "dist/uPlot.esm.js"),
            "assets/uplot.css", new Library("uplot", "dist/uPlot.min.css"));

    /** A file with its gzip copy (when that is smaller) and its ETag. */
    private record Asset(byte[] raw, byte[] gzip, String type, String etag) {}

    /** Files read so far; a name that is not one of them is not remembered, so guesses cannot fill this. */
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    void serve(String path, Request request, Response response, Callback callback) {
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("X-Frame-Options", "DENY");
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.sendText(response, callback, 405, "the dashboard's pages are read with GET\n");
            return;
        }
        var asset = ASSET.matcher(path);
        String name = !path.startsWith("/assets/") ? "index.html" : asset.matches() ? "assets/" + asset.group(1) : null;
        Asset file = name == null ? null : assets.computeIfAbsent(name, DashboardFiles::load);
        if (file == null) {
            Replies.sendText(response, callback, 404, "no dashboard file " + path + "\n");
            return;
        }
        send(file, request, response, callback);
    }

    private static void send(Asset a, Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.ETAG, a.etag());
        // the page may change with every upgrade of fazt: always ask, the ETag makes asking cheap
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        if (a.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(304);
            callback.succeeded();
            return;
        }
        if (a.gzip() != null && Replies.acceptsGzip(request)) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
            Replies.send(response, callback, 200, a.type(), a.gzip());
        } else {
            Replies.send(response, callback, 200, a.type(), a.raw());
        }
    }

    /** The file shipped as {@code name}, or null when there is none. */
    private static Asset load(String name) {
        Library library = LIBRARIES.get(name);
        try (InputStream in = library == null ? DashboardFiles.class.getResourceAsStream(ROOT + name) : webJar(library)) {
            if (in == null) return null;
            byte[] raw = in.readAllBytes();
            byte[] gzip = Replies.gzip(raw);
            return new Asset(raw, gzip.length < raw.length ? gzip : null, Mime.forPath(name),
                    "\"" + Ids.sha256(raw).substring(0, 16) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard file " + name, e);
        }
    }

    /** The library's file from its WebJar (the version on the class path), or null when that WebJar is absent. */
    private static InputStream webJar(Library library) throws IOException {
        Properties p = new Properties();
        String pom = "/META-INF/maven/org.webjars.npm/" + library.pkg() + "/pom.properties";
        try (InputStream in = DashboardFiles.class.getResourceAsStream(pom)) {
            if (in == null) return null;
            p.load(in);
        }
        String file = "/META-INF/resources/webjars/" + library.pkg() + "/" + p.getProperty("version") + "/" + library.file();
        return DashboardFiles.class.getResourceAsStream(file);
    }
}
