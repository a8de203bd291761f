package fazt.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin address printed next to a pairing code, which the owner pastes into {@code fazt peer add}. */
class ServerRunnerTest {
    @Test
    void theAdminAddressIsHttpsWhenTheInstanceServesIt() {
        assertThat(ServerRunner.adminUrl("example.com", 80, 443)).isEqualTo("https://admin.example.com");
        assertThat(ServerRunner.adminUrl("example.com", 8080, 8443)).isEqualTo("https://admin.example.com:8443");
        assertThat(ServerRunner.adminUrl("example.com", 4698, 0)).isEqualTo("http://admin.example.com:4698");
        assertThat(ServerRunner.adminUrl("localhost", 4698, 443)).as("no certificate for localhost").isEqualTo("http://localhost:4698");
    }

    @Test
    void theHttpsPortComesFromTheSettings() {
        assertThat(ServerRunner.httpsPort(Map.of("https", "off", "https_port", "443"))).isZero();
        assertThat(ServerRunner.httpsPort(Map.of("https", "auto", "https_port", "443"))).isEqualTo(443);
        assertThat(ServerRunner.httpsPort(Map.of("https", "manual", "https_port", "8443"))).isEqualTo(8443);
        assertThat(ServerRunner.httpsPort(Map.of())).as("https is off by default").isZero();
    }
}
