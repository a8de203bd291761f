package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fazt.core.Fazt;
import fazt.core.apps.Alias;
import fazt.core.apps.Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * Host header parsing under arbitrary input (docs/testing.md): whatever the header, routing
 * answers without an exception; only the admin host names reach the admin API; an app is reached
 * only through an alias that exists; and case, a trailing dot and a port never change where a
 * name goes.
 */
class HostRouterFuzzTest {
    private static final Set<String> ADMIN_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "admin.fazt.test",
            "admin.localhost");
    private static final Fazt FAZT = instance();
    private static final HostRouter ROUTER = new HostRouter(FAZT);

    @AfterAll
    static void close() {
        FAZT.close();
    }

    @FuzzTest(maxDuration = "5m")
    void anyHostHeaderRoutesSafely(FuzzedDataProvider data) {
        boolean underBase = data.consumeBoolean();
        String raw = data.consumeRemainingAsString();
        String header = underBase ? raw + ".fazt.test" : raw;
        HostRouter.Destination where = ROUTER.route(header);
        assertThat(where).isNotNull();
        String host = HostRouter.hostName(header);
        if (where instanceof HostRouter.Admin) assertThat(ADMIN_HOSTS).contains(host);
        if (where instanceof HostRouter.App app) {
            assertThat(FAZT.apps().list()).anyMatch(a -> a.id().equals(app.appId()));
        }
        if (isPlainName(header)) {
            assertThat(ROUTER.route(header.toUpperCase(Locale.ROOT))).isEqualTo(where);
            assertThat(ROUTER.route(header + ".")).isEqualTo(where);
            assertThat(ROUTER.route(header + ":8080")).isEqualTo(where);
        }
    }

    /** ASCII letters, digits, dots and hyphens: the names whose case, dot and port variants must agree. */
    private static boolean isPlainName(String header) {
        return !header.isEmpty() && !header.endsWith(".") && header.length() < 200
                && header.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-'));
    }

    private static Fazt instance() {
        try {
            var dir = Files.createTempDirectory("fazt-host-fuzz");
            dir.toFile().deleteOnExit();
            Fazt fazt = Fazt.open(dir.resolve("data.db"), Map.of("domain", "fazt.test"), Map.of());
            fazt.apps().deploy("site", Bundle.of(Map.of("index.html", "hi".getBytes(StandardCharsets.UTF_8))), false);
            fazt.apps().deploy("root", Bundle.of(Map.of("index.html", "landing".getBytes(StandardCharsets.UTF_8))), false);
            fazt.aliases().set("go", Alias.REDIRECT, "https://example.org/");
            return fazt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
