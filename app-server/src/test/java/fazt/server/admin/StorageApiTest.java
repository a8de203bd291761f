package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/apps/{app}/kv…}, {@code …/collections}, {@code …/docs…}, {@code …/blobs…} over real
 * HTTP, on data a deployed function wrote, with edits the function then reads back.
 */
class StorageApiTest {
    final TestInstance t = new TestInstance();
    final String admin = t.adminToken();

    @BeforeEach
    void seed() {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "shop");
        files.put("api/main.js", StorageApiTestShop.SHOP);
        assertThat(t.deploy("shop", TestInstance.zip(files)).statusCode()).isEqualTo(200);
        assertThat(t.deploy("other", TestInstance.zip(files)).statusCode()).isEqualTo(200);
        assertThat(body(t.get("shop.localhost", "/api?do=seed"))).isEqualTo("{\"seeded\":true}");
        t.fazt.kv().set(t.fazt.apps().get("other").id(), "secret", parse("\"theirs\""), null);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static JsonNode parse(String s) {
        try {
            return fazt.core.Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    HttpResponse<byte[]> get(String path) {
        return t.api("GET", path, admin, null, null);
    }

    HttpResponse<byte[]> send(String method, String path, String token, String body) {
        return t.api(method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    JsonNode data(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        return json(r).get("data");
    }

    String error(HttpResponse<byte[]> r, int status) {
        assertThat(r.statusCode()).as(body(r)).isEqualTo(status);
        return json(r).get("error").get("message").asText();
    }

    @Test
    void kvKeysArePagedByPrefixWithTheirExpiry() {
        JsonNode users = json(get("/api/apps/shop/kv?prefix=user:"));
        assertThat(users.get("data")).hasSize(2);
        assertThat(users.get("data").get(0).toString()).isEqualTo("{\"key\":\"user:1\",\"value\":{\"name\":\"Ann\"}}");
        assertThat(users.get("data").get(1).get("expires_at").asLong()).isGreaterThan(System.currentTimeMillis());
        assertThat(users.get("meta").has("next")).as("no next page").isFalse();

        JsonNode first = json(get("/api/apps/shop/kv?limit=1"));
        assertThat(first.get("data").get(0).get("key").asText()).isEqualTo("100%");
        String next = first.get("meta").get("next").asText();
        JsonNode rest = json(get("/api/apps/shop/kv?limit=10&after=" + q(next)));
        assertThat(rest.get("data").findValuesAsText("key")).containsExactly("a/b\\c ?#", "user:1", "user:2");
        String appId = t.fazt.apps().get("shop").id();
        assertThat(json(get("/api/apps/" + appId + "/kv?prefix=100%25")).get("data").findValuesAsText("key")).containsExactly("100%");

        assertThat(data(get("/api/apps/shop/kv/entry?key=" + q("a/b\\c ?#"))).toString())
                .isEqualTo("{\"key\":\"a/b\\\\c ?#\",\"value\":\"odd key\"}");
        assertThat(data(get("/api/apps/shop/kv/entry?key=100%25")).get("value").asText()).isEqualTo("literal");
    }

    @Test
    void documentsAreFoundWithTheFunctionsQueryLanguage() {
        assertThat(data(get("/api/apps/shop/collections")).toString())
                .isEqualTo("[{\"name\":\"notes\",\"count\":1},{\"name\":\"orders\",\"count\":3}]");
        JsonNode firstCollections = json(get("/api/apps/shop/collections?limit=1"));
        assertThat(firstCollections.get("data").toString()).isEqualTo("[{\"name\":\"notes\",\"count\":1}]");
        assertThat(firstCollections.get("meta").get("next").asText()).isEqualTo("notes");
        JsonNode nextCollections = json(get("/api/apps/shop/collections?limit=1&after=notes"));
        assertThat(nextCollections.get("data").findValuesAsText("name")).containsExactly("orders");
        assertThat(nextCollections.get("meta").has("next")).isFalse();
        assertThat(json(get("/api/apps/shop/collections?prefix=or")).get("data").findValuesAsText("name")).containsExactly("orders");
        JsonNode open = json(get("/api/apps/shop/docs?collection=orders&query=" + q("{\"status\":\"open\"}") + "&sort=-total&limit=1"));
        assertThat(open.get("data").findValuesAsText("id")).containsExactly("o1");
        assertThat(open.get("meta").toString()).isEqualTo("{\"total\":2,\"limit\":1,\"offset\":0}");
        JsonNode second = json(get("/api/apps/shop/docs?collection=orders&query=" + q("{\"status\":\"open\"}") + "&sort=-total&limit=1&offset=1"));
        assertThat(second.get("data").findValuesAsText("id")).containsExactly("o3");
        JsonNode expensive = json(get("/api/apps/shop/docs?collection=orders&query=" + q("{\"total\":{\"$gt\":4},\"items\":{\"$contains\":\"x\"}}")
                + "&sort=" + q("{\"total\":1}")));
        assertThat(expensive.get("data").findValuesAsText("id")).containsExactly("o/2");
        assertThat(json(get("/api/apps/shop/docs?collection=nothing")).get("meta").get("total").asInt()).isZero();

        JsonNode o2 = data(get("/api/apps/shop/docs/entry?collection=orders&id=" + q("o/2")));
        assertThat(o2.get("items").toString()).isEqualTo("[\"x\"]");
        assertThat(o2.has("_createdAt")).isTrue();
    }

    @Test
    void aCollectionExportsAsAJsonDownload() {
        HttpResponse<byte[]> r = get("/api/apps/shop/docs/export?collection=orders");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"orders.json\"; filename*=UTF-8''orders.json");
        JsonNode all = parse(body(r));
        assertThat(all.findValuesAsText("id")).containsExactly("o1", "o/2", "o3");
        assertThat(body(get("/api/apps/shop/docs/export?collection=empty"))).isEqualTo("[]");
    }

    @Test
    void blobsAreListedAndDownloadedAsAttachmentsThatCannotRunScript() {
        JsonNode list = json(get("/api/apps/shop/blobs"));
        assertThat(list.get("data").findValuesAsText("path")).containsExactly("img/logo.svg", "notes/a b%.txt");
        assertThat(list.get("data").get(1).get("mime").asText()).isEqualTo("text/plain");
        assertThat(list.get("data").get(1).get("size").asInt()).isEqualTo(5);
        assertThat(list.get("data").get(1).has("updated_at")).isTrue();
        assertThat(json(get("/api/apps/shop/blobs?prefix=img/")).get("data")).hasSize(1);

        HttpResponse<byte[]> svg = get("/api/apps/shop/blobs/entry?path=img/logo.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).contains("image/svg+xml");
        assertThat(svg.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"logo.svg\"");
        assertThat(svg.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        assertThat(svg.headers().firstValue("Last-Modified")).isPresent();
        assertThat(body(svg)).contains("onload");
        HttpResponse<byte[]> odd = get("/api/apps/shop/blobs/entry?path=" + q("notes/a b%.txt"));
        assertThat(body(odd)).isEqualTo("hello");
        assertThat(odd.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"a_b_.txt\"", "filename*=UTF-8''a%20b%25.txt");
    }

    @Test
    void editsAndDeletesAreWhatTheFunctionThenReads() {
        JsonNode set = data(send("PUT", "/api/apps/shop/kv/entry?key=user:1", admin, "{\"value\":{\"name\":\"Ann B\"},\"ttl_ms\":60000}"));
        assertThat(set.get("value").toString()).isEqualTo("{\"name\":\"Ann B\"}");
        assertThat(set.get("expires_at").asLong()).isGreaterThan(System.currentTimeMillis());
        data(send("PUT", "/api/apps/shop/kv/entry?key=new", admin, "{\"value\":null}"));
        assertThat(data(get("/api/apps/shop/kv/entry?key=new")).toString()).isEqualTo("{\"key\":\"new\",\"value\":null}");
        JsonNode doc = data(send("PUT", "/api/apps/shop/docs/entry?collection=orders&id=o1", admin, "{\"total\":6,\"status\":\"paid\"}"));
        assertThat(doc.get("id").asText()).isEqualTo("o1");
        assertThat(doc.get("total").asInt()).isEqualTo(6);
        assertThat(doc.has("status")).isTrue();
        assertThat(data(send("DELETE", "/api/apps/shop/kv/entry?key=" + q("a/b\\c ?#"), admin, null)).toString())
                .isEqualTo("{\"deleted\":\"a/b\\\\c ?#\"}");
        data(send("DELETE", "/api/apps/shop/docs/entry?collection=orders&id=" + q("o/2"), admin, null));
        data(send("DELETE", "/api/apps/shop/blobs/entry?path=img/logo.svg", admin, null));

        JsonNode seen = parse(body(t.get("shop.localhost", "/api?do=read")));
        assertThat(seen.get("user1").toString()).isEqualTo("{\"name\":\"Ann B\"}");
        assertThat(seen.get("odd").isNull()).isTrue();
        assertThat(seen.get("o1").get("total").asInt()).isEqualTo(6);
        assertThat(seen.get("o2").isNull()).isTrue();
        assertThat(seen.get("logo").isNull()).isTrue();
    }

    @Test
    void readKeysReadAndOnlyAdminsWrite() {
        String read = t.fazt.apiKeys().create("reader", Scope.READ).token();
        String deploy = t.fazt.apiKeys().create("deployer", Scope.DEPLOY).token();
        for (String path : new String[] {"/api/apps/shop/kv", "/api/apps/shop/kv/entry?key=100%25", "/api/apps/shop/collections",
                "/api/apps/shop/docs?collection=orders", "/api/apps/shop/docs/export?collection=orders",
                "/api/apps/shop/docs/entry?collection=orders&id=o1", "/api/apps/shop/blobs", "/api/apps/shop/blobs/entry?path=img/logo.svg"}) {
            assertThat(t.api("GET", path, read, null, null).statusCode()).as(path).isEqualTo(200);
            assertThat(error(t.api("GET", path, null, null, null), 401)).contains("sign in as the owner");
        }
        String[][] writes = {
            {"PUT", "/api/apps/shop/kv/entry?key=user:1", "{\"value\":1}"},
            {"DELETE", "/api/apps/shop/kv/entry?key=user:1", null},
            {"PUT", "/api/apps/shop/docs/entry?collection=orders&id=o1", "{\"total\":0}"},
            {"DELETE", "/api/apps/shop/docs/entry?collection=orders&id=o1", null},
            {"DELETE", "/api/apps/shop/blobs/entry?path=img/logo.svg", null},
        };
        for (String[] w : writes) {
            assertThat(error(send(w[0], w[1], deploy, w[2]), 403)).as(w[1]).contains("this key has scope deploy", "needs admin");
            assertThat(error(send(w[0], w[1], read, w[2]), 403)).as(w[1]).contains("this key has scope read");
            assertThat(error(send(w[0], w[1], null, w[2]), 401)).as(w[1]).contains("sign in");
        }
        assertThat(data(get("/api/apps/shop/kv/entry?key=user:1")).get("value").toString()).isEqualTo("{\"name\":\"Ann\"}");
        assertThat(data(get("/api/apps/shop/docs/entry?collection=orders&id=o1")).get("total").asInt()).isEqualTo(5);
        assertThat(get("/api/apps/shop/blobs/entry?path=img/logo.svg").statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedInWords() {
        assertThat(error(get("/api/apps/shop/docs?collection=orders&query=" + q("{\"status\": open}")), 400))
                .startsWith("the query is not valid JSON at line 1, column 12");
        assertThat(error(get("/api/apps/shop/docs?collection=orders&sort=" + q("{\"total\": 2}")), 400)).contains("must be 1, -1");
        assertThat(error(get("/api/apps/shop/docs?collection=orders&query=" + q("{\"a\":{\"$where\":1}}")), 400))
                .contains("unknown operator '$where'");
        assertThat(error(get("/api/apps/shop/docs?query=%7B%7D"), 400)).isEqualTo("collection is required: add ?collection=… to the URL");
        for (String path : new String[] {"/api/apps/shop/kv?limit=1001", "/api/apps/shop/blobs?limit=0",
                "/api/apps/shop/docs?collection=orders&limit=5000"}) {
            assertThat(error(get(path), 400)).as(path).contains("limit must be 1-1000");
        }
        assertThat(error(get("/api/apps/shop/kv?limit=ten"), 400)).isEqualTo("limit must be a whole number, not 'ten'");
        assertThat(error(get("/api/apps/shop/docs?collection=orders&offset=-1"), 400)).contains("offset must not be negative");

        assertThat(error(get("/api/apps/nope/kv"), 404)).isEqualTo("no app 'nope'");
        assertThat(error(get("/api/apps/nope/docs/export?collection=orders"), 404)).isEqualTo("no app 'nope'");
        assertThat(error(send("PUT", "/api/apps/nope/kv/entry?key=k", admin, "{\"value\":1}"), 404)).isEqualTo("no app 'nope'");
        assertThat(error(get("/api/apps/shop/kv/entry?key=missing"), 404)).isEqualTo("app 'shop' has no key 'missing' (or it has expired)");
        assertThat(error(send("DELETE", "/api/apps/shop/kv/entry?key=missing", admin, null), 404)).contains("has no key 'missing'");
        assertThat(error(get("/api/apps/shop/docs/entry?collection=orders&id=o9"), 404))
                .isEqualTo("app 'shop' has no document 'o9' in collection 'orders'");
        assertThat(error(send("PUT", "/api/apps/shop/docs/entry?collection=orders&id=o9", admin, "{}"), 404)).contains("no document 'o9'");
        assertThat(error(send("DELETE", "/api/apps/shop/docs/entry?collection=orders&id=o9", admin, null), 404)).contains("no document 'o9'");
        assertThat(error(get("/api/apps/shop/blobs/entry?path=img/none.png"), 404)).isEqualTo("app 'shop' has no blob 'img/none.png'");
        assertThat(error(send("DELETE", "/api/apps/shop/blobs/entry?path=img/none.png", admin, null), 404)).contains("no blob");
        assertThat(error(get("/api/apps/shop/kv/entry"), 400)).contains("key is required");
        assertThat(error(get("/api/apps/shop/blobs/entry"), 400)).contains("path is required");

        assertThat(error(send("PUT", "/api/apps/shop/kv/entry?key=k", admin, "{\"ttl_ms\":5}"), 400)).contains("the body needs a value");
        assertThat(error(send("PUT", "/api/apps/shop/kv/entry?key=k", admin, "{\"value\":1,\"ttl_ms\":\"soon\"}"), 400))
                .contains("ttl_ms must be a whole number");
        assertThat(error(send("PUT", "/api/apps/shop/kv/entry?key=k", admin, "{\"value\":1,\"ttl_ms\":-5}"), 400))
                .contains("ttl must be a positive number");
        assertThat(error(send("PUT", "/api/apps/shop/kv/entry?key=k", admin, "{\"value\":"), 400)).startsWith("the body is not valid JSON");
        assertThat(error(send("PUT", "/api/apps/shop/kv/entry?key=" + "k".repeat(1025), admin, "{\"value\":1}"), 400))
                .contains("a key must be 1-1024 characters");
        assertThat(error(send("PUT", "/api/apps/shop/kv/entry?key=big", admin, "{\"value\":\"" + "x".repeat(1024 * 1024) + "\"}"), 400))
                .contains("the limit is 1 MB");
        assertThat(error(send("PUT", "/api/apps/shop/kv/entry?key=huge", admin, "{\"value\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}"), 413))
                .isNotEmpty();
        assertThat(error(send("PUT", "/api/apps/shop/docs/entry?collection=orders&id=o1", admin, "[1]"), 400)).contains("JSON object");
        assertThat(error(send("PUT", "/api/apps/shop/docs/entry?collection=orders&id=o1", admin, "{\"id\":\"o7\"}"), 400))
                .contains("an id cannot change");
        assertThat(t.fazt.kv().get(t.fazt.apps().get("shop").id(), "k")).isEmpty();
    }

    @Test
    void pathsAndKeysCannotReachOutsideTheApp() {
        for (String path : new String[] {"../other/secret", "img/../../other", "/etc/passwd", "img/..", ".."}) {
            assertThat(error(get("/api/apps/shop/blobs/entry?path=" + q(path)), 400)).as(path).contains("blob path");
            assertThat(error(send("DELETE", "/api/apps/shop/blobs/entry?path=" + q(path), admin, null), 400)).as(path).contains("blob path");
        }
        for (String key : new String[] {"../other/secret", "secret", "../../kv/secret"}) {
            assertThat(error(get("/api/apps/shop/kv/entry?key=" + q(key)), 404)).as(key).contains("app 'shop' has no key");
        }
        assertThat(json(get("/api/apps/shop/kv?prefix=sec")).get("data")).isEmpty();
        assertThat(data(get("/api/apps/other/kv/entry?key=secret")).get("value").asText()).isEqualTo("theirs");
        // an encoded dot segment or slash never reaches a route: Jetty refuses the URL itself
        assertThat(t.raw("GET /api/apps/shop/%2e%2e/other/kv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(t.raw("GET /api/apps/shop%2F..%2Fother/kv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
    }
}
