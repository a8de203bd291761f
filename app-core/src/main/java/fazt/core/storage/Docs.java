package fazt.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.db.Database;
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

    static final int MAX_COLLECTION_LENGTH = 256;
    static final int MAX_ID_LENGTH = 1024;

    private final StorageDb db;
    private final Clock clock;

    public Docs(Database db) {
        this(db, Clock.systemUTC());
    }

    /** {@code clock} stamps {@code _createdAt} and {@code _updatedAt}; tests pass one they can move. */
    public Docs(Database db, Clock clock) {
        this.db = new StorageDb(db);
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return db.read(c -> rows(c, sql));
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
        return db.read(c -> rows(c, sql).stream().findFirst());
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

    private static List<ObjectNode> rows(Connection c, BoundSql sql) throws SQLException {
        List<ObjectNode> out = new ArrayList<>();
        try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                ObjectNode doc = Json.MAPPER.createObjectNode().put(DocField.ID, rs.getString(1));
                doc.setAll(JsonText.readObject(rs.getString(2)));
                doc.put(DocField.CREATED_AT, rs.getLong(3)).put(DocField.UPDATED_AT, rs.getLong(4));
                out.add(doc);
            }
        }
        return out;
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
