package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's fetch settings through {@code fazt server set-config}: stored, and checked in words. */
class FetchSettingsCliTest {
    @TempDir
    Path dir;

    @Test
    void fetchSettingsAreStoredAndChecked() {
        String db = dir.resolve("data.db").toString();
        CliTest.Run stored = fazt("server", "set-config", "--fetch-allow-private", "192.168.1.20, 10.8.0.0/16", "--fetch-timeout-ms",
                "2500", "--fetch-max-response-bytes", "1048576", "--fetch-concurrency", "2", "--data", db);
        assertThat(stored.code()).as(stored.err()).isZero();
        assertThat(stored.out()).contains("fetch_allow_private = 192.168.1.20, 10.8.0.0/16").contains("fetch_timeout_ms = 2500")
                .contains("fetch_max_response_bytes = 1048576").contains("fetch_concurrency = 2");

        CliTest.Run badRange = fazt("server", "set-config", "--fetch-allow-private", "intranet.local", "--data", db);
        assertThat(badRange.code()).isEqualTo(1);
        assertThat(badRange.err()).contains("setting fetch_allow_private is a comma-separated list of addresses or ranges")
                .contains("'intranet.local' is neither");
        CliTest.Run badCap = fazt("server", "set-config", "--fetch-concurrency", "0", "--data", db);
        assertThat(badCap.code()).isEqualTo(1);
        assertThat(badCap.err()).contains("setting fetch_concurrency must be from 1");

        assertThat(fazt("server", "set-config", "--fetch-allow-private", "", "--data", db).out()).contains("fetch_allow_private = \n");
    }
}
