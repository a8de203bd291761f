package fazt.core.storage;

import static fazt.core.storage.StorageAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fazt.core.FaztException.Kind;
import fazt.core.Json;
import fazt.core.apps.AppInfo;
import fazt.core.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the admin API, the CLI and agents use to browse an app's data: pages, one entry, replace, export. */
class StorageBrowsingTest {
    private static final AppInfo APP = new AppInfo("app_b", "shop", 1, 0, 0, false, 0, 0, List.of(), 0);
    private static final String OTHER = "app_other";
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Database db;
    private MovableClock clock;
    private Kv kv;
    private Docs docs;
    private Blobs blobs;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data.db"));
        clock = new MovableClock(T0);
        kv = new Kv(db, clock);
        docs = new Docs(db, clock, 2000);
        blobs = new Blobs(db, Blobs.DEFAULT_MAX_BLOB_BYTES, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void kvPagesFollowTheCursorSkipExpiredKeysAndStayInTheApp() {
        for (int i = 0; i < 7; i++) kv.set(APP.id(), "user:" + i, IntNode.valueOf(i), null);
        kv.set(APP.id(), "user:gone", IntNode.valueOf(9), 10L);
        kv.set(APP.id(), "session", TextNode.valueOf("s"), 60_000L);
        kv.set(OTHER, "user:x", IntNode.valueOf(1), null);
        clock.advance(10);

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            KeyPage<Kv.Entry> page = kv.page(APP.id(), "user:", after, 3);
            page.items().forEach(e -> seen.add(e.key()));
            after = page.next();
            pages++;
        } while (after != null);
        assertThat(seen).containsExactly("user:0", "user:1", "user:2", "user:3", "user:4", "user:5", "user:6");
        assertThat(pages).isEqualTo(3);
        assertThat(kv.page(APP.id(), null, null, null).items()).extracting(Kv.Entry::key).hasSize(8).contains("session");
        assertThat(kv.page(APP.id(), "session", null, 1).items().getFirst().expiresAt()).isEqualTo(T0 + 60_000);
        assertThat(kv.page(APP.id(), "zzz", null, 5)).isEqualTo(new KeyPage<>(List.of(), null));
    }

    @Test
    void aPageOfLargeValuesStopsEarlyWithACursor() {
        String big = "x".repeat(1_000_000);
        for (int i = 0; i < 6; i++) kv.set(APP.id(), "big" + i, TextNode.valueOf(big), null);
        KeyPage<Kv.Entry> first = kv.page(APP.id(), null, null, 100);
        assertThat(first.items()).hasSize(5);
        assertThat(first.next()).isEqualTo("big4");
        assertThat(kv.page(APP.id(), null, first.next(), 100).items()).extracting(Kv.Entry::key).containsExactly("big5");
    }

    @Test
    void pageSizesOutsideTheRangeAreRefused() {
        for (Integer bad : new Integer[] {0, -1, PageLimits.MAX_ITEMS + 1}) {
            assertFails(Kind.INVALID, () -> kv.page(APP.id(), null, null, bad)).hasMessageContaining("limit must be 1-1000");
            assertFails(Kind.INVALID, () -> blobs.page(APP.id(), null, null, bad)).hasMessageContaining("limit must be 1-1000");
            assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", null, null, bad, null)).hasMessageContaining("limit must be 1-1000");
        }
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", null, null, 10, -1)).hasMessageContaining("offset must not be negative");
    }

    @Test
    void oneKeyIsShownWithItsExpiryAndMissingOrExpiredKeysAreNotFound() {
        Kv.Entry set = kv.set(APP.id(), "k", TextNode.valueOf("v"), 1000L);
        assertThat(set).isEqualTo(new Kv.Entry("k", TextNode.valueOf("v"), T0 + 1000));
        assertThat(kv.existing(APP, "k")).isEqualTo(set);
        clock.advance(1000);
        assertFails(Kind.NOT_FOUND, () -> kv.existing(APP, "k")).hasMessage("app 'shop' has no key 'k' (or it has expired)");
        assertFails(Kind.NOT_FOUND, () -> kv.deleteExisting(APP, "k"));
        kv.set(APP.id(), "../k", TextNode.valueOf("v"), null);
        kv.deleteExisting(APP, "../k");
        assertThat(kv.get(APP.id(), "../k")).isEmpty();
        kv.set(OTHER, "theirs", TextNode.valueOf("v"), null);
        assertFails(Kind.NOT_FOUND, () -> kv.existing(APP, "theirs"));
    }

    @Test
    void collectionsAreListedWithCounts() throws Exception {
        docs.insert(APP.id(), "orders", doc("{\"n\":1}"));
        docs.insert(APP.id(), "orders", doc("{\"n\":2}"));
        docs.insert(APP.id(), "a/b 100%", doc("{}"));
        docs.insert(OTHER, "secret", doc("{}"));
        assertThat(docs.collections(APP.id())).containsExactly(new Docs.Collection("a/b 100%", 1), new Docs.Collection("orders", 2));
        assertThat(docs.collections("app_none")).isEmpty();
    }

