package fazt.core.storage;

import static fazt.core.storage.StorageAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException.Kind;
import fazt.core.Json;
import org.junit.jupiter.api.Test;

/** The compiler alone: what it refuses, and that no value ever becomes SQL text. */
class DocQueryTest {
    private static JsonNode q(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void anEmptyOrNullQueryMatchesEverything() throws Exception {
        assertThat(DocQuery.where(null).text()).isEqualTo("1");
        assertThat(DocQuery.where(q("{}")).text()).isEqualTo("1");
    }

    @Test
    void valuesAndPathsAreBoundNeverWritten() throws Exception {
        BoundSql sql = DocQuery.where(q("""
                {"name": "x' OR 1=1; DROP TABLE docs; --", "a.b": {"$in": ["'y'"], "$contains": "z\\"", "$gt": 5}}"""));
        assertThat(sql.text()).doesNotContain("DROP", "OR 1=1", "'y'", "z\"", "$.name", "$.a.b", "5");
        assertThat(sql.params()).contains("x' OR 1=1; DROP TABLE docs; --", "$.name", "$.a.b", "[\"'y'\"]", "z\"", 5L);
    }

    @Test
    void fieldNamesOutsideTheSafeAlphabetAreRefusedByName() {
        for (String field : new String[] {"name'", "a\"b", "tags[0]", "a;DROP TABLE docs", "a b", "a-b", ".a", "a.",
                "a..b", "", "a$b", "é", "x".repeat(DocField.MAX_LENGTH + 1)}) {
            assertFails(Kind.INVALID, () -> DocQuery.where(Json.MAPPER.createObjectNode().put(field, 1)))
                    .hasMessageContaining("invalid field name '" + field + "'");
        }
    }

    @Test
    void aQueryMustBeAnObject() {
        assertFails(Kind.INVALID, () -> DocQuery.where(q("[1]"))).hasMessageContaining("must be an object").hasMessageContaining("array");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("\"id\""))).hasMessageContaining("not string");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"$or\": [{\"a\": 1}, 2]}"))).hasMessageContaining("not number");
    }

    @Test
    void aQueryValueMustBeJson() {
        var q = Json.MAPPER.createObjectNode().put("a", new byte[] {1});
        assertFails(Kind.INVALID, () -> DocQuery.where(q)).hasMessageContaining("a query value must be JSON, not binary");
    }

    @Test
    void unknownOperatorsAreRefused() {
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"$where\": \"1\"}"))).hasMessageContaining("unknown query operator '$where'");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"a\": {\"$regex\": \".*\"}}")))
                .hasMessageContaining("unknown operator '$regex' on 'a'").hasMessageContaining("$contains");
    }

    @Test
    void operatorsAndPlainKeysDoNotMix() {
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"a\": {\"$gt\": 1, \"b\": 2}}"))).hasMessageContaining("mixes operators");
    }

    @Test
    void operatorArgumentsAreChecked() {
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"$or\": {}}"))).hasMessageContaining("$or needs a non-empty array");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"$or\": []}"))).hasMessageContaining("$or needs a non-empty array");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"a\": {\"$gt\": true}}"))).hasMessageContaining("$gt on 'a' needs a number or a string, not boolean");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"a\": {\"$lte\": [1]}}"))).hasMessageContaining("not array");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"a\": {\"$in\": 1}}"))).hasMessageContaining("$in on 'a' needs an array");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"a\": {\"$nin\": \"x\"}}"))).hasMessageContaining("$nin on 'a' needs an array");
        assertFails(Kind.INVALID, () -> DocQuery.where(q("{\"a\": {\"$exists\": 1}}"))).hasMessageContaining("$exists on 'a' needs true or false");
    }

    @Test
    void aQueryHasAtMost256Conditions() {
        var fits = Json.MAPPER.createObjectNode();
        for (int i = 0; i < DocQuery.MAX_CONDITIONS; i++) fits.put("f" + i, i);
        // each equality binds the path twice (type and value) and the value once
        assertThat(DocQuery.where(fits).params()).hasSize(3 * DocQuery.MAX_CONDITIONS);

        fits.put("one_more", 1);
        assertFails(Kind.INVALID, () -> DocQuery.where(fits)).hasMessageContaining("at most 256 conditions");

        var deep = Json.MAPPER.createObjectNode();
        var inner = deep;
        for (int i = 0; i < 300; i++) inner = inner.putArray("$or").addObject();
        assertFails(Kind.INVALID, () -> DocQuery.where(deep)).hasMessageContaining("at most 256 conditions");
    }
}
