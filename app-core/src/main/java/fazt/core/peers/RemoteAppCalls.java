package fazt.core.peers;

import static fazt.core.peers.AdminEndpoint.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.Ids;
import fazt.core.Json;
import fazt.core.Node;
import fazt.core.js.FunctionCall;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import fazt.core.storage.KeyPage;
import fazt.core.storage.Kv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The half of {@link RemoteNode} that reaches into one app: its KV entries, documents and blobs
 * (the dashboard's and the desktop's data browser), its files' contents and a call of its
 * functions (the MCP tools). Kept apart only so each file stays short; {@link RemoteNode} is the
 * class to use.
 */
abstract class RemoteAppCalls implements Node {
    final AdminApiClient client;

    RemoteAppCalls(AdminApiClient client) {
        this.client = client;
    }

    @Override
    public KeyPage<Kv.Entry> kvEntries(String app, String prefix, String after, Integer limit) {
        return keyPage(KV.at(app), prefix, after, limit, new TypeReference<List<Kv.Entry>>() {});
    }

    @Override
    public Kv.Entry kvEntry(String app, String key) {
        return client.call(KV_ENTRY.at(app).query("key", key), null, Kv.Entry.class);
    }

    @Override
    public Kv.Entry setKvEntry(String app, String key, JsonNode value, Long ttlMs) {
        ObjectNode body = Json.MAPPER.createObjectNode().set("value", value == null ? NullNode.instance : value);
        if (ttlMs != null) body.put("ttl_ms", ttlMs);
        return client.call(SET_KV_ENTRY.at(app).query("key", key), body, Kv.Entry.class);
    }

    @Override
    public void removeKvEntry(String app, String key) {
        client.call(REMOVE_KV_ENTRY.at(app).query("key", key), null, JsonNode.class);
    }

    @Override
    public List<Docs.Collection> collections(String app) {
        return client.call(COLLECTIONS.at(app), null, new TypeReference<List<Docs.Collection>>() {});
    }

    @Override
    public Docs.Page docs(String app, String collection, String query, String sort, Integer limit, Integer offset) {
        JsonNode page = client.callForEnvelope(DOCS.at(app).query("collection", collection, "query", query, "sort", sort,
                "limit", text(limit), "offset", text(offset)));
        JsonNode meta = page.path("meta");
        return new Docs.Page(Json.MAPPER.convertValue(page.get("data"), new TypeReference<List<ObjectNode>>() {}),
                meta.path("total").asLong(), meta.path("limit").asInt(), meta.path("offset").asInt());
    }

    @Override
    public ObjectNode doc(String app, String collection, String id) {
        return client.call(DOC.at(app).query("collection", collection, "id", id), null, ObjectNode.class);
    }

    @Override
    public ObjectNode replaceDoc(String app, String collection, String id, ObjectNode doc) {
        return client.call(REPLACE_DOC.at(app).query("collection", collection, "id", id), doc, ObjectNode.class);
    }

    @Override
    public void removeDoc(String app, String collection, String id) {
        client.call(REMOVE_DOC.at(app).query("collection", collection, "id", id), null, JsonNode.class);
    }

    @Override
    public byte[] exportDocs(String app, String collection) {
        return client.download(EXPORT_DOCS.at(app).query("collection", collection)).body();
    }

    @Override
    public KeyPage<Blobs.BlobInfo> blobs(String app, String prefix, String after, Integer limit) {
        return keyPage(BLOBS.at(app), prefix, after, limit, new TypeReference<List<Blobs.BlobInfo>>() {});
    }

    /** The hash is computed from the bytes received; {@code updatedAt} comes from Last-Modified, so it is to the second. */
    @Override
    public Blobs.Blob blob(String app, String path) {
        AdminApiClient.Download d = client.download(BLOB.at(app).query("path", path));
        return new Blobs.Blob(d.body(), d.contentType(), d.body().length, Ids.sha256(d.body()), d.lastModified());
    }

    @Override
    public void removeBlob(String app, String path) {
        client.call(REMOVE_BLOB.at(app).query("path", path), null, JsonNode.class);
    }

    @Override
    public byte[] fileContent(String app, String path) {
        return client.download(FILE.at(app).query("path", path)).body();
    }

    @Override
    public FunctionCall callFunction(String app, String method, String path, String body, String contentType) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("path", path);
        request.put("body", body);
        request.put("contentType", contentType);
        return client.call(CALL_FUNCTION.at(app), request, FunctionCall.class);
    }

    /** One page of a listing by key ({@code prefix}, {@code after}, {@code limit}), with the key to go on from. */
    private <T> KeyPage<T> keyPage(AdminEndpoint.Call listing, String prefix, String after, Integer limit, TypeReference<List<T>> type) {
        JsonNode page = client.callForEnvelope(listing.query("prefix", prefix, "after", after, "limit", text(limit)));
        return new KeyPage<>(Json.MAPPER.convertValue(page.get("data"), type), page.path("meta").path("next").textValue());
    }

    private static String text(Integer n) {
        return n == null ? null : n.toString();
    }
}
