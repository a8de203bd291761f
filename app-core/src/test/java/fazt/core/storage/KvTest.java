package fazt.core.storage;

import static fazt.core.storage.StorageAssertions.assertFails;
import static fazt.core.storage.StorageAssertions.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fazt.core.FaztException.Kind;
import fazt.core.Json;
import fazt.core.db.Database;
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

class KvTest {
    private static final String APP = "app_one";

    @TempDir
    Path dir;

    private Database db;
    private MovableClock clock;
    private Kv kv;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data.db"));
        clock = new MovableClock(1_000_000);
        kv = new Kv(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void storesAndReturnsAnyJsonValue() throws Exception {
        for (String value : List.of("\"text\"", "42", "1.5", "true", "null", "[1,\"a\",null]", "{\"a\":{\"b\":[1,2]}}")) {
            kv.set(APP, "k", json(value), null);
            assertThat(kv.get(APP, "k")).contains(json(value));
        }
        kv.set(APP, "nothing", null, null);
        assertThat(kv.get(APP, "nothing")).contains(NullNode.instance);
    }

    @Test
    void aMissingKeyIsEmptyAndSetReplaces() {
        assertThat(kv.get(APP, "absent")).isEmpty();
        kv.set(APP, "k", TextNode.valueOf("one"), 1000L);
        kv.set(APP, "k", TextNode.valueOf("two"), null);
        clock.advance(5000);
        assertThat(kv.get(APP, "k")).contains(TextNode.valueOf("two"));
        assertThat(kv.list(APP, null)).singleElement().satisfies(e -> assertThat(e.expiresAt()).isNull());
    }

    @Test
    void deleteSaysWhetherTheKeyWasLive() {
        kv.set(APP, "k", TextNode.valueOf("v"), null);
        assertThat(kv.delete(APP, "k")).isTrue();
        assertThat(kv.delete(APP, "k")).isFalse();
        assertThat(kv.get(APP, "k")).isEmpty();

        kv.set(APP, "short", TextNode.valueOf("v"), 10L);
        clock.advance(10);
        assertThat(kv.delete(APP, "short")).isFalse();
        assertThat(rows(db, "kv")).isZero();
    }

    @Test
    void anExpiredKeyIsNeverReturnedEvenBeforeThePurge() {
        kv.set(APP, "session", TextNode.valueOf("s"), 1000L);
        kv.set(APP, "forever", TextNode.valueOf("f"), null);
        assertThat(kv.list(APP, null)).extracting(Kv.Entry::key, Kv.Entry::expiresAt)
                .containsExactly(tuple("forever", null),
                        tuple("session", 1_001_000L));

        clock.advance(999);
        assertThat(kv.get(APP, "session")).isPresent();
        clock.advance(1);
        assertThat(kv.get(APP, "session")).isEmpty();
        assertThat(kv.list(APP, null)).extracting(Kv.Entry::key).containsExactly("forever");
        assertThat(rows(db, "kv")).isEqualTo(2);
    }

    @Test
    void purgeDeletesExpiredRowsOfEveryAppAndNothingElse() {
        for (int i = 0; i < 2500; i++) kv.set(i % 2 == 0 ? APP : "app_two", "k" + i, TextNode.valueOf("v"), 100L);
        kv.set(APP, "keep", TextNode.valueOf("v"), null);
        kv.set(APP, "later", TextNode.valueOf("v"), 1000L);
        assertThat(kv.purgeExpired()).isZero();

        clock.advance(100);
        assertThat(kv.purgeExpired()).isEqualTo(2500);
        assertThat(rows(db, "kv")).isEqualTo(2);
        assertThat(kv.list(APP, null)).extracting(Kv.Entry::key).containsExactly("keep", "later");
    }

    @Test
    void aTtlMustBePositive() {
        assertFails(Kind.INVALID, () -> kv.set(APP, "k", TextNode.valueOf("v"), 0L)).hasMessageContaining("ttl must be a positive");
        assertFails(Kind.INVALID, () -> kv.set(APP, "k", TextNode.valueOf("v"), -5L)).hasMessageContaining("-5");
        assertThat(rows(db, "kv")).isZero();
    }

    @Test
    void aHugeTtlMeansForeverInsteadOfWrapping() {
        kv.set(APP, "k", TextNode.valueOf("v"), Long.MAX_VALUE);
        clock.advance(1_000_000_000);
        assertThat(kv.get(APP, "k")).isPresent();
    }

    @Test
    void keysAreOneTo1024Characters() {
        String longest = "k".repeat(Kv.MAX_KEY_LENGTH);
        kv.set(APP, longest, TextNode.valueOf("v"), null);
        assertThat(kv.get(APP, longest)).isPresent();

        String tooLong = longest + "k";
        assertFails(Kind.INVALID, () -> kv.set(APP, tooLong, TextNode.valueOf("v"), null)).hasMessageContaining("1-1024 characters, got 1025");
        assertFails(Kind.INVALID, () -> kv.set(APP, "", TextNode.valueOf("v"), null)).hasMessageContaining("got 0");
        assertFails(Kind.INVALID, () -> kv.get(APP, null)).hasMessageContaining("got none");
        assertFails(Kind.INVALID, () -> kv.delete(APP, tooLong)).hasMessageContaining("1-1024");
    }

    @Test
    void valuesAreCappedAtOneMegabyte() {
        String fits = "x".repeat(JsonText.MAX_BYTES - 2); // the quotes make it exactly 1 MB
        kv.set(APP, "big", TextNode.valueOf(fits), null);
        assertThat(kv.get(APP, "big")).contains(TextNode.valueOf(fits));

        assertFails(Kind.INVALID, () -> kv.set(APP, "big", TextNode.valueOf(fits + "x"), null))
                .hasMessageContaining("value of key 'big'").hasMessageContaining("limit is 1 MB");
        assertThat(kv.get(APP, "big")).contains(TextNode.valueOf(fits));
    }

    @Test
    void aValueThatIsNotJsonIsRefused() {
        JsonNode notJson = Json.MAPPER.getNodeFactory().pojoNode(new Object());
        assertFails(Kind.INVALID, () -> kv.set(APP, "k", notJson, null)).hasMessageContaining("value of key 'k' cannot be written as JSON");
    }

    @Test
    void aPrefixIsLiteralSoPercentAndUnderscoreAreNotWildcards() {
        for (String key : List.of("b", "a%b", "axb", "a_b", "a%", "ab", "a", "A%")) kv.set(APP, key, TextNode.valueOf(key), null);

        assertThat(kv.list(APP, "a%")).extracting(Kv.Entry::key).containsExactly("a%", "a%b");
        assertThat(kv.list(APP, "a_")).extracting(Kv.Entry::key).containsExactly("a_b");
        assertThat(kv.list(APP, "%")).isEmpty();
        assertThat(kv.list(APP, "a")).extracting(Kv.Entry::key).containsExactly("a", "a%", "a%b", "a_b", "ab", "axb");
        assertThat(kv.list(APP, "")).hasSize(8);
        assertThat(kv.list(APP, null)).extracting(Kv.Entry::key).containsExactly("A%", "a", "a%", "a%b", "a_b", "ab", "axb", "b");
        assertThat(kv.list(APP, "a%b")).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo(TextNode.valueOf("a%b")));
    }

