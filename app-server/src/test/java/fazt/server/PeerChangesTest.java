package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.FaztException;
import fazt.core.LocalNode;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeStream;
import fazt.core.identity.Scope;
import fazt.core.peers.PeerContact;
import fazt.core.peers.RemoteNode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code Node#followChanges}: this instance's changes through {@link LocalNode}, a linked peer's through its {@link RemoteNode}. */
class PeerChangesTest {
    /** The next change of {@code kind}, skipping others (linking and signing in make a few on the way); 10 s at most. */
    static Change next(BlockingQueue<Change> changes, String kind) throws InterruptedException {
        while (true) {
            Change c = changes.poll(10, TimeUnit.SECONDS);
            assertThat(c).as("a " + kind + " change within 10 s").isNotNull();
            if (c.kind().equals(kind)) return c;
        }
    }

    /** Waits (bounded) until {@code t} has {@code n} change readers: changes made before a stream is open are not its. */
    static void awaitReaders(TestInstance t, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.fazt.changes().readers() != n && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(t.fazt.changes().readers()).isEqualTo(n);
    }

    @Test
    void aLinkedPeersChangesReachThisInstanceThroughItsRemoteNode() throws Exception {
        try (TestInstance laptop = new TestInstance(); TestInstance server = new TestInstance()) {
            BlockingQueue<Change> own = new LinkedBlockingQueue<>();
            try (ChangeStream local = new LocalNode(laptop.fazt).followChanges(own::add)) {
                String code = server.fazt.pairing().mint().code();
                laptop.fazt.peerLinking().link("server", "http://127.0.0.1:" + server.port(), code);
                assertThat(next(own, "peer.linked").subject()).isEqualTo("server");
                laptop.fazt.peers().makeDefault("server");
                assertThat(next(own, "peer.default").subject()).isEqualTo("server");
            }

            RemoteNode peer = laptop.fazt.peers().node("server");
            BlockingQueue<Change> theirs = new LinkedBlockingQueue<>();
            ChangeStream remote = peer.followChanges(theirs::add);
            awaitReaders(server, 1);

            server.deploy("blog", TestInstance.zip(Map.of("index.html", "from their CLI")));
            Change deployed = next(theirs, "app.deployed");
            assertThat(deployed.app()).isEqualTo("blog");
            assertThat(deployed.subject()).isEqualTo("1");

            peer.deploy("blog", TestInstance.zip(Map.of("index.html", "from here")), null, n -> {});
            assertThat(next(theirs, "app.deployed").subject()).isEqualTo("2");
            server.fazt.aliases().set("home", "app", "blog");
            assertThat(next(theirs, "alias.set").subject()).isEqualTo("home");
            peer.swapAliases("home", "blog");
            assertThat(next(theirs, "alias.swapped").subject()).isEqualTo("home,blog");
            server.fazt.users().signInForDevelopment("ann@example.com", null);
            assertThat(next(theirs, "user.created").subject()).startsWith("usr");

            remote.close();
            assertThat(remote.done()).isCompleted().isNotCompletedExceptionally();
            awaitReadersAfterAChange(server);
        }
    }

    /** The server notices a client that left at its next write. */
    private static void awaitReadersAfterAChange(TestInstance t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (t.fazt.changes().readers() > 0 && System.nanoTime() < deadline) {
            t.fazt.config().store("versions_kept", "10");
            Thread.sleep(50);
        }
        assertThat(t.fazt.changes().readers()).isZero();
    }

    @Test
    void aPeerThatRefusesTheStreamEndsItWithItsReason() throws Exception {
        try (TestInstance server = new TestInstance()) {
            var key = server.fazt.apiKeys().create("laptop", Scope.ADMIN);
            RemoteNode peer = RemoteNode.peer("server", URI.create("http://127.0.0.1:" + server.port()), key.token(), PeerContact.IGNORE);
            peer.health(); // the version check passes while the key still works
            server.fazt.apiKeys().delete(key.key().id());
            ChangeStream refused = peer.followChanges(c -> {});
            assertThat(refused.done()).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                    .havingRootCause().isInstanceOf(FaztException.class).withMessageContaining("no longer accepts the key");
            refused.close();
        }
    }
}
