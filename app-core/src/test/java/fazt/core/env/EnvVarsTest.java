package fazt.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import fazt.core.apps.Bundle;
import fazt.core.logs.LogHub;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-app variables of SPEC §4.2, on a real data.db. */
class EnvVarsTest {
    final TempFazt t = new TempFazt();
    final EnvVars env = t.fazt.envVars();
    final String blog = deploy("blog");
    final String shop = deploy("shop");

    @AfterEach
    void close() {
        t.close();
    }

    String deploy(String name) {
        return t.fazt.apps().deploy(name, Bundle.of(Map.of("index.html", name.getBytes(StandardCharsets.UTF_8))), false).id();
    }

    int rows() {
        return t.fazt.database().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM env_vars")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void setReadReplaceAndRemovePerApp() {
        assertThat(env.all(blog)).isEmpty();
        env.set(blog, "ZED", "last");
        env.set(blog, "API_KEY", "k1");
        env.set(blog, "_empty", "");
        env.set(shop, "API_KEY", "shop-key");
        assertThat(env.all(blog)).containsExactly(Map.entry("API_KEY", "k1"), Map.entry("ZED", "last"), Map.entry("_empty", ""));
        env.set(blog, "API_KEY", "k2");
        assertThat(env.all(blog)).containsEntry("API_KEY", "k2");
        assertThat(env.all(shop)).containsExactly(Map.entry("API_KEY", "shop-key"));
        assertThat(env.remove(blog, "ZED")).isTrue();
        assertThat(env.remove(blog, "ZED")).isFalse();
        assertThat(env.all(blog)).doesNotContainKey("ZED");
        assertThatThrownBy(() -> env.all(blog).put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsComeFromMemoryUntilAChange() {
        env.set(blog, "A", "1");
        Map<String, String> first = env.all(blog);
        assertThat(env.all(blog)).isSameAs(first);
        env.set(blog, "A", "2");
        assertThat(env.all(blog)).isNotSameAs(first).containsEntry("A", "2");
    }

    @Test
    void badKeysAndValuesAreRefusedAndNothingIsStored() {
        for (String bad : new String[] {"", "1ABC", "with-dash", "space key", "dot.ted", "é", "A".repeat(129), null}) {
            assertThatThrownBy(() -> env.set(blog, bad, "v")).isInstanceOf(FaztException.class)
                    .hasMessageContaining("is not allowed");
        }
        env.set(blog, "A".repeat(128), "longest name");
        String big = "x".repeat(EnvVars.MAX_VALUE_BYTES + 1);
        assertThatThrownBy(() -> env.set(blog, "BIG", big)).isInstanceOf(FaztException.class)
                .hasMessageContaining("32769 bytes").hasMessageNotContaining("xxxx");
        assertThatThrownBy(() -> env.set(blog, "NONE", null)).hasMessageContaining("needs a value");
        env.set(blog, "FITS", "x".repeat(EnvVars.MAX_VALUE_BYTES));
        assertThat(env.all(blog).keySet()).containsExactly("A".repeat(128), "FITS");
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void deletingTheAppOrCallingDeleteAppRemovesItsVariables() {
        env.set(blog, "A", "1");
        env.set(shop, "B", "2");
        env.deleteApp(blog);
        assertThat(env.all(blog)).isEmpty();
        assertThat(env.all(shop)).containsEntry("B", "2");
        t.fazt.apps().delete("shop"); // rows go with the app even before deleteApp is called
        assertThat(rows()).isZero();
    }

    @Test
    void valuesNeverReachTheLog() {
        env.set(blog, "SECRET_TOKEN", "s3cr3t-v4lue-91x");
        env.remove(blog, "SECRET_TOKEN");
        assertThat(LogHub.shared().recent(2000)).noneSatisfy(e -> assertThat(e.message()).contains("s3cr3t-v4lue-91x"));
    }
}
