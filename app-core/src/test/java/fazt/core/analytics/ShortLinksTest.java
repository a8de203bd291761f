package fazt.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShortLinksTest {
    final TempFazt t = new TempFazt();
    final ShortLinks redirects = t.fazt.analytics().shortLinks();

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void setClickRepointAndRemove() {
        redirects.set("launch", "https://example.com/launch?x=1");
        assertThat(redirects.click("launch")).contains("https://example.com/launch?x=1");
        assertThat(redirects.click("launch")).isPresent();
        redirects.set("launch", "http://example.org/");
        assertThat(redirects.list()).singleElement().satisfies(r -> {
            assertThat(r.destination()).isEqualTo("http://example.org/");
            assertThat(r.clicks()).isEqualTo(2);
        });
        redirects.remove("launch");
        assertThat(redirects.list()).isEmpty();
        assertThat(redirects.click("launch")).isEmpty();
        assertThatThrownBy(() -> redirects.remove("launch")).hasMessageContaining("no redirect 'launch'");
    }

    @Test
    void clicksWaitInMemoryAndUnknownSlugsChangeNothing() {
        redirects.set("launch", "https://example.com/launch");
        try (ShortLinks unflushed = new ShortLinks(t.fazt.database(), Duration.ofDays(1))) {
            for (int i = 0; i < 3; i++) assertThat(unflushed.click("launch")).contains("https://example.com/launch");
            assertThat(unflushed.click("nope")).isEmpty();
            assertThat(redirects.list()).singleElement().satisfies(r -> assertThat(r.clicks()).as("no write per click").isZero());
        }
        assertThat(redirects.list()).singleElement().satisfies(r -> {
            assertThat(r.slug()).isEqualTo("launch");
            assertThat(r.clicks()).as("stored when closed").isEqualTo(3);
        });
    }

    @Test
    void badSlugsAndDestinationsAreRefused() {
        assertThatThrownBy(() -> redirects.set("Big", "https://e.com")).isInstanceOf(FaztException.class).hasMessageContaining("slug must be");
        assertThatThrownBy(() -> redirects.set("a".repeat(65), "https://e.com")).hasMessageContaining("slug must be");
        assertThatThrownBy(() -> redirects.set("a/b", "https://e.com")).hasMessageContaining("slug must be");
        assertThatThrownBy(() -> redirects.set("ok", "javascript:alert(1)")).hasMessageContaining("must start with http:// or https://");
        assertThatThrownBy(() -> redirects.set("ok", "/relative")).hasMessageContaining("must start with http:// or https://");
        assertThatThrownBy(() -> redirects.set("ok", "https://")).hasMessageContaining("url");
        assertThatThrownBy(() -> redirects.set("ok", "")).hasMessageContaining("url is required");
        assertThatThrownBy(() -> redirects.set("ok", "https://e.com/" + "x".repeat(3000))).hasMessageContaining("longer than 2048");
        assertThat(redirects.list()).isEmpty();
        assertThat(redirects.click("NOT valid")).isEmpty();
    }
}
