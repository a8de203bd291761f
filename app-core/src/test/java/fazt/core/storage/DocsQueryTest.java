package fazt.core.storage;

import static fazt.core.storage.StorageAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException.Kind;
import fazt.core.Json;
import fazt.core.db.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query language, run by SQLite over a small, deliberately mixed-type collection. */
class DocsQueryTest {
    private static final String APP = "app_q";
    private static final String PEOPLE = "people";
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Database db;
    private Docs docs;

    @BeforeEach
    void fill() throws Exception {
        db = Database.open(dir.resolve("data.db"));
        MovableClock clock = new MovableClock(T0);
        docs = new Docs(db, clock);
        // inserted one second apart, p1 first
        for (String doc : List.of(
                "{\"id\":\"p1\",\"name\":\"Ann\",\"age\":30,\"n\":1,\"tags\":[\"a\",\"b\"],\"profile\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"active\":true}",
                "{\"id\":\"p2\",\"name\":\"Bob\",\"age\":25,\"n\":\"1\",\"tags\":[\"b\",\"c\"],\"profile\":{\"city\":\"Bergen\"},\"active\":false}",
                "{\"id\":\"p3\",\"name\":\"Cy\",\"age\":35.5,\"n\":true,\"tags\":[],\"nickname\":null}",
                "{\"id\":\"p4\",\"name\":\"Dee\",\"age\":\"40\",\"n\":1.0,\"tags\":[1,2],\"profile\":{\"city\":\"Oslo\"},\"data\":{\"x\":1}}",
                "{\"id\":\"p5\",\"name\":\"Eve's \\\"quote\\\"\",\"age\":30,\"profile\":\"none\",\"levels\":{\"0\":{\"k\":\"deep\"}}}")) {
            docs.insert(APP, PEOPLE, (ObjectNode) Json.MAPPER.readTree(doc));
            clock.advance(1000);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> ids(String query) throws Exception {
        return ids(query, null);
    }

    private List<String> ids(String query, Docs.FindOptions opts) throws Exception {
        ObjectNode q = query == null ? null : (ObjectNode) Json.MAPPER.readTree(query);
        return docs.find(APP, PEOPLE, q, opts).stream().map(d -> d.get("id").textValue()).toList();
    }

    private static Docs.FindOptions asc() {
        return new Docs.FindOptions(null, null, "asc", null);
    }

    @Test
    void aPlainValueIsEquality() throws Exception {
        assertThat(ids("{\"name\": \"Ann\"}")).containsExactly("p1");
        assertThat(ids("{\"name\": {\"$eq\": \"Bob\"}}")).containsExactly("p2");
        assertThat(ids("{\"age\": 30, \"name\": \"Ann\"}")).containsExactly("p1");
        assertThat(ids("{\"active\": false}")).containsExactly("p2");
        assertThat(ids("{\"name\": \"Eve's \\\"quote\\\"\"}")).containsExactly("p5");
    }

    @Test
    void equalityIsTypeCorrect() throws Exception {
        assertThat(ids("{\"n\": 1}", asc())).containsExactly("p1", "p4");
        assertThat(ids("{\"n\": 1.0}", asc())).containsExactly("p1", "p4");
        assertThat(ids("{\"n\": \"1\"}")).containsExactly("p2");
        assertThat(ids("{\"n\": true}")).containsExactly("p3");
        assertThat(ids("{\"age\": \"40\"}")).containsExactly("p4");
        assertThat(ids("{\"age\": 40}")).isEmpty();
    }

    @Test
    void nullMatchesNullOrMissingWhileExistsTellsThemApart() throws Exception {
        assertThat(ids("{\"nickname\": null}")).hasSize(5);
        assertThat(ids("{\"nickname\": {\"$exists\": true}}")).containsExactly("p3");
        assertThat(ids("{\"nickname\": {\"$exists\": false}}")).hasSize(4).doesNotContain("p3");
        assertThat(ids("{\"profile\": {\"$exists\": false}}")).containsExactly("p3");
        assertThat(ids("{\"profile.city\": {\"$exists\": true}}", asc())).containsExactly("p1", "p2", "p4");
    }

    @Test
    void dottedPathsReachIntoNestedObjects() throws Exception {
        assertThat(ids("{\"profile.city\": \"Oslo\"}", asc())).containsExactly("p1", "p4");
        assertThat(ids("{\"profile.zip\": \"0150\"}")).containsExactly("p1");
        assertThat(ids("{\"levels.0.k\": \"deep\"}")).containsExactly("p5");
        assertThat(ids("{\"profile.city.name\": \"Oslo\"}")).isEmpty();
    }

    @Test
    void objectsAndArraysEqualTheSameJson() throws Exception {
        assertThat(ids("{\"profile\": {\"city\": \"Oslo\"}}")).containsExactly("p4");
        assertThat(ids("{\"tags\": [\"a\", \"b\"]}")).containsExactly("p1");
        assertThat(ids("{\"tags\": [\"b\", \"a\"]}")).isEmpty();
        assertThat(ids("{\"tags\": []}")).containsExactly("p3");
        assertThat(ids("{\"data\": {\"$eq\": {\"x\": 1}}}")).containsExactly("p4");
    }

    @Test
    void neMatchesEverythingEqWouldNotIncludingMissingFields() throws Exception {
        assertThat(ids("{\"profile.city\": {\"$ne\": \"Oslo\"}}", asc())).containsExactly("p2", "p3", "p5");
        assertThat(ids("{\"n\": {\"$ne\": 1}}", asc())).containsExactly("p2", "p3", "p5");
    }

    @Test
    void rangesCompareNumbersWithNumbersAndStringsWithStrings() throws Exception {
        assertThat(ids("{\"age\": {\"$gt\": 30}}")).containsExactly("p3");
        assertThat(ids("{\"age\": {\"$gte\": 30}}", asc())).containsExactly("p1", "p3", "p5");
        assertThat(ids("{\"age\": {\"$lt\": 30}}")).containsExactly("p2");
        assertThat(ids("{\"age\": {\"$lte\": 30}}", asc())).containsExactly("p1", "p2", "p5");
        assertThat(ids("{\"age\": {\"$gt\": 24, \"$lt\": 31}}", asc())).containsExactly("p1", "p2", "p5");
        assertThat(ids("{\"age\": {\"$gt\": \"3\"}}")).containsExactly("p4");
        assertThat(ids("{\"name\": {\"$lt\": \"C\"}}", asc())).containsExactly("p1", "p2");
    }

    @Test
    void inAndNinTakeAListOfTypeCorrectValues() throws Exception {
        assertThat(ids("{\"name\": {\"$in\": [\"Ann\", \"Cy\", \"Zed\"]}}", asc())).containsExactly("p1", "p3");
        assertThat(ids("{\"n\": {\"$in\": [1]}}", asc())).containsExactly("p1", "p4");
        assertThat(ids("{\"n\": {\"$in\": [\"1\", true]}}", asc())).containsExactly("p2", "p3");
        assertThat(ids("{\"data\": {\"$in\": [{\"x\": 1}]}}")).containsExactly("p4");
        assertThat(ids("{\"nickname\": {\"$in\": [null]}}")).hasSize(5);
        assertThat(ids("{\"name\": {\"$in\": []}}")).isEmpty();
        assertThat(ids("{\"name\": {\"$nin\": [\"Ann\", \"Bob\"]}}", asc())).containsExactly("p3", "p4", "p5");
        assertThat(ids("{\"name\": {\"$nin\": []}}")).hasSize(5);
        assertThat(ids("{\"id\": {\"$in\": [\"p1\", \"p3\"]}}", asc())).containsExactly("p1", "p3");
    }

    @Test
    void inTakesLongListsInOneParameter() throws Exception {
        var names = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 5000; i++) names.add("name" + i);
        names.add("Dee");
        ObjectNode q = Json.MAPPER.createObjectNode();
        q.putObject("name").set("$in", names);
        assertThat(docs.find(APP, PEOPLE, q, null)).extracting(d -> d.get("id").textValue()).containsExactly("p4");
    }

    @Test
    void containsFindsTextInStringsAndElementsInArrays() throws Exception {
        assertThat(ids("{\"name\": {\"$contains\": \"e\"}}", asc())).containsExactly("p4", "p5");
        assertThat(ids("{\"name\": {\"$contains\": \"E\"}}")).containsExactly("p5");
        assertThat(ids("{\"name\": {\"$contains\": \"'s \\\"\"}}")).containsExactly("p5");
        assertThat(ids("{\"tags\": {\"$contains\": \"b\"}}", asc())).containsExactly("p1", "p2");
        assertThat(ids("{\"tags\": {\"$contains\": 1}}")).containsExactly("p4");
        assertThat(ids("{\"tags\": {\"$contains\": \"1\"}}")).isEmpty();
        assertThat(ids("{\"id\": {\"$contains\": \"3\"}}")).containsExactly("p3");
        assertThat(ids("{\"_createdAt\": {\"$contains\": 1}}")).isEmpty();
    }

    @Test
    void orMatchesWhenOneBranchDoesAndIsAndedWithTheRest() throws Exception {
        assertThat(ids("{\"$or\": [{\"name\": \"Ann\"}, {\"age\": {\"$gt\": 34}}]}", asc())).containsExactly("p1", "p3");
        assertThat(ids("{\"active\": true, \"$or\": [{\"name\": \"Ann\"}, {\"name\": \"Bob\"}]}")).containsExactly("p1");
        assertThat(ids("{\"$or\": [{\"$or\": [{\"id\": \"p2\"}, {\"id\": \"p5\"}]}, {\"tags\": {\"$contains\": 2}}]}", asc()))
                .containsExactly("p2", "p4", "p5");
    }

    @Test
    void systemFieldsAreQueryable() throws Exception {
        assertThat(ids("{\"id\": \"p2\"}")).containsExactly("p2");
        assertThat(ids("{\"_createdAt\": {\"$gte\": " + (T0 + 3000) + "}}")).containsExactly("p5", "p4");
        assertThat(ids("{\"_updatedAt\": " + T0 + "}")).containsExactly("p1");
        assertThat(ids("{\"id\": {\"$exists\": true}}")).hasSize(5);
    }

    @Test
    void newestFirstByDefaultAndOrderTurnsItAround() throws Exception {
        assertThat(ids(null)).containsExactly("p5", "p4", "p3", "p2", "p1");
        assertThat(ids("{}", asc())).containsExactly("p1", "p2", "p3", "p4", "p5");
        assertThat(ids("{}", new Docs.FindOptions(null, null, "DESC", null))).containsExactly("p5", "p4", "p3", "p2", "p1");
    }

    @Test
    void aSortFieldSortsAscendingUnlessToldOtherwise() throws Exception {
        assertThat(ids("{}", new Docs.FindOptions(null, null, null, "name"))).containsExactly("p1", "p2", "p3", "p4", "p5");
        assertThat(ids("{\"age\": {\"$gte\": 0}}", new Docs.FindOptions(null, null, "desc", "age")))
                .containsExactly("p3", "p5", "p1", "p2");
        assertThat(ids("{}", new Docs.FindOptions(null, null, "asc", "profile.city")))
                .containsExactly("p3", "p5", "p2", "p1", "p4");
        assertThat(ids("{}", new Docs.FindOptions(null, null, "asc", "id"))).containsExactly("p1", "p2", "p3", "p4", "p5");
    }

    @Test
    void tiesAreBrokenById() throws Exception {
        assertThat(ids("{\"age\": 30}", new Docs.FindOptions(null, null, null, "age"))).containsExactly("p1", "p5");
        assertThat(ids("{\"age\": 30}", new Docs.FindOptions(null, null, "desc", "age"))).containsExactly("p5", "p1");
    }

    @Test
    void limitAndOffsetPage() throws Exception {
        assertThat(ids("{}", new Docs.FindOptions(2, null, null, null))).containsExactly("p5", "p4");
        assertThat(ids("{}", new Docs.FindOptions(2, 1, null, null))).containsExactly("p4", "p3");
        assertThat(ids("{}", new Docs.FindOptions(null, 3, null, null))).containsExactly("p2", "p1");
        assertThat(ids("{}", new Docs.FindOptions(0, null, null, null))).isEmpty();
        assertThat(ids("{}", new Docs.FindOptions(10, 10, null, null))).isEmpty();
    }

    @Test
    void badFindOptionsAreRefused() {
        assertFails(Kind.INVALID, () -> ids("{}", new Docs.FindOptions(-1, null, null, null))).hasMessageContaining("must not be negative");
        assertFails(Kind.INVALID, () -> ids("{}", new Docs.FindOptions(null, -2, null, null))).hasMessageContaining("offset -2");
        assertFails(Kind.INVALID, () -> ids("{}", new Docs.FindOptions(null, null, "up", null))).hasMessageContaining("\"asc\" or \"desc\"");
        assertFails(Kind.INVALID, () -> ids("{}", new Docs.FindOptions(null, null, null, "name; DROP TABLE docs")))
                .hasMessageContaining("invalid field name 'name; DROP TABLE docs'");
    }

    @Test
    void hostileFieldNamesAreRefusedInEveryCallAndTheTableStaysIntact() {
        String[] hostile = {"name') OR 1=1 --", "a\"]", "x; DROP TABLE docs", "$.name", "a[0]", "profile..city"};
        for (String field : hostile) {
            ObjectNode q = Json.MAPPER.createObjectNode().put(field, 1);
            assertFails(Kind.INVALID, () -> docs.find(APP, PEOPLE, q, null)).hasMessageContaining(field);
            assertFails(Kind.INVALID, () -> docs.count(APP, PEOPLE, q)).hasMessageContaining(field);
            assertFails(Kind.INVALID, () -> docs.delete(APP, PEOPLE, q)).hasMessageContaining(field);
            assertFails(Kind.INVALID, () -> docs.findOne(APP, PEOPLE, q)).hasMessageContaining(field);
            ObjectNode change = Json.MAPPER.createObjectNode();
            change.putObject("$set").put(field, 1);
            assertFails(Kind.INVALID, () -> docs.update(APP, PEOPLE, Json.MAPPER.createObjectNode(), change)).hasMessageContaining(field);
        }
        assertThat(docs.count(APP, PEOPLE, null)).isEqualTo(5);
        assertThat(StorageAssertions.rows(db, "docs")).isEqualTo(5);
        JsonNode p1 = docs.findOne(APP, PEOPLE, Json.MAPPER.getNodeFactory().textNode("p1")).orElseThrow();
        assertThat(p1.get("name").textValue()).isEqualTo("Ann");
    }

    @Test
    void countAndDeleteUseTheSameLanguage() throws Exception {
        assertThat(docs.count(APP, PEOPLE, null)).isEqualTo(5);
        assertThat(docs.count(APP, PEOPLE, (ObjectNode) Json.MAPPER.readTree("{\"profile.city\": \"Oslo\"}"))).isEqualTo(2);
        assertThat(docs.delete(APP, PEOPLE, (ObjectNode) Json.MAPPER.readTree("{\"tags\": {\"$contains\": \"b\"}}"))).isEqualTo(2);
        assertThat(ids(null)).containsExactly("p5", "p4", "p3");
    }
}