    @Test
    void aPrefixWorksBeyondAscii() {
        String max = Character.toString(Character.MAX_CODE_POINT);
        for (String key : List.of("😀1", "😀2", "😁", "é", "e", "z" + max, "z" + max + "!", "z")) {
            kv.set(APP, key, TextNode.valueOf("v"), null);
        }
        assertThat(kv.list(APP, "😀")).extracting(Kv.Entry::key).containsExactly("😀1", "😀2");
        assertThat(kv.list(APP, "z" + max)).extracting(Kv.Entry::key).containsExactly("z" + max, "z" + max + "!");
        assertThat(kv.list(APP, "é")).extracting(Kv.Entry::key).containsExactly("é");
    }

    @Test
    void oneAppNeverSeesAnothersKeys() {
        kv.set(APP, "shared", TextNode.valueOf("mine"), null);
        kv.set("app_two", "shared", TextNode.valueOf("theirs"), null);
        assertThat(kv.get(APP, "shared")).contains(TextNode.valueOf("mine"));
        assertThat(kv.list("app_two", null)).extracting(Kv.Entry::value).containsExactly(TextNode.valueOf("theirs"));
        assertThat(kv.delete("app_three", "shared")).isFalse();

        kv.deleteApp(APP);
        assertThat(kv.list(APP, null)).isEmpty();
        assertThat(kv.get("app_two", "shared")).contains(TextNode.valueOf("theirs"));
    }

    @Test
    void twoThousandConcurrentSetsAreAllKept() throws Exception {
        List<Future<?>> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2000; i++) {
                int n = i;
                all.add(pool.submit(() -> kv.set(APP, "key" + n, Json.MAPPER.createObjectNode().put("n", n), null)));
            }
        }
        for (Future<?> f : all) f.get();
        assertThat(kv.list(APP, "key")).hasSize(2000);
        for (int i = 0; i < 2000; i++) assertThat(kv.get(APP, "key" + i).orElseThrow().get("n").asInt()).isEqualTo(i);
    }

    @Test
    void aClosedDatabaseIsAStorageErrorNotACrash() {
        db.close();
        assertFails(Kind.UNAVAILABLE, () -> kv.set(APP, "k", TextNode.valueOf("v"), null)).hasMessageContaining("storage is unavailable");
    }

    @Test
    void aValueDamagedOutsideFaztIsReportedAsSuch() {
        kv.set(APP, "k", TextNode.valueOf("v"), null);
        db.write(c -> c.createStatement().executeUpdate("UPDATE kv SET value = '{not json'"));
        assertFails(Kind.UNAVAILABLE, () -> kv.get(APP, "k")).hasMessageContaining("restore it from a backup");
    }
}
