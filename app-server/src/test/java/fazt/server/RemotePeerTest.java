package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import fazt.core.FaztException;
import fazt.core.Version;
import fazt.core.peers.Peer;
import fazt.core.peers.PeerContact;
import fazt.core.peers.RemoteNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A peer's {@link RemoteNode}: real upload progress, the version check, what it reports to the registry. */
class RemotePeerTest {
    @Test
    void deployReportsUploadProgressInBytesOfTheZip() {
        try (TestInstance b = new TestInstance()) {
            String token = b.fazt.apiKeys().create("peer test", fazt.core.identity.Scope.ADMIN).token();
            List<String> contacts = new CopyOnWriteArrayList<>();
            RemoteNode node = RemoteNode.peer("b", URI.create("http://127.0.0.1:" + b.port()), token, (s, v) -> contacts.add(s));
            byte[] noise = new byte[3 * 1024 * 1024];
            new Random(7).nextBytes(noise); // incompressible, so the zip stays about this big
            byte[] zip = TestInstance.zip(Map.of("index.html", "big", "noise.bin", noise));
            List<Long> progress = new CopyOnWriteArrayList<>();
            assertThat(node.deploy("big", zip, null, progress::add).version()).isEqualTo(1);
            assertThat(progress).hasSizeGreaterThan(2).isSorted().last().isEqualTo((long) zip.length);
            assertThat(progress).allSatisfy(p -> assertThat(p).isBetween(0L, (long) zip.length));
            assertThat(contacts).contains(Peer.ONLINE).doesNotContain(Peer.OFFLINE);
            assertThat(node.appUrl("big")).isEqualTo("http://big." + b.fazt.baseDomains().get(0) + ":" + b.port());
        }
    }

    @Test
    void aPeerOnAnotherMajorMinorIsRefusedNamingBothVersions() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/api/system/health", ex -> {
            byte[] body = "{\"data\":{\"status\":\"ok\",\"version\":\"99.0.0\",\"base_domains\":[\"x.example\"]}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        fake.start();
        try {
            List<String> contacts = new CopyOnWriteArrayList<>();
            PeerContact contact = (s, v) -> contacts.add(s + " " + v);
            RemoteNode node = RemoteNode.peer("old", URI.create("http://127.0.0.1:" + fake.getAddress().getPort()), "fzt_t", contact);
            assertThatThrownBy(node::apps).isInstanceOfSatisfying(FaztException.class, e -> {
                assertThat(e.code()).isEqualTo("PEER_INCOMPATIBLE");
                assertThat(e.getMessage()).contains("'old'", "99.0.0", Version.get(), "major.minor");
            });
            assertThat(contacts).contains("incompatible 99.0.0");
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void theLocalInstanceKeepsItsOwnMessages() {
        RemoteNode local = new RemoteNode("local", URI.create("http://127.0.0.1:1"), "fzt_local_x");
        assertThatThrownBy(local::apps).hasMessageStartingWith("cannot reach local at http://127.0.0.1:1")
                .hasMessageNotContaining("peer status");
    }
}
