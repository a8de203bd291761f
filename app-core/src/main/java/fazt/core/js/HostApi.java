package fazt.core.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.apps.ServedFile;
import fazt.core.apps.VersionIndex;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Java object a context sees (as {@code host} in prelude.js). Every method takes and
 * returns strings, numbers or booleans — JSON text for structured values — so no Java object
 * ever reaches app code. A user error does not throw here: it is parked for
 * {@link #takeError()} and becomes a JavaScript {@code Error} the app can catch.
 */
public final class HostApi {
    private static final Logger log = LoggerFactory.getLogger(HostApi.class);

    private final AppRuntime app;
    private final Supplier<org.graalvm.polyglot.Context> context;
    private final Map<String, Value> moduleFunctions = new HashMap<>();
    private final FetchHost net;
    private Invocation invocation;
    private String error;
    private int errorStatus;
    private RealtimeHost realtime;

    HostApi(AppRuntime app, Supplier<org.graalvm.polyglot.Context> context) {
        this.app = app;
        this.context = context;
        this.net = new FetchHost(app, () -> invocation);
    }

    /** Binds this host to the request being run (null when idle). */
    void bind(Invocation invocation) {
        this.invocation = invocation;
        this.error = null;
        this.errorStatus = 0;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T guard(Call<T> call) {
        try {
            return call.run();
        } catch (FaztException e) {
            error = e.getMessage();
            errorStatus = e.kind() == FaztException.Kind.INSUFFICIENT_STORAGE ? e.kind().status : 0;
        } catch (IOException e) {
            error = "invalid JSON: " + e.getMessage();
        } catch (RuntimeException e) {
            log.error("host call failed in app {}", app.name(), e);
            error = "internal error in fazt (request " + invocation.request().requestId() + ")";
        }
        return null;
    }

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    private static ObjectNode object(String text, String what) throws IOException {
        JsonNode n = json(text);
        if (!(n instanceof ObjectNode o)) throw FaztException.invalid(what + " must be an object");
        return o;
    }

    private static String write(Object value) throws IOException {
        return Json.MAPPER.writeValueAsString(value);
    }

    @HostAccess.Export
    public String takeError() {
        String e = error;
        error = null;
        return e;
    }

    /**
     * The HTTP status the last error answers with when the script does not catch it, or 0 for
     * the usual 500: a full disk is not the app's bug, so its 507 reaches the client.
     */
    @HostAccess.Export
    public int errorStatus() {
        int s = errorStatus;
        errorStatus = 0;
        return s;
    }

    @HostAccess.Export
    public void log(String level, String message) {
        invocation.log(level, message);
    }

    @HostAccess.Export
    public String appInfo() {
        return "{\"id\":" + quote(app.appId()) + ",\"name\":" + quote(app.name()) + "}";
    }

    private static String quote(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code fazt.net}: the guarded outbound fetch. */
    @HostAccess.Export
    public FetchHost net() {
        return net;
    }

    @HostAccess.Export
    public String envGet(String key) {
        return app.services().envVars().all(app.appId()).get(key);
    }

    // --- KV -------------------------------------------------------------------------------

    @HostAccess.Export
    public Object kvSet(String key, String valueJson, double ttlMs) {
        return guard(() -> {
            app.services().kv().set(app.appId(), key, json(valueJson), ttlMs < 0 ? null : (long) ttlMs);
            return null;
        });
    }

    @HostAccess.Export
    public String kvGet(String key) {
        return guard(() -> {
            Optional<JsonNode> v = app.services().kv().get(app.appId(), key);
            return v.isPresent() ? write(v.get()) : null;
        });
    }

    @HostAccess.Export
    public Object kvDelete(String key) {
        return guard(() -> app.services().kv().delete(app.appId(), key));
    }

    @HostAccess.Export
    public String kvList(String prefix) {
        return guard(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (var e : app.services().kv().list(app.appId(), prefix)) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("key", e.key());
                m.put("value", e.value());
                if (e.expiresAt() != null) m.put("expiresAt", e.expiresAt());
                out.add(m);
            }
            return write(out);
        });
    }

    // --- Docs -----------------------------------------------------------------------------

    @HostAccess.Export
    public String dsInsert(String collection, String docJson) {
        return guard(() -> app.services().docs().insert(app.appId(), collection, object(docJson, "a document")));
    }

    @HostAccess.Export
    public String dsFind(String collection, String queryJson, String optionsJson) {
        return guard(() -> {
            JsonNode o = json(optionsJson);
            Docs.FindOptions options = new Docs.FindOptions(intOrNull(o, "limit"), intOrNull(o, "offset"),
                    textOrNull(o, "order"), textOrNull(o, "sort"));
            return write(app.services().docs().find(app.appId(), collection, object(queryJson, "a query"), options));
        });
    }

    private static Integer intOrNull(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.canConvertToInt()) throw FaztException.invalid(field + " must be a whole number");
        return n.asInt();
    }

    private static String textOrNull(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    @HostAccess.Export
    public String dsFindOne(String collection, String queryOrIdJson) {
        return guard(() -> {
            Optional<ObjectNode> doc = app.services().docs().findOne(app.appId(), collection, json(queryOrIdJson));
            return doc.isPresent() ? write(doc.get()) : "null";
        });
    }

    @HostAccess.Export
    public Object dsUpdate(String collection, String queryJson, String changesJson) {
        return guard(() -> app.services().docs().update(app.appId(), collection, object(queryJson, "a query"),
                object(changesJson, "the changes")));
    }

    @HostAccess.Export
    public Object dsDelete(String collection, String queryJson) {
        return guard(() -> app.services().docs().delete(app.appId(), collection, object(queryJson, "a query")));
    }

    @HostAccess.Export
    public Object dsCount(String collection, String queryJson) {
        return guard(() -> app.services().docs().count(app.appId(), collection, object(queryJson, "a query")));
    }

    // --- Blobs ----------------------------------------------------------------------------

    @HostAccess.Export
    public Object s3Put(String path, String dataJson, String mime) {
        return guard(() -> {
            JsonNode d = json(dataJson);
            byte[] bytes = d.has("base64") ? Base64.getDecoder().decode(d.get("base64").asText())
                    : d.path("text").asText().getBytes(StandardCharsets.UTF_8);
            app.services().blobs().put(app.appId(), path, bytes, mime);
            return null;
        });
    }

    @HostAccess.Export
    public String s3Get(String path) {
        return guard(() -> {
            Optional<Blobs.Blob> b = app.services().blobs().get(app.appId(), path);
            if (b.isEmpty()) return "null";
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("data", Base64.getEncoder().encodeToString(b.get().data()));
            m.put("mime", b.get().mime());
            m.put("size", b.get().size());
            m.put("hash", b.get().hash());
            return write(m);
        });
    }

    @HostAccess.Export
    public Object s3Delete(String path) {
        return guard(() -> app.services().blobs().delete(app.appId(), path));
    }

    @HostAccess.Export
    public String s3List(String prefix) {
        return guard(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Blobs.BlobInfo b : app.services().blobs().list(app.appId(), prefix)) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("path", b.path());
                m.put("mime", b.mime());
                m.put("size", b.size());
                m.put("updatedAt", b.updatedAt());
                out.add(m);
            }
            return write(out);
        });
    }

    // --- Private files (SPEC §3.5) -------------------------------------------------------------

    private ServedFile privateFile(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            throw FaztException.invalid("invalid private path '" + path + "'");
        }
        for (String seg : path.split("/")) {
            if (seg.equals("..")) throw FaztException.invalid("'..' is not allowed in private paths");
        }
        return app.index().file("private/" + path);
    }

    @HostAccess.Export
    public String privateRead(String path) {
        return guard(() -> {
            ServedFile f = privateFile(path);
            if (f == null) return null;
            return app.services().contents().get(f.hash(), f.size()).map(c -> new String(c.raw(), StandardCharsets.UTF_8))
                    .orElse(null);
        });
    }

    @HostAccess.Export
    public Object privateExists(String path) {
        return guard(() -> privateFile(path) != null);
    }

    @HostAccess.Export
    public String privateList() {
        return guard(() -> write(app.privatePaths()));
    }

    // --- Modules and identity -------------------------------------------------------------------

    /** The CommonJS wrapper function of {@code api/<path>}, or null when there is no such file. */
    @HostAccess.Export
    public Value module(String path) {
        Value fn = moduleFunctions.get(path);
        if (fn != null) return fn;
        Source source = app.moduleSource(path);
        if (source == null) return null;
        fn = context.get().eval(source);
        moduleFunctions.put(path, fn);
        return fn;
    }

    /** The request as JSON (method, path, query, headers, ip), asked for when the script first touches {@code request}. */
    @HostAccess.Export
    public String request() {
        return invocation.requestJson();
    }

    @HostAccess.Export
    public String user() {
        return invocation.userJson();
    }

    @HostAccess.Export
    public String loginUrl(String redirect) {
        String target = redirect != null ? redirect : invocation.request().url();
        return "/auth/login?redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "&app="
                + URLEncoder.encode(app.name(), StandardCharsets.UTF_8);
    }

    @HostAccess.Export
    public String logoutUrl() {
        return "/auth/logout";
    }

    /** {@code fazt.realtime}: the app's own WebSocket hub. */
    @HostAccess.Export
    public RealtimeHost realtime() {
        if (realtime == null) realtime = new RealtimeHost(() -> app.services().realtime().hub(app.appId()), e -> error = e);
        return realtime;
    }
}
