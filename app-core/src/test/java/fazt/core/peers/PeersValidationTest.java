package fazt.core.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import org.junit.jupiter.api.Test;

/** What the registry accepts as a peer's name and URL, and what it says otherwise. */
class PeersValidationTest {
    @Test
    void namesAreShortAndPlain() {
        Peers.checkName("home");
        Peers.checkName("vps-1.eu_west");
        for (String bad : new String[] {"", "-x", "has space", "a/b", "x".repeat(41)}) {
            assertThatThrownBy(() -> Peers.checkName(bad)).as(bad).isInstanceOf(FaztException.class).hasMessageContaining("peer name");
        }
        assertThatThrownBy(() -> Peers.checkName(null)).hasMessageContaining("peer name");
    }

    @Test
    void urlsAreTheAddressOfAnInstanceOverHttpOrHttps() {
        assertThat(Peers.checkUrl("https://admin.example.com/").toString()).isEqualTo("https://admin.example.com");
        assertThat(Peers.checkUrl("HTTP://10.0.0.5:4698").toString()).isEqualTo("http://10.0.0.5:4698");
        assertThatThrownBy(() -> Peers.checkUrl("ftp://x.example")).hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> Peers.checkUrl("admin.example.com")).hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> Peers.checkUrl("https://x.example/fazt")).hasMessageContaining("has a path");
        assertThatThrownBy(() -> Peers.checkUrl("https://me:pw@x.example")).hasMessageContaining("no user or password");
        assertThatThrownBy(() -> Peers.checkUrl("http://bad host")).hasMessageContaining("is not a URL");
        assertThatThrownBy(() -> Peers.checkUrl(" ")).hasMessageContaining("URL is missing");
    }

    @Test
    void anEmptyRegistrySaysHowToLinkAndUnknownNamesAreRefused() {
        try (TempFazt t = new TempFazt()) {
            Peers peers = t.fazt.peers();
            assertThat(peers.list()).isEmpty();
            assertThatThrownBy(() -> peers.resolve(null)).hasMessageContaining("no peers are linked yet", "fazt peer add");
            assertThatThrownBy(() -> peers.get("home")).hasMessageContaining("no peer named 'home'");
            assertThatThrownBy(() -> peers.remove("home")).hasMessageContaining("no peer named 'home'");
            assertThatThrownBy(() -> t.fazt.peerLinking().add("home", "http://127.0.0.1:1", null, null)).hasMessageContaining("not neither");
            assertThatThrownBy(() -> t.fazt.peerLinking().add("home", "http://127.0.0.1:1", "K7QF-9XZ2", "fzt_x")).hasMessageContaining("not both");
            assertThatThrownBy(() -> t.fazt.peerLinking().add("home", "http://127.0.0.1:1", "nope", null)).hasMessageContaining("not a pairing code");
        }
    }
}
