package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.LocalNode;
import fazt.core.Node;
import fazt.core.identity.Scope;
import fazt.core.peers.RemoteNode;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import fazt.core.storage.KeyPage;
import fazt.core.storage.Kv;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A peer's app data through {@link RemoteNode}: the same answers as the peer's own {@link LocalNode}, and the same errors. */
class StorageOverPeerTest {
    @Test
    void aPeersAppDataReadsAndEditsLikeTheLocalNode() throws Exception {
        try (TestInstance b = new TestInstance()) {
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("index.html", "shop");
            files.put("api/main.js", fazt.server.admin.StorageApiTestShop.SHOP);
            assertThat(b.deploy("shop", TestInstance.zip(files)).statusCode()).isEqualTo(200);
            assertThat(b.get("shop.localhost", "/api?do=seed").statusCode()).isEqualTo(200);
            String token = b.fazt.apiKeys().create("peer a", Scope.ADMIN).token();
            Node remote = RemoteNode.peer("b", URI.create("http://127.0.0.1:" + b.port()), token, (status, version) -> { });
            Node local = new LocalNode(b.fazt);

            KeyPage<Kv.Entry> first = remote.kvEntries("shop", null, null, 2);
            assertThat(first).isEqualTo(local.kvEntries("shop", null, null, 2));
            assertThat(first.next()).isEqualTo(first.items().get(1).key());
            assertThat(remote.kvEntries("shop", "user:", first.next(), 10)).isEqualTo(local.kvEntries("shop", "user:", first.next(), 10));
            assertThat(remote.kvEntry("shop", "user:2").expiresAt()).isNotNull().isEqualTo(local.kvEntry("shop", "user:2").expiresAt());
            Kv.Entry set = remote.setKvEntry("shop", "count", IntNode.valueOf(3), 60_000L);
            assertThat(local.kvEntry("shop", "count")).isEqualTo(set);
            remote.removeKvEntry("shop", "count");

            assertThat(remote.collections("shop")).isEqualTo(local.collections("shop")).contains(new Docs.Collection("orders", 3));
            Docs.Page page = remote.docs("shop", "orders", "{\"status\":\"open\"}", "-total", 1, 1);
            assertThat(page).isEqualTo(local.docs("shop", "orders", "{\"status\":\"open\"}", "-total", 1, 1));
            assertThat(page.total()).isEqualTo(2);
            ObjectNode changed = (ObjectNode) Json.MAPPER.readTree("{\"total\":7}");
            assertThat(remote.replaceDoc("shop", "orders", "o/2", changed)).isEqualTo(local.doc("shop", "orders", "o/2"));
            assertThat(remote.doc("shop", "orders", "o/2").get("total").asInt()).isEqualTo(7);
            assertThat(remote.exportDocs("shop", "orders")).isEqualTo(local.exportDocs("shop", "orders"));
            remote.removeDoc("shop", "orders", "o3");
            assertThat(local.docs("shop", "orders", null, null, null, null).total()).isEqualTo(2);

            assertThat(remote.blobs("shop", "notes/", null, null)).isEqualTo(local.blobs("shop", "notes/", null, null));
            Blobs.Blob there = local.blob("shop", "notes/a b%.txt");
            Blobs.Blob got = remote.blob("shop", "notes/a b%.txt");
            assertThat(got.data()).isEqualTo(there.data());
            assertThat(got).extracting(Blobs.Blob::mime, Blobs.Blob::size, Blobs.Blob::hash)
                    .containsExactly(there.mime(), there.size(), there.hash());
            assertThat(got.updatedAt()).isEqualTo(there.updatedAt() / 1000 * 1000);
            remote.removeBlob("shop", "notes/a b%.txt");

            assertThatThrownBy(() -> remote.blob("shop", "notes/a b%.txt")).isInstanceOfSatisfying(FaztException.class, e -> {
                assertThat(e.kind()).isEqualTo(FaztException.Kind.NOT_FOUND);
                assertThat(e.getMessage()).isEqualTo("app 'shop' has no blob 'notes/a b%.txt'");
            });
            assertThatThrownBy(() -> remote.docs("shop", "orders", "{oops", null, null, null))
                    .hasMessageStartingWith("the query is not valid JSON at line 1, column 2");
            assertThatThrownBy(() -> remote.kvEntries("shop", null, null, 5000)).hasMessageContaining("limit must be 1-1000");
            assertThatThrownBy(() -> remote.kvEntry("nope", "k")).hasMessage("no app 'nope'");
        }
    }
}
