package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.apps.Alias;
import fazt.core.apps.Bundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each kind of Host header goes, under a real base domain and under localhost. */
class HostRouterTest {
    @TempDir
    Path dir;

    @Test
    void eachNameGoesWhereTheSpecSays() {
        try (Fazt fazt = Fazt.open(dir.resolve("data.db"), Map.of("domain", "fazt.test"), Map.of())) {
            fazt.apps().deploy("site", Bundle.of(Map.of("index.html", "hi".getBytes(StandardCharsets.UTF_8))), false);
            String site = fazt.apps().idForName("site").orElseThrow();
            fazt.aliases().set("go", Alias.REDIRECT, "https://example.org/");
            HostRouter router = new HostRouter(fazt);

            for (String admin : new String[] {"admin.fazt.test", "ADMIN.fazt.test.", "admin.fazt.test:8080", "admin.localhost", "localhost"}) {
                assertThat(router.route(admin)).as(admin).isInstanceOf(HostRouter.Admin.class);
            }
            assertThat(router.route("site.fazt.test")).isEqualTo(new HostRouter.App(site));
            assertThat(router.route("site.localhost:4698")).isEqualTo(new HostRouter.App(site));
            assertThat(router.route("go.fazt.test")).isEqualTo(new HostRouter.AliasRedirect("https://example.org/"));
            for (String nowhere : new String[] {"a.site.fazt.test", "xadmin.fazt.test", "admin.site.fazt.test", ".fazt.test",
                    "sitefazt.test", "fazt.test.example", "other.example", "", "admin."}) {
                assertThat(router.route(nowhere)).as("'%s'", nowhere).isInstanceOf(HostRouter.NotFound.class);
            }
        }
    }
}
