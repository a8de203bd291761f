package fazt.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The document query compiler under arbitrary JSON (docs/testing.md): every query, sort and
 * update either runs as SQL on a real SQLite file (no SQL error, whatever the field names and
 * values hold) or is refused with a {@link FaztException} that says what is wrong.
 */
class DocQueryFuzzTest {
    private static final String APP = "app_fuzz";
    private static final String COLLECTION = "things";
    private static final Docs DOCS = filledDocs();

    /** The fuzzer's bytes are the query text; the sort, limit and offset come from its first bytes. */
    @FuzzTest(maxDuration = "5m")
    void anyQueryRunsOrIsRefusedClearly(FuzzedDataProvider data) {
        String sort = data.consumeBoolean() ? data.consumeString(40) : null;
        Integer limit = data.consumeBoolean() ? data.consumeInt() : null;
        Integer offset = data.consumeBoolean() ? data.consumeInt() : null;
        String query = data.consumeRemainingAsString();
        try {
            Docs.Page page = DOCS.page(APP, COLLECTION, query, sort, limit, offset);
            assertThat(page.docs().size()).isLessThanOrEqualTo(page.limit());
            assertThat(page.total()).isBetween(0L, 4L);
        } catch (FaztException refused) {
            assertClear(refused);
        }
    }

    /** A query object and an update object, both parsed from the fuzzer's text, run as one update. */
    @FuzzTest(maxDuration = "5m")
    void anyUpdateRunsOrIsRefusedClearly(FuzzedDataProvider data) {
        ObjectNode query = object(data.consumeString(400));
        ObjectNode changes = object(data.consumeRemainingAsString());
        if (query == null || changes == null) return;
        try {
            DOCS.update(APP, COLLECTION, query, changes);
            assertThat(DOCS.count(APP, COLLECTION, null)).isEqualTo(4);
        } catch (FaztException refused) {
            assertClear(refused);
        }
    }

    private static void assertClear(FaztException refused) {
        assertThat(refused.kind()).isIn(FaztException.Kind.INVALID, FaztException.Kind.TOO_LARGE);
        assertThat(refused.getMessage()).isNotBlank();
    }

    private static ObjectNode object(String text) {
        try {
            return Json.MAPPER.readTree(text) instanceof ObjectNode o ? o : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Docs filledDocs() {
        try {
            Path dir = Files.createTempDirectory("fazt-docquery-fuzz");
            dir.toFile().deleteOnExit();
            Database db = Database.open(dir.resolve("data.db"));
            Docs docs = new Docs(db);
            for (String doc : List.of(
                    "{\"id\":\"a\",\"name\":\"Ann\",\"age\":30,\"tags\":[\"x\",1,null],\"p\":{\"city\":\"Oslo\"}}",
                    "{\"id\":\"b\",\"name\":\"O'Brien \\\"q\\\"\",\"age\":\"30\",\"ok\":true,\"p\":null}",
                    "{\"id\":\"c\",\"age\":1.5e300,\"a.b\":{\"c\":[{\"d\":-0.0}]},\"$x\":1,\"\":\"empty\"}",
                    "{\"id\":\"d\",\"name\":null,\"list\":[[1,2],{\"k\":\"v\"}],\"n\":9223372036854775807}")) {
                JsonNode parsed = Json.MAPPER.readTree(doc);
                docs.insert(APP, COLLECTION, (ObjectNode) parsed);
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
