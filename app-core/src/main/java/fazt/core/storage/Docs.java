package fazt.core.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.apps.AppInfo;
import fazt.core.db.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-app JSON documents in named collections (SPEC §5, {@code fazt.storage.ds}). A document is a
 * JSON object of at most 1 MB; fazt keeps its {@code id} and its {@code _createdAt} and
 * {@code _updatedAt} (epoch ms) beside it and adds them to every document it returns. Queries
 * are described in {@link DocQuery}, update operators in {@link DocUpdate}.
 *
 * <p>Every write runs whole on the database's single writer, so an update's read-modify-write
 * of a document can never interleave with another write.
 */
public final class Docs {
    /**
     * How {@link #find} pages and sorts. All parts may be null. {@code sort} is a field path
     * (default {@code _createdAt}); {@code order} is {@code "asc"} or {@code "desc"} and defaults to
     * {@code "desc"} (newest first) for the default sort and to {@code "asc"} when a sort field
     * is named. Ties are broken by id in the same direction. In ascending order missing fields
     * come first, then numbers (booleans count as 0 and 1), then strings (objects and arrays
     * sort among them by their JSON text).
     * {@code limit} (no limit when null) and {@code offset} must not be negative.
     */
    public record FindOptions(Integer limit, Integer offset, String order, String sort) {
        static final FindOptions DEFAULTS = new FindOptions(null, null, null, null);
    }

    /** A collection of an app and how many documents it holds. */
    public record Collection(String name, long count) {}

    /**
     * One page of {@link #page}: the documents, how many match in all, and the limit and offset
     * asked for. A page of large documents may hold fewer than {@code limit} (see
     * {@link PageLimits}); the next page starts at {@code offset + docs.size()}.
     */
    public record Page(List<ObjectNode> docs, long total, int limit, int offset) {}

    /** The most {@link #export} writes: a larger collection is read in pages instead. */
    public static final long MAX_EXPORT_BYTES = 64L * 1024 * 1024;

    static final int MAX_COLLECTION_LENGTH = 256;
    static final int MAX_ID_LENGTH = 1024;

    private final StorageDb db;
    private final Clock clock;
    private final long maxExportBytes;

    public Docs(Database db) {
        this(db, Clock.systemUTC());
    }

    /** {@code clock} stamps {@code _createdAt} and {@code _updatedAt}; tests pass one they can move. */
    public Docs(Database db, Clock clock) {
        this(db, clock, MAX_EXPORT_BYTES);
    }

    Docs(Database db, Clock clock, long maxExportBytes) {
        this.db = new StorageDb(db);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxExportBytes = maxExportBytes;
    }

