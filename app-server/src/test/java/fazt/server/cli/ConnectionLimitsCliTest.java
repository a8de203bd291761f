package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.server.TestInstance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt server set-config --http-*}: the connection limits stored through a running instance, and a bad one refused. */
class ConnectionLimitsCliTest {
    @TempDir
    Path dir;

    @Test
    void setConfigStoresTheConnectionLimitsAndRefusesOnesThatCannotWork() {
        try (TestInstance t = new TestInstance(dir.resolve("live"), Map.of())) {
            String data = t.dir.toString();
            CliTest.Run set = fazt("server", "set-config", "--http-max-connections-per-ip", "64", "--http-header-timeout-ms", "5000",
                    "--http-idle-timeout-ms", "15000", "--http-body-timeout-ms", "8000", "--http-body-min-rate", "0", "--data", data);
            assertThat(set.code()).as(set.err()).isZero();
            assertThat(set.out()).contains("http_max_connections_per_ip = 64", "http_header_timeout_ms = 5000",
                    "http_idle_timeout_ms = 15000", "http_body_timeout_ms = 8000", "http_body_min_rate = 0");
            assertThat(t.fazt.config().getInt("http_max_connections_per_ip")).isEqualTo(64);

            CliTest.Run bad = fazt("server", "set-config", "--http-max-connections-per-ip", "0", "--data", data);
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).contains("setting http_max_connections_per_ip must be from 1 to 2147483647, not 0");
            assertThat(t.fazt.config().getInt("http_max_connections_per_ip")).isEqualTo(64);
        }
    }
}
