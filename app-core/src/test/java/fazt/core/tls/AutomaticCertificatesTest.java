package fazt.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import fazt.core.acme.AcmeSettings;
import fazt.core.apps.Alias;
import fazt.core.apps.Bundle;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which names {@code https auto} may order, and its settings; no CA is asked ({@code https} stays off). */
class AutomaticCertificatesTest {
    @Test
    void ordersOnlyTheBaseDomainAdminAppsAndAliases() {
        try (TempFazt t = new TempFazt(Map.of("domain", "example.com"))) {
            AutomaticCertificates auto = t.fazt.automaticCertificates();
            t.fazt.apps().deploy("blog", Bundle.of(Map.of("index.html", "hi".getBytes())), false);
            t.fazt.aliases().set("journal", Alias.APP, "blog");
            t.fazt.aliases().set("old", Alias.REDIRECT, "https://example.org/");
            t.fazt.aliases().set("held", Alias.RESERVED, null);

            assertThat(auto.mayOrder("example.com")).isTrue();
            assertThat(auto.mayOrder("admin.example.com")).isTrue();
            assertThat(auto.mayOrder("blog.example.com")).isTrue();
            assertThat(auto.mayOrder("BLOG.Example.com.")).isTrue();
            assertThat(auto.mayOrder("journal.example.com")).isTrue();
            assertThat(auto.mayOrder("old.example.com")).isTrue();

            assertThat(auto.mayOrder("held.example.com")).as("a reserved label serves nothing").isFalse();
            assertThat(auto.mayOrder("nosuch.example.com")).as("a name merely pointed at the box").isFalse();
            assertThat(auto.mayOrder("blog.example.org")).isFalse();
            assertThat(auto.mayOrder("a.blog.example.com")).isFalse();
            assertThat(auto.mayOrder("*.example.com")).isFalse();
            assertThat(auto.mayOrder("")).isFalse();
            assertThat(auto.mayOrder(null)).isFalse();
        }
    }

    @Test
    void aNewAppIsOrderableOnceDeployedAndNotAfterItIsDeleted() {
        try (TempFazt t = new TempFazt(Map.of("domain", "example.com"))) {
            AutomaticCertificates auto = t.fazt.automaticCertificates();
            assertThat(auto.mayOrder("shop.example.com")).isFalse();
            t.fazt.apps().deploy("shop", Bundle.of(Map.of("index.html", "hi".getBytes())), false);
            assertThat(auto.mayOrder("shop.example.com")).isTrue();
            t.fazt.apps().delete("shop");
            assertThat(auto.mayOrder("shop.example.com")).isFalse();
        }
    }

    @Test
    void aLocalhostOrAddressBaseDomainHasNothingToOrder() {
        try (TempFazt t = new TempFazt(Map.of("domain", "localhost"))) {
            assertThat(t.fazt.automaticCertificates().wantedNames()).isEmpty();
            assertThat(t.fazt.automaticCertificates().mayOrder("admin.localhost")).isFalse();
        }
        try (TempFazt t = new TempFazt(Map.of("domain", "192.168.1.20"))) {
            assertThat(t.fazt.automaticCertificates().wantedNames()).isEmpty();
        }
    }

    @Test
    void acmeSettingsAreReadFromConfigAndCheckedInWords() throws Exception {
        try (TempFazt t = new TempFazt()) {
            assertThat(AutomaticCertificates.settings(t.fazt.config()).directory().toString()).isEqualTo(AcmeSettings.LETS_ENCRYPT);
            var ca = t.dir.resolve("ca.pem");
            Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
            t.fazt.config().storeAll(Map.of("acme_directory", "https://ca.example/dir", "acme_email", "me@example.com",
                    "acme_ca_file", ca.toString()));
            AcmeSettings now = AutomaticCertificates.settings(t.fazt.config());
            assertThat(now.directory().toString()).isEqualTo("https://ca.example/dir");
            assertThat(now.email()).contains("me@example.com");
            assertThat(now.trustedCaPem()).isPresent();

            assertThatThrownBy(() -> t.fazt.config().store("acme_directory", "ftp://ca.example"))
                    .isInstanceOf(FaztException.class).hasMessageContaining("setting acme_directory").hasMessageContaining("https://");
            assertThatThrownBy(() -> t.fazt.config().store("acme_email", "not an address"))
                    .isInstanceOf(FaztException.class).hasMessageContaining("setting acme_email").hasMessageContaining("email");
            assertThatThrownBy(() -> t.fazt.config().store("acme_ca_file", t.dir.resolve("missing.pem").toString()))
                    .isInstanceOf(FaztException.class).hasMessageContaining("setting acme_ca_file").hasMessageContaining("no file");
            Files.writeString(ca, "not a certificate");
            assertThatThrownBy(() -> t.fazt.config().store("acme_ca_file", ca.toString()))
                    .isInstanceOf(FaztException.class).hasMessageContaining("no PEM certificate");
        }
    }

    @Test
    void healthCountsCertificatesByState() {
        try (TempFazt t = new TempFazt(Map.of("domain", "example.com", "https", "manual"))) {
            t.fazt.certificates().markPending("blog.example.com");
            t.fazt.certificates().markFailed("admin.example.com", "the CA said no");
            var summary = t.fazt.health().certificates();
            assertThat(summary.https()).isEqualTo("manual");
            assertThat(summary.pending()).isEqualTo(1);
            assertThat(summary.failed()).isEqualTo(1);
            assertThat(summary.ok()).isZero();
        }
    }
}