    @Test
    void collectionsComeInPagesByNameAndByLiteralPrefix() throws Exception {
        for (String name : new String[] {"c1", "c2", "c3", "c_x", "cab", "d"}) docs.insert(APP.id(), name, doc("{}"));
        docs.insert(APP.id(), "c2", doc("{}"));
        docs.insert(OTHER, "c0", doc("{}"));
        KeyPage<Docs.Collection> first = docs.collections(APP.id(), "c", null, 2);
        assertThat(first.items()).containsExactly(new Docs.Collection("c1", 1), new Docs.Collection("c2", 2));
        assertThat(first.next()).isEqualTo("c2");
        KeyPage<Docs.Collection> last = docs.collections(APP.id(), "c", "c2", 3);
        assertThat(last.items()).extracting(Docs.Collection::name).containsExactly("c3", "c_x", "cab");
        assertThat(last.next()).isNull();
        assertThat(docs.collections(APP.id(), "c_", null, null).items()).extracting(Docs.Collection::name).containsExactly("c_x");
        assertFails(Kind.INVALID, () -> docs.collections(APP.id(), null, null, 0));
    }

    @Test
    void documentPagesFilterSortAndCountTheWholeMatch() throws Exception {
        for (int i = 0; i < 12; i++) {
            docs.insert(APP.id(), "orders", doc("{\"id\":\"o" + i + "\",\"total\":" + i + ",\"status\":\"" + (i % 3 == 0 ? "open" : "paid") + "\"}"));
            clock.advance(1);
        }
        Docs.Page open = docs.page(APP.id(), "orders", "{\"status\":\"open\"}", null, null, null);
        assertThat(open.total()).isEqualTo(4);
        assertThat(open.limit()).isEqualTo(PageLimits.DEFAULT_ITEMS);
        assertThat(open.docs()).extracting(d -> d.get("id").asText()).containsExactly("o9", "o6", "o3", "o0");

        Docs.Page byTotal = docs.page(APP.id(), "orders", "{\"total\":{\"$gte\":5}}", "-total", 3, 2);
        assertThat(byTotal).extracting(Docs.Page::total, Docs.Page::limit, Docs.Page::offset).containsExactly(7L, 3, 2);
        assertThat(byTotal.docs()).extracting(d -> d.get("total").asInt()).containsExactly(9, 8, 7);
        assertThat(docs.page(APP.id(), "orders", null, "total", 2, 0).docs()).extracting(d -> d.get("total").asInt()).containsExactly(0, 1);
        assertThat(docs.page(APP.id(), "orders", "", "{\"total\": -1}", 1, 0).docs().getFirst().get("total").asInt()).isEqualTo(11);
        assertThat(docs.page(APP.id(), "orders", "{}", "{\"total\": \"asc\"}", 1, 0).docs().getFirst().get("total").asInt()).isEqualTo(0);
        assertThat(docs.page(APP.id(), "orders", "{\"$or\":[{\"total\":1},{\"status\":\"open\"}]}", null, 1, 0).total()).isEqualTo(5);
        assertThat(docs.page(APP.id(), "none", null, null, null, null)).isEqualTo(new Docs.Page(List.of(), 0, 100, 0));
    }

