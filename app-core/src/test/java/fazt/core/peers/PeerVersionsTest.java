package fazt.core.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same major.minor manages each other; unnumbered builds talk to anything. */
class PeerVersionsTest {
    @Test
    void sameMajorMinorIsCompatible() {
        assertThat(PeerVersions.compatible("0.1.0", "0.1.7")).isTrue();
        assertThat(PeerVersions.compatible("0.1.0-SNAPSHOT", "0.1.2")).isTrue();
        assertThat(PeerVersions.compatible("1.4", "1.4.9")).isTrue();
        assertThat(PeerVersions.compatible("0.2.0", "0.1.0")).isFalse();
        assertThat(PeerVersions.compatible("1.1.0", "0.1.0")).isFalse();
        assertThat(PeerVersions.compatible("0.10.0", "0.1.0")).isFalse();
        assertThat(PeerVersions.compatible("dev", "0.1.0")).isTrue();
        assertThat(PeerVersions.compatible(null, "0.1.0")).isTrue();
    }

    @Test
    void theErrorNamesBothVersions() {
        assertThat(PeerVersions.incompatible("home", "0.2.0", "0.1.0").getMessage())
                .contains("'home'", "0.2.0", "0.1.0", "major.minor");
    }
}
