package fazt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.db.Database;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentBeatStoredBeatDefaults() {
        try (Database db = Database.open(dir.resolve("data.db"))) {
            Config none = new Config(db, Map.of(), Map.of());
            assertThat(none.get("port")).isEqualTo("4698");
            none.store("port", "5000");
            assertThat(none.get("port")).isEqualTo("5000");
            none.store("port", "0"); // any free port, as --port 0 asks
            assertThat(none.get("port")).isEqualTo("0");
            assertThatThrownBy(() -> none.store("port", "-1")).hasMessageContaining("from 0 to 65535");
            assertThat(new Config(db, Map.of(), Map.of("FAZT_PORT", "6000")).get("port")).isEqualTo("6000");
            assertThat(new Config(db, Map.of("port", "7000"), Map.of("FAZT_PORT", "6000")).get("port")).isEqualTo("7000");
            assertThatThrownBy(() -> none.store("prot", "1")).hasMessageContaining("unknown setting 'prot'");
            assertThatThrownBy(() -> none.storeAll(Map.of("versions_kept", "3", "prot", "1"))).hasMessageContaining("unknown setting 'prot'");
            assertThat(none.get("versions_kept")).as("nothing stored when one key is unknown").isEqualTo("10");
            assertThatThrownBy(() -> none.store("versions_kept", "abc")).hasMessageContaining("versions_kept must be a whole number");
            assertThatThrownBy(() -> none.storeAll(Map.of("versions_kept", "3", "analytics_retention_days", "0")))
                    .hasMessageContaining("analytics_retention_days must be from 1");
            assertThat(none.get("versions_kept")).as("nothing stored when one value is refused").isEqualTo("10");
            assertThatThrownBy(() -> none.store("domain", "https://example.com/")).hasMessageContaining("host name like example.com");
            assertThatThrownBy(() -> none.store("trusted_proxies", "10.0.0.1, proxy.lan")).hasMessageContaining("'proxy.lan' is neither");
            assertThatThrownBy(() -> none.store("dev_login", "yes")).hasMessageContaining("true or false");
            assertThatThrownBy(() -> none.store("desktop_on_close", "hide")).hasMessageContaining("must be ask, background");
            none.storeAll(Map.of("domain", "Example.com", "trusted_proxies", "10.0.0.1, 192.168.0.0/16, fd00::/8", "functions_queue", "0"));
            assertThat(none.get("trusted_proxies")).isEqualTo("10.0.0.1, 192.168.0.0/16, fd00::/8");
            Config stored = new Config(db, Map.of(), Map.of());
            stored.store("functions_timeout_ms", "2500");
            assertThat(new Config(db, Map.of(), Map.of()).getInt("functions_timeout_ms")).isEqualTo(2500);
        }
    }

    @Test
    void aDerivedValueIsWorkedOutAgainOnlyAfterAStore() {
        try (Database db = Database.open(dir.resolve("data.db"))) {
            Config config = new Config(db, Map.of(), Map.of());
            java.util.concurrent.atomic.AtomicInteger workedOut = new java.util.concurrent.atomic.AtomicInteger();
            java.util.function.Supplier<Long> timeout = config.derived(c -> {
                workedOut.incrementAndGet();
                return c.getLong("functions_timeout_ms");
            });
            assertThat(timeout.get()).isEqualTo(5000L);
            assertThat(timeout.get()).isEqualTo(5000L);
            assertThat(workedOut).hasValue(1);
            config.store("functions_timeout_ms", "2500");
            assertThat(timeout.get()).as("a store is seen at once").isEqualTo(2500L);
            assertThat(timeout.get()).isEqualTo(2500L);
            assertThat(workedOut).hasValue(2);
        }
    }

    @Test
    void plainHttpDefaultsToPort80OnlyWhenHttpsIsOn() {
        try (Database db = Database.open(dir.resolve("data.db"))) {
            assertThat(new Config(db, Map.of("https", "off"), Map.of()).get("port")).isEqualTo("4698");
            assertThat(new Config(db, Map.of("https", "auto"), Map.of()).get("port")).isEqualTo("80");
            assertThat(new Config(db, Map.of(), Map.of("FAZT_HTTPS", "manual")).get("port")).isEqualTo("80");
            assertThat(new Config(db, Map.of("https", "auto", "port", "8080"), Map.of()).get("port"))
                    .as("a port given wins").isEqualTo("8080");
            Config stored = new Config(db, Map.of(), Map.of());
            stored.store("https", "auto");
            assertThat(new Config(db, Map.of(), Map.of()).get("port")).as("https stored in data.db").isEqualTo("80");
            stored.store("port", "8081");
            assertThat(new Config(db, Map.of(), Map.of()).get("port")).as("a stored port wins").isEqualTo("8081");
            assertThat(new Config(db, Map.of("https", "off"), Map.of()).get("port")).isEqualTo("8081");
        }
    }

    @Test
    void dataPathRules() {
        assertThat(DataPaths.resolve(dir.toString(), Map.of())).isEqualTo(dir.resolve("data.db").toAbsolutePath());
        assertThat(DataPaths.resolve(null, Map.of("FAZT_DATA", dir.resolve("x.db").toString())))
                .isEqualTo(dir.resolve("x.db").toAbsolutePath());
        assertThat(DataPaths.resolve(null, Map.of()).getFileName().toString()).isEqualTo("data.db");
    }
}
