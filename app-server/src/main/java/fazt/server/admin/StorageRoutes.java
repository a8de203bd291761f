package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.apps.AppInfo;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import fazt.core.storage.KeyPage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/apps/{app}/kv…}, {@code …/collections}, {@code …/docs…}, {@code …/blobs…}: what an
 * app's functions stored (SPEC §5), for the owner to browse, edit and export. Keys, collection
 * names, document ids and blob paths are chosen by app code and may hold any character, so they
 * travel in the query string ({@code ?key=}, {@code ?collection=&id=}, {@code ?path=}): a URL path
 * cannot carry {@code %}, {@code \} or an encoded {@code /}.
 */
final class StorageRoutes {
    /** A KV value or a document may be 1 MB as JSON; the body around it may be a little larger. */
    private static final long WRITE_BODY_LIMIT = 2L * 1024 * 1024;

    private final Fazt fazt;

    StorageRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    /** {@code ?prefix=&after=&limit=}: a page of live keys, {@code meta.next} the {@code after} of the next page. */
    Object kvList(ApiCall call) {
        KeyPage<?> page = fazt.kv().page(app(call).id(), call.query("prefix"), call.query("after"), intParam(call, "limit"));
        return keyPage(page);
    }

    /** {@code ?key=}: {@code {key, value, expires_at?}}. */
    Object kvGet(ApiCall call) {
        return fazt.kv().existing(app(call), required(call, "key"));
    }

    /** {@code ?key=}, body {@code {value, ttl_ms?}}: creates or replaces the key. */
    Object kvPut(ApiCall call) {
        AppInfo app = app(call);
        String key = required(call, "key");
        JsonNode body = call.json(WRITE_BODY_LIMIT);
        if (!body.has("value")) throw FaztException.invalid("the body needs a value: {\"value\": …, \"ttl_ms\": 60000}; ttl_ms is optional");
        JsonNode ttl = body.get("ttl_ms");
        if (ttl != null && !ttl.isNull() && !(ttl.isIntegralNumber() && ttl.canConvertToLong())) {
            throw FaztException.invalid("ttl_ms must be a whole number of milliseconds, not " + ttl);
        }
        return fazt.kv().set(app.id(), key, body.get("value"), ttl == null || ttl.isNull() ? null : ttl.longValue());
    }

    /** {@code ?key=}. */
    Object kvDelete(ApiCall call) {
        String key = required(call, "key");
        fazt.kv().deleteExisting(app(call), key);
        return Map.of("deleted", key);
    }

    /**
     * {@code [{name, count}]}: all of them, or with {@code ?limit=} (and {@code prefix}, {@code after})
     * a page of them, {@code meta.next} the {@code after} of the next page.
     */
    Object collections(ApiCall call) {
        String appId = app(call).id();
        if (call.query("limit") == null && call.query("after") == null && call.query("prefix") == null) {
            return fazt.docs().collections(appId);
        }
        return keyPage(fazt.docs().collections(appId, call.query("prefix"), call.query("after"), intParam(call, "limit")));
    }

    /** {@code ?collection=&query=&sort=&limit=&offset=}: documents, and {@code meta: {total, limit, offset}}. */
    Object docs(ApiCall call) {
        Docs.Page page = fazt.docs().page(app(call).id(), required(call, "collection"), call.query("query"), call.query("sort"),
                intParam(call, "limit"), intParam(call, "offset"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total", page.total());
        meta.put("limit", page.limit());
        meta.put("offset", page.offset());
        return new Paged(page.docs(), meta);
    }

    /** {@code ?collection=}: the whole collection as a JSON array download. */
    Object export(ApiCall call) {
        String collection = required(call, "collection");
        byte[] json = fazt.docs().export(app(call).id(), collection);
        return new FileReply(json, "application/json", collection + ".json", 0);
    }

    /** {@code ?collection=&id=}. */
    Object docGet(ApiCall call) {
        return fazt.docs().existing(app(call), required(call, "collection"), required(call, "id"));
    }

    /** {@code ?collection=&id=}, body: the document's new fields. */
    Object docPut(ApiCall call) {
        AppInfo app = app(call);
        String collection = required(call, "collection");
        String id = required(call, "id");
        return fazt.docs().replace(app, collection, id, (ObjectNode) call.json(WRITE_BODY_LIMIT));
    }

    /** {@code ?collection=&id=}. */
    Object docDelete(ApiCall call) {
        String collection = required(call, "collection");
        String id = required(call, "id");
        fazt.docs().deleteExisting(app(call), collection, id);
        return Map.of("deleted", id);
    }

    /** {@code ?prefix=&after=&limit=}: a page of {@code {path, mime, size, updated_at}}. */
    Object blobList(ApiCall call) {
        return keyPage(fazt.blobs().page(app(call).id(), call.query("prefix"), call.query("after"), intParam(call, "limit")));
    }

    /** {@code ?path=}: the blob's bytes with its type, as a download. */
    Object blobGet(ApiCall call) {
        String path = required(call, "path");
        Blobs.Blob blob = fazt.blobs().existing(app(call), path);
        return new FileReply(blob.data(), blob.mime(), path.substring(path.lastIndexOf('/') + 1), blob.updatedAt());
    }

    /** {@code ?path=}. */
    Object blobDelete(ApiCall call) {
        String path = required(call, "path");
        fazt.blobs().deleteExisting(app(call), path);
        return Map.of("deleted", path);
    }

    private AppInfo app(ApiCall call) {
        return fazt.apps().get(call.param("app"));
    }

    private static Paged keyPage(KeyPage<?> page) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("next", page.next());
        return new Paged(page.items(), meta);
    }

    private static String required(ApiCall call, String name) {
        String v = call.query(name);
        if (v == null || v.isEmpty()) throw FaztException.invalid(name + " is required: add ?" + name + "=… to the URL");
        return v;
    }

    private static Integer intParam(ApiCall call, String name) {
        String v = call.query(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw FaztException.invalid(name + " must be a whole number, not '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'");
        }
    }
}
