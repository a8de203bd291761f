package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "blog", "my-app", "a1", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc"})
    void acceptsValidNames(String name) {
        assertThatCode(() -> AppNames.checkDeployable(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "A", "my_app", "a.b", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd", "ü"})
    void rejectsInvalidNames(String name) {
        assertThatThrownBy(() -> AppNames.checkDeployable(name)).hasMessageContaining("invalid name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "api", "www", "mail", "ftp", "smtp", "pop", "imap", "ns1", "ns2", "localhost"})
    void rejectsReservedNames(String name) {
        assertThatThrownBy(() -> AppNames.checkDeployable(name)).hasMessageContaining("reserved");
    }

    @Test
    void systemAppsDeployButAreNoAliases() {
        assertThatCode(() -> AppNames.checkDeployable("root")).doesNotThrowAnyException();
        assertThatCode(() -> AppNames.checkDeployable("404")).doesNotThrowAnyException();
        assertThatThrownBy(() -> AppNames.checkAlias("root")).hasMessageContaining("reserved");
    }

    @Test
    void stripsTheBaseDomainSuffix() {
        assertThat(AppNames.normalize("Blog.example.com", List.of("example.com", "localhost"))).isEqualTo("blog");
        assertThat(AppNames.normalize("blog.localhost", List.of("example.com", "localhost"))).isEqualTo("blog");
    }
}
