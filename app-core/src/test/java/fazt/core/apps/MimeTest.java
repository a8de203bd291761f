package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeTest {
    @Test
    void typesByExtension() {
        assertThat(Mime.forPath("index.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(Mime.forPath("a/b/app.JS")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(Mime.forPath("data.json")).isEqualTo("application/json; charset=utf-8");
        assertThat(Mime.forPath("logo.svg")).isEqualTo("image/svg+xml; charset=utf-8");
        assertThat(Mime.forPath("photo.jpeg")).isEqualTo("image/jpeg");
        assertThat(Mime.forPath("font.woff2")).isEqualTo("font/woff2");
        assertThat(Mime.forPath("mod.wasm")).isEqualTo("application/wasm");
        assertThat(Mime.forPath("README")).isEqualTo(Mime.DEFAULT);
        assertThat(Mime.forPath("dir.v2/file")).isEqualTo(Mime.DEFAULT);
        assertThat(Mime.forPath("x.unknownext")).isEqualTo(Mime.DEFAULT);
    }

    @Test
    void compressibleTypes() {
        assertThat(Mime.compressible("text/css; charset=utf-8")).isTrue();
        assertThat(Mime.compressible("image/png")).isFalse();
        assertThat(Mime.compressible("application/zip")).isFalse();
    }
}