    @Test
    void badQueriesAndSortsSayWhatIsWrong() {
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", "{\"a\": }", null, null, null))
                .hasMessageStartingWith("the query is not valid JSON at line 1, column 7");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", "{\"a\": 1} x", null, null, null))
                .hasMessageStartingWith("the query is not valid JSON at line 1");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", "[1]", null, null, null))
                .hasMessageContaining("the query must be a JSON object");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", "{\"a\":{\"$near\":1}}", null, null, null))
                .hasMessageContaining("unknown operator '$near'");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", "{\"a;drop\":1}", null, null, null))
                .hasMessageContaining("invalid field name");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", null, "{\"a\": 2}", null, null))
                .hasMessageContaining("must be 1, -1, \"asc\" or \"desc\"");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", null, "{\"a\": 1, \"b\": 1}", null, null))
                .hasMessageContaining("exactly one field");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", null, "{\"a\"", null, null))
                .hasMessageStartingWith("the sort is not valid JSON");
        assertFails(Kind.INVALID, () -> docs.page(APP.id(), "c", null, "-a b", null, null)).hasMessageContaining("invalid field name");
    }

    @Test
    void oneDocumentIsReadReplacedAndDeleted() throws Exception {
        docs.insert(APP.id(), "c", doc("{\"id\":\"a/1\",\"name\":\"old\",\"extra\":true}"));
        clock.advance(500);
        ObjectNode replaced = docs.replace(APP, "c", "a/1", doc("{\"id\":\"a/1\",\"name\":\"new\",\"_createdAt\":1,\"_updatedAt\":2}"));
        assertThat(replaced.toString()).isEqualTo("{\"id\":\"a/1\",\"name\":\"new\",\"_createdAt\":" + T0 + ",\"_updatedAt\":" + (T0 + 500) + "}");
        assertThat(docs.existing(APP, "c", "a/1")).isEqualTo(replaced);
        assertThat(docs.replace(APP, "c", "a/1", doc("{\"n\":1}")).get("n").asInt()).isEqualTo(1);

        assertFails(Kind.INVALID, () -> docs.replace(APP, "c", "a/1", doc("{\"id\":\"b\"}"))).hasMessageContaining("an id cannot change");
        assertFails(Kind.NOT_FOUND, () -> docs.replace(APP, "c", "nope", doc("{}")))
                .hasMessage("app 'shop' has no document 'nope' in collection 'c'");
        assertFails(Kind.INVALID, () -> docs.replace(APP, "c", "a/1", doc("{\"big\":\"" + "x".repeat(JsonText.MAX_BYTES) + "\"}")))
                .hasMessageContaining("the limit is 1 MB");
        assertFails(Kind.NOT_FOUND, () -> docs.existing(APP, "other", "a/1"));
        docs.insert(OTHER, "c", doc("{\"id\":\"theirs\"}"));
        assertFails(Kind.NOT_FOUND, () -> docs.existing(APP, "c", "theirs"));
        assertFails(Kind.NOT_FOUND, () -> docs.deleteExisting(APP, "c", "theirs"));

        docs.deleteExisting(APP, "c", "a/1");
        assertFails(Kind.NOT_FOUND, () -> docs.deleteExisting(APP, "c", "a/1"));
        assertThat(docs.count(OTHER, "c", null)).isEqualTo(1);
    }

    @Test
    void exportWritesTheWholeCollectionOldestFirstUpToItsCap() throws Exception {
        assertThat(new String(docs.export(APP.id(), "c"), StandardCharsets.UTF_8)).isEqualTo("[]");
        docs.insert(APP.id(), "c", doc("{\"id\":\"b\",\"n\":1}"));
        clock.advance(1);
        docs.insert(APP.id(), "c", doc("{\"id\":\"a\",\"tags\":[\"x\"]}"));
        JsonNode all = Json.MAPPER.readTree(docs.export(APP.id(), "c"));
        assertThat(all.toString()).isEqualTo("[{\"id\":\"b\",\"n\":1,\"_createdAt\":" + T0 + ",\"_updatedAt\":" + T0 + "},"
                + "{\"id\":\"a\",\"tags\":[\"x\"],\"_createdAt\":" + (T0 + 1) + ",\"_updatedAt\":" + (T0 + 1) + "}]");
        docs.insert(APP.id(), "c", doc("{\"pad\":\"" + "p".repeat(2000) + "\"}"));
        assertFails(Kind.TOO_LARGE, () -> docs.export(APP.id(), "c")).hasMessageContaining("collection 'c' is larger than 2000 bytes");
    }

    @Test
    void blobPagesAndOneBlob() {
        for (String p : List.of("img/a.png", "img/b.png", "img/c.png", "notes.txt")) blobs.put(APP.id(), p, p.getBytes(), "image/png");
        blobs.put(OTHER, "img/z.png", new byte[] {1}, null);
        KeyPage<Blobs.BlobInfo> first = blobs.page(APP.id(), "img/", null, 2);
        assertThat(first.items()).extracting(Blobs.BlobInfo::path).containsExactly("img/a.png", "img/b.png");
        assertThat(first.next()).isEqualTo("img/b.png");
        KeyPage<Blobs.BlobInfo> second = blobs.page(APP.id(), "img/", first.next(), 2);
        assertThat(second.items()).extracting(Blobs.BlobInfo::path).containsExactly("img/c.png");
        assertThat(second.next()).isNull();
        assertThat(second.items().getFirst()).isEqualTo(new Blobs.BlobInfo("img/c.png", "image/png", 9, T0));

        assertThat(new String(blobs.existing(APP, "notes.txt").data())).isEqualTo("notes.txt");
        assertFails(Kind.NOT_FOUND, () -> blobs.existing(APP, "img/z.png")).hasMessage("app 'shop' has no blob 'img/z.png'");
        assertFails(Kind.INVALID, () -> blobs.existing(APP, "../app_other/img/z.png")).hasMessageContaining("'..' segment");
        assertFails(Kind.INVALID, () -> blobs.deleteExisting(APP, "/etc/passwd")).hasMessageContaining("must not start with '/'");
        blobs.deleteExisting(APP, "notes.txt");
        assertFails(Kind.NOT_FOUND, () -> blobs.deleteExisting(APP, "notes.txt"));
    }
}
