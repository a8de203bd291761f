package fazt.core.storage;

import static fazt.core.storage.StorageAssertions.assertFails;
import static fazt.core.storage.StorageAssertions.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fazt.core.FaztException;
import fazt.core.FaztException.Kind;
import fazt.core.Json;
import fazt.core.db.Database;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents: ids, timestamps, update operators, limits, isolation and atomic updates. */
class DocsTest {
    private static final String APP = "app_d";
    private static final String TODOS = "todos";
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Database db;
    private MovableClock clock;
    private Docs docs;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data.db"));
        clock = new MovableClock(T0);
        docs = new Docs(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ObjectNode obj(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    private ObjectNode get(String id) {
        return docs.findOne(APP, TODOS, TextNode.valueOf(id)).orElseThrow();
    }

    @Test
    void aGivenStringIdIsKeptAndOtherwiseAUuidIsMade() throws Exception {
        assertThat(docs.insert(APP, TODOS, obj("{\"id\": \"mine\", \"t\": 1}"))).isEqualTo("mine");
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        assertThat(docs.insert(APP, TODOS, obj("{\"t\": 2}"))).matches(uuid);
        assertThat(docs.insert(APP, TODOS, obj("{\"id\": \"\", \"t\": 3}"))).matches(uuid);
        String replaced = docs.insert(APP, TODOS, obj("{\"id\": 7, \"t\": 4}"));
        assertThat(replaced).matches(uuid);
        assertThat(get(replaced).get("id").textValue()).isEqualTo(replaced);
        assertThat(docs.count(APP, TODOS, null)).isEqualTo(4);
    }

    @Test
    void aDuplicateIdIsAConflictAndChangesNothing() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"v\": 1}"));
        assertFails(Kind.CONFLICT, () -> docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"v\": 2}")))
                .hasMessageContaining("collection 'todos' already has a document with id 'a'");
        assertThat(get("a").get("v").asInt()).isEqualTo(1);

        docs.insert(APP, "other", obj("{\"id\": \"a\"}"));
        docs.insert("app_other", TODOS, obj("{\"id\": \"a\"}"));
        assertThat(rows(db, "docs")).isEqualTo(3);
    }

    @Test
    void idsAndCollectionNamesHaveALength() throws Exception {
        ObjectNode longId = obj("{}").put("id", "i".repeat(Docs.MAX_ID_LENGTH + 1));
        assertFails(Kind.INVALID, () -> docs.insert(APP, TODOS, longId)).hasMessageContaining("at most 1024 characters, got 1025");
        assertFails(Kind.INVALID, () -> docs.insert(APP, "", obj("{}"))).hasMessageContaining("collection name must be 1-256 characters, got 0");
        String longName = "c".repeat(Docs.MAX_COLLECTION_LENGTH + 1);
        assertFails(Kind.INVALID, () -> docs.find(APP, longName, null, null)).hasMessageContaining("got 257");
        assertFails(Kind.INVALID, () -> docs.count(APP, null, null)).hasMessageContaining("got none");
        assertFails(Kind.INVALID, () -> docs.insert(APP, TODOS, null)).hasMessageContaining("insert needs a document");
    }

    @Test
    void faztKeepsTheTimestampsAndReturnsThemWithEveryDocument() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"_createdAt\": 5, \"_updatedAt\": 6, \"note\": null, \"x\": {\"y\": [1]}}"));
        ObjectNode a = get("a");
        assertThat(a).isEqualTo(obj("{\"id\": \"a\", \"note\": null, \"x\": {\"y\": [1]}, \"_createdAt\": " + T0
                + ", \"_updatedAt\": " + T0 + "}"));
        assertThat(docs.find(APP, TODOS, null, null)).containsExactly(a);

        clock.advance(500);
        assertThat(docs.update(APP, TODOS, obj("{\"id\": \"a\"}"), obj("{\"done\": true}"))).isEqualTo(1);
        ObjectNode after = get("a");
        assertThat(after.get("_createdAt").asLong()).isEqualTo(T0);
        assertThat(after.get("_updatedAt").asLong()).isEqualTo(T0 + 500);
    }

    @Test
    void findOneTakesAnIdOrAQuery() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"old\", \"k\": 1}"));
        clock.advance(1);
        docs.insert(APP, TODOS, obj("{\"id\": \"new\", \"k\": 1}"));
        assertThat(docs.findOne(APP, TODOS, TextNode.valueOf("old"))).get().extracting(d -> d.get("id").textValue()).isEqualTo("old");
        assertThat(docs.findOne(APP, TODOS, obj("{\"k\": 1}"))).get().extracting(d -> d.get("id").textValue()).isEqualTo("new");
        assertThat(docs.findOne(APP, TODOS, TextNode.valueOf("none"))).isEmpty();
        assertThat(docs.findOne(APP, TODOS, obj("{\"k\": 2}"))).isEmpty();
        assertFails(Kind.INVALID, () -> docs.findOne(APP, TODOS, Json.MAPPER.getNodeFactory().numberNode(1)))
                .hasMessageContaining("findOne needs an id (a string) or a query (an object), not number");
        assertFails(Kind.INVALID, () -> docs.findOne(APP, TODOS, null)).hasMessageContaining("not nothing");
    }

    @Test
    void setCreatesNestedFieldsAndAPlainKeyMeansSet() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"title\": \"x\"}"));
        docs.update(APP, TODOS, obj("{\"id\": \"a\"}"), obj("{\"title\": \"y\", \"$set\": {\"meta.tags.first\": \"t\", \"n\": null}}"));
        ObjectNode a = get("a");
        assertThat(a.get("title").textValue()).isEqualTo("y");
        assertThat(a.at("/meta/tags/first").textValue()).isEqualTo("t");
        assertThat(a.has("n")).isTrue();
    }

    @Test
    void unsetRemovesFieldsAndIgnoresMissingOnes() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"keep\": 1, \"drop\": 2, \"p\": {\"q\": 3, \"r\": 4}}"));
        docs.update(APP, TODOS, obj("{}"), obj("{\"$unset\": {\"drop\": \"\", \"p.q\": 1, \"nope\": 1, \"keep.deeper\": 1}}"));
        ObjectNode a = get("a");
        assertThat(a.has("drop")).isFalse();
        assertThat(a.get("p")).isEqualTo(obj("{\"r\": 4}"));
        assertThat(a.get("keep").asInt()).isEqualTo(1);
    }

    @Test
    void incAddsAndStartsMissingFieldsAtZero() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"n\": 5, \"f\": 1.5, \"big\": 9223372036854775807}"));
        docs.update(APP, TODOS, obj("{\"id\": \"a\"}"),
                obj("{\"$inc\": {\"n\": 2, \"f\": 1, \"fresh\": 3, \"deep.count\": -1, \"big\": 1}}"));
        ObjectNode a = get("a");
        assertThat(a.get("n").isIntegralNumber()).isTrue();
        assertThat(a.get("n").asLong()).isEqualTo(7);
        assertThat(a.get("f").asDouble()).isEqualTo(2.5);
        assertThat(a.get("fresh").asInt()).isEqualTo(3);
        assertThat(a.at("/deep/count").asInt()).isEqualTo(-1);
        assertThat(a.get("big").bigIntegerValue()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
    }

    @Test
    void incOnANonNumberFailsAndLeavesEveryDocumentAsItWas() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"n\": 1}"));
        docs.insert(APP, TODOS, obj("{\"id\": \"b\", \"n\": \"one\"}"));
        docs.insert(APP, TODOS, obj("{\"id\": \"c\", \"n\": null}"));
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, obj("{\"id\": {\"$in\": [\"a\", \"b\"]}}"), obj("{\"$inc\": {\"n\": 1}}")))
                .hasMessageContaining("$inc on 'n' needs the field to hold a number, but it holds a string");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, obj("{\"id\": \"c\"}"), obj("{\"$inc\": {\"n\": 1}}")))
                .hasMessageContaining("holds a null");
        assertThat(get("a").get("n").asInt()).isEqualTo(1);
        assertThat(get("b").get("n").textValue()).isEqualTo("one");
    }

    @Test
    void badChangesAreRefusedBeforeAnythingIsTouched() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"s\": \"text\"}"));
        ObjectNode all = obj("{}");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, all, obj("{\"$inc\": {\"n\": \"1\"}}"))).hasMessageContaining("$inc on 'n' needs a number, not string");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, all, obj("{\"$push\": {\"n\": 1}}"))).hasMessageContaining("unknown update operator '$push'");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, all, obj("{\"$set\": 1}"))).hasMessageContaining("$set needs an object of fields");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, all, obj("{\"$set\": {\"id\": \"b\"}}"))).hasMessageContaining("'id' is set by fazt");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, all, obj("{\"$inc\": {\"_createdAt\": 1}}"))).hasMessageContaining("'_createdAt' is set by fazt");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, all, obj("{\"$set\": {\"s.inner\": 1}}")))
                .hasMessageContaining("cannot change 's.inner': 's' holds a string, not an object");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, all, null)).hasMessageContaining("an update needs changes");
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, null, obj("{\"x\": 1}"))).hasMessageContaining("update needs a query; pass {}");
        assertThat(get("a")).isEqualTo(obj("{\"id\": \"a\", \"s\": \"text\", \"_createdAt\": " + T0 + ", \"_updatedAt\": " + T0 + "}"));
    }

    @Test
    void aDocumentReadBackCanBePassedWholeAsTheChanges() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"title\": \"x\"}"));
        ObjectNode read = get("a");
        read.put("title", "y");
        clock.advance(10);
        assertThat(docs.update(APP, TODOS, obj("{\"id\": \"a\"}"), read)).isEqualTo(1);
        ObjectNode a = get("a");
        assertThat(a.get("title").textValue()).isEqualTo("y");
        assertThat(a.get("_updatedAt").asLong()).isEqualTo(T0 + 10);
        assertThat(a.get("id").textValue()).isEqualTo("a");
    }

    @Test
    void updateAndDeleteReturnHowManyMatched() throws Exception {
        for (int i = 0; i < 5; i++) docs.insert(APP, TODOS, obj("{\"i\": " + i + "}"));
        docs.insert(APP, "other", obj("{\"i\": 0}"));
        assertThat(docs.update(APP, TODOS, obj("{\"i\": {\"$lt\": 3}}"), obj("{\"low\": true}"))).isEqualTo(3);
        assertThat(docs.update(APP, TODOS, obj("{\"i\": 99}"), obj("{\"low\": true}"))).isZero();
        assertThat(docs.count(APP, TODOS, obj("{\"low\": true}"))).isEqualTo(3);
        assertThat(docs.delete(APP, TODOS, obj("{\"low\": true}"))).isEqualTo(3);
        assertFails(Kind.INVALID, () -> docs.delete(APP, TODOS, null)).hasMessageContaining("delete needs a query");
        assertThat(docs.delete(APP, TODOS, obj("{}"))).isEqualTo(2);
        assertThat(docs.count(APP, "other", null)).isEqualTo(1);
    }

    @Test
    void documentsAreCappedAtOneMegabyteOnInsertAndUpdate() throws Exception {
        ObjectNode big = obj("{\"id\": \"big\"}").put("s", "x".repeat(JsonText.MAX_BYTES));
        assertFails(Kind.INVALID, () -> docs.insert(APP, TODOS, big)).hasMessageContaining("the document is").hasMessageContaining("limit is 1 MB");
        assertThat(rows(db, "docs")).isZero();

        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"s\": \"small\"}"));
        ObjectNode grow = obj("{}").put("s", "x".repeat(JsonText.MAX_BYTES));
        assertFails(Kind.INVALID, () -> docs.update(APP, TODOS, obj("{}"), grow)).hasMessageContaining("document 'a' after the update");
        assertThat(get("a").get("s").textValue()).isEqualTo("small");
    }

    @Test
    void oneAppNeverSeesAnothersDocumentsAndDeleteAppRemovesOnlyItsOwn() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"owner\": \"me\"}"));
        docs.insert(APP, "notes", obj("{\"id\": \"n\"}"));
        docs.insert("app_other", TODOS, obj("{\"id\": \"a\", \"owner\": \"them\"}"));

        assertThat(docs.find("app_other", TODOS, null, null)).singleElement()
                .satisfies(d -> assertThat(d.get("owner").textValue()).isEqualTo("them"));
        assertThat(docs.update("app_other", TODOS, obj("{}"), obj("{\"x\": 1}"))).isEqualTo(1);
        assertThat(get("a").has("x")).isFalse();
        assertThat(docs.count("app_nobody", TODOS, null)).isZero();

        docs.deleteApp(APP);
        assertThat(docs.count(APP, TODOS, null)).isZero();
        assertThat(docs.count(APP, "notes", null)).isZero();
        assertThat(docs.count("app_other", TODOS, null)).isEqualTo(1);
    }

    @Test
    void fiftyThreadsIncrementingOneDocumentLoseNoIncrement() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"counter\", \"n\": 0}"));
        ObjectNode query = obj("{\"id\": \"counter\"}");
        ObjectNode inc = obj("{\"$inc\": {\"n\": 1}}");
        List<Future<?>> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 50; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) assertThat(docs.update(APP, TODOS, query, inc)).isEqualTo(1);
                }));
            }
        }
        for (Future<?> f : all) f.get();
        assertThat(get("counter").get("n").asLong()).isEqualTo(5000);
    }

    @Test
    void aClosedDatabaseIsAStorageError() throws Exception {
        db.close();
        assertFails(Kind.UNAVAILABLE, () -> docs.insert(APP, TODOS, obj("{}"))).hasMessageContaining("storage is unavailable");
    }

    @Test
    void aDocumentDamagedOutsideFaztIsReportedAsSuch() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\"}"));
        db.write(c -> c.createStatement().executeUpdate("UPDATE docs SET data = '[1]'"));
        assertThatThrownBy(() -> get("a")).isInstanceOfSatisfying(FaztException.class,
                e -> assertThat(e.code()).isEqualTo("STORAGE_DAMAGED")).hasMessageContaining("not a JSON object");
    }

    @Test
    void storedNumbersKeepTheirValue() throws Exception {
        docs.insert(APP, TODOS, obj("{\"id\": \"a\", \"x\": 0.1, \"y\": 12345678901234567890, \"z\": -0.0}"));
        JsonNode a = get("a");
        assertThat(a.get("x").asDouble()).isEqualTo(0.1);
        assertThat(a.get("y").bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890"));
    }
}
