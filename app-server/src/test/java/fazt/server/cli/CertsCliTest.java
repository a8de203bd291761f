package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.tls.TestCertificates;
import fazt.server.TestInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt server set-cert | certs | remove-cert} and the HTTPS settings, against a running instance. */
class CertsCliTest {
    @TempDir
    Path dir;

    @Test
    void importsListsAndRemovesCertificatesThroughTheRunningInstance() throws Exception {
        TestCertificates ca = new TestCertificates(Files.createDirectories(dir.resolve("ca")));
        TestCertificates.Pem pem = ca.issue("blog.fazt.test", "*.example.test");
        TestCertificates.Pem other = ca.issue("other.fazt.test");
        Path chain = Files.writeString(dir.resolve("fullchain.pem"), pem.chain());
        Path key = Files.writeString(dir.resolve("key.pem"), pem.key());
        Path wrongKey = Files.writeString(dir.resolve("other-key.pem"), other.key());
        Path data = Files.createDirectories(dir.resolve("instance"));
        try (TestInstance t = new TestInstance(data, Map.of("domain", "fazt.test", "https", "manual", "https_port", "0"))) {
            String db = data.resolve("data.db").toString();
            CliTest.Run set = fazt("server", "set-cert", "--cert", chain.toString(), "--key", key.toString(), "--data", db);
            assertThat(set.code()).as(set.all()).isZero();
            assertThat(set.out()).contains("serving blog.fazt.test, *.example.test (issuer fazt test CA, valid until");
            assertThat(t.fazt.certificates().forServerName("shop.example.test")).isPresent();

            CliTest.Run refused = fazt("server", "set-cert", "--cert", chain.toString(), "--key", wrongKey.toString(), "--data", db);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("the private key does not belong to the certificate");
            CliTest.Run missing = fazt("server", "set-cert", "--cert", dir.resolve("nope.pem").toString(), "--key", key.toString(),
                    "--data", db);
            assertThat(missing.err()).contains("--cert: cannot read");

            CliTest.Run list = fazt("server", "certs", "--data", db);
            assertThat(list.out()).contains("NAMES").contains("blog.fazt.test *.example.test").contains("fazt test CA")
                    .contains("manual").contains("ok");
            assertThat(fazt("server", "certs", "--json", "--data", db).out()).contains("\"not_after\"").doesNotContain("PRIVATE");

            CliTest.Run removed = fazt("server", "remove-cert", "blog.fazt.test", "--data", db);
            assertThat(removed.out()).contains("removed the certificate blog.fazt.test");
            assertThat(fazt("server", "certs", "--data", db).out()).contains("no certificates");
        }
    }

    @Test
    void httpsSettingsAreCheckedInWords() {
        String db = dir.resolve("data.db").toString();
        CliTest.Run bad = fazt("server", "set-config", "--https", "sometimes", "--data", db);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("setting https must be off, auto");
        CliTest.Run start = fazt("server", "start", "--https", "yes", "--data", db);
        assertThat(start.code()).isEqualTo(1);
        assertThat(start.err()).contains("setting https must be off, auto");
        CliTest.Run stored = fazt("server", "set-config", "--https", "manual", "--https-port", "8443", "--data", db);
        assertThat(stored.out()).contains("https = manual").contains("https_port = 8443");
    }

    @Test
    void acmeSettingsAreStoredAndCheckedAndStatusSummarizesCertificates() throws Exception {
        Path data = Files.createDirectories(dir.resolve("acme"));
        String db = data.resolve("data.db").toString();
        CliTest.Run badEmail = fazt("server", "set-config", "--acme-email", "not-an-address", "--data", db);
        assertThat(badEmail.code()).isEqualTo(1);
        assertThat(badEmail.err()).contains("setting acme_email").contains("email address");
        CliTest.Run badDirectory = fazt("server", "start", "--acme-directory", "ftp://ca.example", "--data", db);
        assertThat(badDirectory.code()).isEqualTo(1);
        assertThat(badDirectory.err()).contains("setting acme_directory").contains("https://");
        CliTest.Run stored = fazt("server", "set-config", "--acme-email", "me@example.com", "--acme-directory",
                "acme://letsencrypt.org/staging", "--data", db);
        assertThat(stored.out()).contains("acme_email = me@example.com").contains("acme_directory = acme://letsencrypt.org/staging");

        try (TestInstance t = new TestInstance(data, Map.of("domain", "fazt.test", "https", "manual", "https_port", "0"))) {
            t.fazt.certificates().markFailed("blog.fazt.test", "the CA said no");
            CliTest.Run status = fazt("server", "status", "--data", db);
            assertThat(status.out()).contains("https    manual (certificates: 0 ok, 0 pending, 1 failed");
        }
    }
}