    /**
     * Stores {@code doc} and returns its id: {@code doc.id} when it is a non-empty string, else a
     * new random UUID (an {@code id} of another type is replaced). {@code _createdAt} and
     * {@code _updatedAt} in {@code doc} are ignored; fazt sets both to now. An id the collection
     * already has is a conflict, and nothing is stored.
     */
    public String insert(String appId, String collection, ObjectNode doc) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        if (doc == null) throw FaztException.invalid("insert needs a document (a JSON object)");
        JsonNode given = doc.get(DocField.ID);
        String id = given != null && given.isTextual() && !given.textValue().isEmpty()
                ? given.textValue() : UUID.randomUUID().toString();
        if (id.length() > MAX_ID_LENGTH) {
            throw FaztException.invalid("a document id must be at most " + MAX_ID_LENGTH + " characters, got " + id.length());
        }
        ObjectNode data = doc.deepCopy();
        data.remove(List.of(DocField.ID, DocField.CREATED_AT, DocField.UPDATED_AT));
        String json = JsonText.write(data, "the document");
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO docs(app_id, collection, id, data, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, appId);
                p.setString(2, collection);
                p.setString(3, id);
                p.setString(4, json);
                p.setLong(5, now);
                p.setLong(6, now);
                if (p.executeUpdate() == 0) {
                    throw FaztException.conflict("collection '" + collection + "' already has a document with id '"
                            + id + "'; update it, or insert without an id to get a new one");
                }
            }
            return null;
        });
        return id;
    }

    /** The documents matching {@code query} (null matches all), sorted and paged by {@code opts} (may be null). */
    public List<ObjectNode> find(String appId, String collection, ObjectNode query, FindOptions opts) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        FindOptions o = opts == null ? FindOptions.DEFAULTS : opts;
        BoundSql sql = select(appId, collection, query);
        orderBy(o, sql);
        page(o, sql);
        return db.read(c -> rows(c, sql, Long.MAX_VALUE));
    }

    /**
     * One document: by id when {@code queryOrId} is a string, else the first that the query
     * object matches in the default order (the newest). Empty when none does.
     */
    public Optional<ObjectNode> findOne(String appId, String collection, JsonNode queryOrId) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        BoundSql sql;
        if (queryOrId != null && queryOrId.isTextual()) {
            sql = new BoundSql().add("SELECT docs.id, docs.data, docs.created_at, docs.updated_at FROM docs WHERE ");
            scope(appId, collection, sql).add(" AND docs.id = ").bind(queryOrId.textValue());
        } else if (queryOrId != null && queryOrId.isObject()) {
            sql = select(appId, collection, queryOrId);
            orderBy(FindOptions.DEFAULTS, sql);
            sql.add(" LIMIT 1");
        } else {
            throw FaztException.invalid("findOne needs an id (a string) or a query (an object), not "
                    + (queryOrId == null ? "nothing" : DocQuery.kind(queryOrId)));
        }
        return db.read(c -> rows(c, sql, Long.MAX_VALUE).stream().findFirst());
    }

    /**
     * Applies {@code changes} (see {@link DocUpdate}) to every document matching {@code query} and
     * returns how many matched. All or nothing: if one document cannot take the changes (or would
     * grow past 1 MB), no document is changed.
     */
    public int update(String appId, String collection, ObjectNode query, ObjectNode changes) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        requireQuery(query, "update");
        DocUpdate update = DocUpdate.parse(changes);
        BoundSql sql = new BoundSql().add("SELECT docs.id, docs.data FROM docs WHERE ");
        scope(appId, collection, sql).add(" AND ").add(DocQuery.where(query));
        long now = clock.millis();
        return db.write(c -> {
            List<String[]> matched = new ArrayList<>();
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
                while (rs.next()) matched.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE docs SET data = ?, updated_at = ? WHERE app_id = ? AND collection = ? AND id = ?")) {
                for (String[] row : matched) {
                    ObjectNode data = JsonText.readObject(row[1]);
                    update.applyTo(data);
                    p.setString(1, JsonText.write(data, "document '" + row[0] + "' after the update"));
                    p.setLong(2, now);
                    p.setString(3, appId);
                    p.setString(4, collection);
                    p.setString(5, row[0]);
                    p.executeUpdate();
                }
            }
            return matched.size();
        });
    }

    /** Deletes the documents matching {@code query} ({@code {}} matches all) and returns how many. */
    public int delete(String appId, String collection, ObjectNode query) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        requireQuery(query, "delete");
        BoundSql sql = new BoundSql().add("DELETE FROM docs WHERE ");
        scope(appId, collection, sql).add(" AND ").add(DocQuery.where(query));
        return db.write(c -> {
            try (PreparedStatement p = sql.prepare(c)) {
                return p.executeUpdate();
            }
        });
    }

    /** How many documents match {@code query}; null counts the whole collection. */
    public long count(String appId, String collection, ObjectNode query) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        BoundSql sql = new BoundSql().add("SELECT COUNT(*) FROM docs WHERE ");
        scope(appId, collection, sql).add(" AND ").add(DocQuery.where(query));
        return db.read(c -> {
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * One page of the app's collections whose names start with {@code prefix} (literal; null or
     * empty for all), by name, beginning after the name {@code after} (null for the first page),
     * with their sizes. At most {@code limit} ({@link PageLimits}: default 100, 1-1000).
     */
    public KeyPage<Collection> collections(String appId, String prefix, String after, Integer limit) {
        Objects.requireNonNull(appId, "appId");
        int max = PageLimits.items(limit);
        BoundSql sql = new BoundSql().add("SELECT collection, COUNT(*) FROM docs WHERE app_id = ").bind(appId);
        PrefixRange.append(sql, "collection", prefix);
        if (after != null) sql.add(" AND collection > ").bind(after);
        sql.add(" GROUP BY collection ORDER BY collection LIMIT ").bind(max + 1);
        return db.read(c -> {
            List<Collection> out = new ArrayList<>();
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == max) return new KeyPage<>(out, out.getLast().name());
                    out.add(new Collection(rs.getString(1), rs.getLong(2)));
                }
            }
            return new KeyPage<>(out, null);
        });
    }

    /** The app's collections (those holding at least one document), by name, with their sizes. */
    public List<Collection> collections(String appId) {
        Objects.requireNonNull(appId, "appId");
        return db.read(c -> {
            List<Collection> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT collection, COUNT(*) FROM docs WHERE app_id = ? GROUP BY collection ORDER BY collection")) {
                p.setString(1, appId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) out.add(new Collection(rs.getString(1), rs.getLong(2)));
                }
            }
            return out;
        });
    }

    /**
     * One page of the documents matching {@code query} (JSON text of a {@link DocQuery}; null or
     * blank for all), in the order of {@code sort} ({@code field}, {@code -field} or
     * {@code {"field": 1|-1}}; null for newest first), with the total count. {@code limit} and
     * {@code offset} follow {@link PageLimits} (default 100, 1-1000).
     */
    public Page page(String appId, String collection, String query, String sort, Integer limit, Integer offset) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        int max = PageLimits.items(limit);
        int skip = PageLimits.offset(offset);
        ObjectNode q = DocText.query(query);
        BoundSql sql = select(appId, collection, q);
        FindOptions o = DocText.options(sort, max, skip);
        orderBy(o, sql);
        page(o, sql);
        BoundSql total = new BoundSql().add("SELECT COUNT(*) FROM docs WHERE ");
        scope(appId, collection, total).add(" AND ").add(DocQuery.where(q));
        return db.read(c -> {
            List<ObjectNode> docs = rows(c, sql, PageLimits.MAX_BYTES);
            try (PreparedStatement p = total.prepare(c); ResultSet rs = p.executeQuery()) {
                rs.next();
                return new Page(docs, rs.getLong(1), max, skip);
            }
        });
    }

    /** The document {@code id} of {@code collection}; not-found naming the app when there is none. */
    public ObjectNode existing(AppInfo app, String collection, String id) {
        return findOne(app.id(), collection, TextNode.valueOf(id)).orElseThrow(() -> missing(app, collection, id));
    }

    /**
     * Replaces the fields of document {@code id} with those of {@code doc}, keeping its
     * {@code _createdAt}, and returns it as stored. {@code _createdAt} and {@code _updatedAt} in
     * {@code doc} are ignored; an {@code id} in it must be {@code id} (an id never changes).
     */
    public ObjectNode replace(AppInfo app, String collection, String id, ObjectNode doc) {
        checkCollection(collection);
        if (doc == null) throw FaztException.invalid("replace needs a document (a JSON object)");
        JsonNode given = doc.get(DocField.ID);
        if (given != null && !given.isNull() && !given.asText().equals(id)) {
            throw FaztException.invalid("the document's id '" + given.asText() + "' is not '" + id
                    + "'; an id cannot change: insert a copy under the new id and delete this one");
        }
        ObjectNode data = doc.deepCopy();
        data.remove(List.of(DocField.ID, DocField.CREATED_AT, DocField.UPDATED_AT));
        String json = JsonText.write(data, "the document");
        long now = clock.millis();
        int n = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE docs SET data = ?, updated_at = ? WHERE app_id = ? AND collection = ? AND id = ?")) {
                p.setString(1, json);
                p.setLong(2, now);
                p.setString(3, app.id());
                p.setString(4, collection);
                p.setString(5, id);
                return p.executeUpdate();
            }
        });
        if (n == 0) throw missing(app, collection, id);
        return existing(app, collection, id);
    }

    /** Deletes document {@code id} of {@code collection}; not-found naming the app when there is none. */
    public void deleteExisting(AppInfo app, String collection, String id) {
        checkCollection(collection);
        BoundSql sql = new BoundSql().add("DELETE FROM docs WHERE ");
        scope(app.id(), collection, sql).add(" AND docs.id = ").bind(id);
        int n = db.write(c -> {
            try (PreparedStatement p = sql.prepare(c)) {
                return p.executeUpdate();
            }
        });
        if (n == 0) throw missing(app, collection, id);
    }

    /**
     * Every document of {@code collection}, oldest first, as one JSON array (UTF-8); an empty
     * array when the collection has none. Larger than {@link #MAX_EXPORT_BYTES} is a too-large
     * error: such a collection is read in pages.
     */
    public byte[] export(String appId, String collection) {
        Objects.requireNonNull(appId, "appId");
        checkCollection(collection);
        BoundSql sql = select(appId, collection, null).add(" ORDER BY docs.created_at ASC, docs.id ASC");
        return db.read(c -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery();
                    JsonGenerator json = Json.MAPPER.createGenerator(out)) {
                json.writeStartArray();
                while (rs.next()) {
                    Json.MAPPER.writeTree(json, doc(rs, rs.getString(2)));
                    json.flush();
                    if (out.size() > maxExportBytes) {
                        throw new FaztException(FaztException.Kind.TOO_LARGE, "EXPORT_TOO_LARGE", "collection '" + collection
                                + "' is larger than " + maxExportBytes + " bytes as JSON; read it in pages (limit and offset) instead");
                    }
                }
                json.writeEndArray();
            } catch (IOException e) {
                throw new IllegalStateException("writing JSON to memory failed", e);
            }
            return out.toByteArray();
        });
    }

    private static FaztException missing(AppInfo app, String collection, String id) {
        return FaztException.notFound("app '" + app.name() + "' has no document '" + id + "' in collection '" + collection + "'");
    }

    /** Removes every document of every collection of the app. */
    public void deleteApp(String appId) {
        Objects.requireNonNull(appId, "appId");
        db.deleteAppRows("docs", appId);
    }

    private static BoundSql select(String appId, String collection, JsonNode query) {
        BoundSql sql = new BoundSql().add("SELECT docs.id, docs.data, docs.created_at, docs.updated_at FROM docs WHERE ");
        return scope(appId, collection, sql).add(" AND ").add(DocQuery.where(query));
    }

    private static BoundSql scope(String appId, String collection, BoundSql sql) {
        return sql.add("docs.app_id = ").bind(appId).add(" AND docs.collection = ").bind(collection);
    }

    private static void orderBy(FindOptions o, BoundSql sql) {
        String order = o.order() == null
                ? (o.sort() == null ? "desc" : "asc")
                : o.order().toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw FaztException.invalid("order must be \"asc\" or \"desc\", not \"" + o.order() + "\"");
        }
        DocField sort = DocField.parse(o.sort() == null ? DocField.CREATED_AT : o.sort());
        String direction = order.equals("asc") ? " ASC" : " DESC";
        sql.add(" ORDER BY ");
        sort.value(sql);
        sql.add(direction + ", docs.id" + direction);
    }

    private static void page(FindOptions o, BoundSql sql) {
        if ((o.limit() != null && o.limit() < 0) || (o.offset() != null && o.offset() < 0)) {
            throw FaztException.invalid("limit and offset must not be negative (limit " + o.limit()
                    + ", offset " + o.offset() + ")");
        }
        if (o.limit() == null && o.offset() == null) return;
        // SQLite reads LIMIT -1 as "no limit", which an offset alone needs
        sql.add(" LIMIT ").bind(o.limit() == null ? -1 : o.limit()).add(" OFFSET ").bind(o.offset() == null ? 0 : o.offset());
    }

    /** The documents {@code sql} selects, stopping after the one whose data passes {@code budget} characters in all. */
    private static List<ObjectNode> rows(Connection c, BoundSql sql, long budget) throws SQLException {
        List<ObjectNode> out = new ArrayList<>();
        long used = 0;
        try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
            while (used <= budget && rs.next()) {
                String data = rs.getString(2);
                used += data.length();
                out.add(doc(rs, data));
            }
        }
        return out;
    }

    /** The document of a row of {@link #select}: its id, its {@code data}, its timestamps. */
    private static ObjectNode doc(ResultSet rs, String data) throws SQLException {
        ObjectNode doc = Json.MAPPER.createObjectNode().put(DocField.ID, rs.getString(1));
        doc.setAll(JsonText.readObject(data));
        return doc.put(DocField.CREATED_AT, rs.getLong(3)).put(DocField.UPDATED_AT, rs.getLong(4));
    }

    private static void requireQuery(ObjectNode query, String what) {
        if (query == null) {
            throw FaztException.invalid(what + " needs a query; pass {} to mean every document of the collection");
        }
    }

    private static void checkCollection(String collection) {
        if (collection == null || collection.isEmpty() || collection.length() > MAX_COLLECTION_LENGTH) {
            throw FaztException.invalid("a collection name must be 1-" + MAX_COLLECTION_LENGTH + " characters, got "
                    + (collection == null ? "none" : collection.length()));
        }
    }
}
