package fazt.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeFeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate store on a real data.db, with certificates made by keytool. */
class CertificatesTest {
    @TempDir
    static Path caDir;
    static TestCertificates ca;
    static TestCertificates.Pem blogAndWildcard;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCa() {
        ca = new TestCertificates(caDir);
        blogAndWildcard = ca.issue("blog.fazt.test", "*.example.test");
    }

    private Fazt open() {
        return Fazt.open(dir.resolve("data.db"), Map.of(), Map.of());
    }

    @Test
    void importedCertificateServesItsNamesAndOneLabelUnderItsWildcard() {
        try (Fazt fazt = open()) {
            Certificates certs = fazt.certificates();
            CertificateInfo info = certs.importPem(blogAndWildcard.chain(), blogAndWildcard.key());
            assertThat(info.names()).containsExactly("blog.fazt.test", "*.example.test");
            assertThat(info.issuer()).isEqualTo("fazt test CA");
            assertThat(info.source()).isEqualTo("manual");
            assertThat(info.state()).isEqualTo("ok");
            assertThat(info.serial()).isEqualTo(blogAndWildcard.serial());
            assertThat(info.notAfter()).isGreaterThan(System.currentTimeMillis());

            assertThat(certs.forServerName("blog.fazt.test")).get().extracting(c -> c.chain()[0].getSerialNumber().toString(16))
                    .isEqualTo(blogAndWildcard.serial());
            assertThat(certs.forServerName("BLOG.fazt.test.")).isPresent();
            assertThat(certs.forServerName("shop.example.test")).isPresent();
            assertThat(certs.forServerName("a.shop.example.test")).isEmpty();
            assertThat(certs.forServerName("example.test")).isEmpty();
            assertThat(certs.forServerName("nosuch.fazt.test")).isEmpty();
            assertThat(certs.forServerName(null)).isEmpty();
            assertThat(certs.list()).extracting(CertificateInfo::name).containsExactly("blog.fazt.test");
        }
    }

    @Test
    void badInputIsRefusedInWordsAndNothingIsStored() {
        TestCertificates.Pem other = ca.issue("other.fazt.test");
        TestCertificates.Pem expired = ca.issue("-20d", 5, "old.fazt.test");
        TestCertificates.Pem future = ca.issue("+20d", 5, "later.fazt.test");
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        String rsaOld = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        String[] chainLines = blogAndWildcard.chain().split("-----END CERTIFICATE-----\n");
        String outOfOrder = chainLines[1] + "-----END CERTIFICATE-----\n" + chainLines[0] + "-----END CERTIFICATE-----\n";
        try (Fazt fazt = open()) {
            Certificates certs = fazt.certificates();
            List<Object[]> cases = new ArrayList<>();
            cases.add(new Object[] {null, blogAndWildcard.key(), "cert is required"});
            cases.add(new Object[] {"hello", blogAndWildcard.key(), "cert is not a PEM certificate"});
            cases.add(new Object[] {blogAndWildcard.key(), blogAndWildcard.key(), "it looks like a private key: give it as key"});
            cases.add(new Object[] {"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", blogAndWildcard.key(),
                    "cert could not be read as PEM certificates"});
            cases.add(new Object[] {outOfOrder, blogAndWildcard.key(), "out of order"});
            cases.add(new Object[] {blogAndWildcard.chain(), "", "key is required"});
            cases.add(new Object[] {blogAndWildcard.chain(), blogAndWildcard.chain(), "it looks like a certificate: give it as cert"});
            cases.add(new Object[] {blogAndWildcard.chain(), encrypted, "encrypted with a passphrase"});
            cases.add(new Object[] {blogAndWildcard.chain(), rsaOld, "openssl pkcs8 -topk8"});
            cases.add(new Object[] {blogAndWildcard.chain(), other.key(), "the private key does not belong to the certificate for "
                    + "blog.fazt.test, *.example.test"});
            cases.add(new Object[] {expired.chain(), expired.key(), "the certificate for old.fazt.test expired on"});
            cases.add(new Object[] {future.chain(), future.key(), "is not valid before"});
            cases.add(new Object[] {"x".repeat(70_000), blogAndWildcard.key(), "a certificate chain is at most"});
            for (Object[] c : cases) {
                assertThatThrownBy(() -> certs.importPem((String) c[0], (String) c[1])).as((String) c[2])
                        .isInstanceOf(FaztException.class).hasMessageContaining((String) c[2])
                        .extracting(e -> ((FaztException) e).kind()).isEqualTo(FaztException.Kind.INVALID);
            }
            assertThat(certs.list()).isEmpty();
            assertThat(certs.forServerName("old.fazt.test")).isEmpty();
        }
    }

    @Test
    void manualCertificatesWinOverOrderedOnesForTheNamesTheyCover() {
        TestCertificates.Pem ordered = ca.issue("shop.example.test");
        try (Fazt fazt = open()) {
            Certificates certs = fazt.certificates();
            certs.store("shop.example.test", ordered.chain(), ordered.key());
            assertThat(certs.forServerName("shop.example.test").orElseThrow().source()).isEqualTo("acme");
            certs.importPem(blogAndWildcard.chain(), blogAndWildcard.key());
            assertThat(certs.forServerName("shop.example.test").orElseThrow().source()).isEqualTo("manual");
            certs.remove("blog.fazt.test");
            assertThat(certs.forServerName("shop.example.test").orElseThrow().source()).isEqualTo("acme");
            assertThat(certs.forServerName("blog.fazt.test")).isEmpty();

            assertThatThrownBy(() -> certs.store("blog.fazt.test", ordered.chain(), ordered.key()))
                    .hasMessageContaining("the certificate names shop.example.test, not blog.fazt.test");
            assertThatThrownBy(() -> certs.remove("shop.example.test")).hasMessageContaining("only imported (manual) ones can be removed");
            assertThatThrownBy(() -> certs.remove("nosuch.example.test")).hasMessageContaining("no imported certificate named nosuch");
            assertThatThrownBy(() -> certs.remove("bad name!")).hasMessageContaining("is not a host name");
        }
    }

    @Test
    void orderStatesKeepTheServedCertificateAndChangesAreAnnounced() throws InterruptedException {
        TestCertificates.Pem ordered = ca.issue("app.fazt.test");
        try (Fazt fazt = open(); ChangeFeed feed = fazt.changes().follow(null)) {
            Certificates certs = fazt.certificates();
            List<String> seen = new ArrayList<>();
            certs.onChange(() -> seen.add("changed"));
            certs.markPending("new.fazt.test");
            assertThat(certs.list()).singleElement().satisfies(i -> {
                assertThat(i.state()).isEqualTo("pending");
                assertThat(i.notAfter()).isZero();
            });
            assertThat(certs.forServerName("new.fazt.test")).isEmpty();

            certs.store("app.fazt.test", ordered.chain(), ordered.key());
            certs.markFailed("app.fazt.test", "the CA could not reach http://app.fazt.test/.well-known/acme-challenge/x: connection refused");
            CertificateInfo failed = certs.list().stream().filter(i -> i.name().equals("app.fazt.test")).findFirst().orElseThrow();
            assertThat(failed.state()).isEqualTo("failed");
            assertThat(failed.error()).contains("connection refused");
            assertThat(failed.serial()).isEqualTo(ordered.serial());
            assertThat(certs.forServerName("app.fazt.test")).isPresent();
            assertThat(seen).hasSize(3);
            // the change stream says so too (the dashboard redraws its list), with the name and never more
            List<String> published = new ArrayList<>();
            for (Change c = feed.poll(0); c != null; c = feed.poll(0)) published.add(c.kind() + " " + c.subject());
            assertThat(published).containsExactly("certificate.changed new.fazt.test", "certificate.changed app.fazt.test",
                    "certificate.changed app.fazt.test");

            assertThat(certs.accountKeyPem()).isEmpty();
            certs.storeAccountKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
            assertThat(certs.accountKeyPem()).get().asString().contains("AAAA");
            assertThatThrownBy(() -> certs.storeAccountKey("nope")).hasMessageContaining("must be PEM");
        }
    }

    @Test
    void storedCertificatesAreServedAfterARestart() {
        try (Fazt fazt = open()) {
            fazt.certificates().importPem(blogAndWildcard.chain(), blogAndWildcard.key());
            fazt.certificates().storeAccountKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        }
        try (Fazt fazt = open()) {
            assertThat(fazt.certificates().forServerName("blog.fazt.test")).isPresent();
            assertThat(fazt.certificates().accountKeyPem()).isPresent();
        }
    }

    @Test
    void aBackupCarriesTheCertificatesTheirKeysAndTheAccountKey() {
        Path copy = dir.resolve("backup.db");
        String served;
        try (Fazt fazt = open()) {
            fazt.certificates().importPem(blogAndWildcard.chain(), blogAndWildcard.key());
            fazt.certificates().storeAccountKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
            served = fazt.certificates().forServerName("blog.fazt.test").orElseThrow().chain()[0].getSerialNumber().toString(16);
            new fazt.core.LocalNode(fazt).backup(copy); // what 'fazt backup' does
        }
        try (Fazt restored = Fazt.open(copy, Map.of(), Map.of())) {
            ServedCertificate blog = restored.certificates().forServerName("blog.fazt.test").orElseThrow();
            assertThat(blog.chain()[0].getSerialNumber().toString(16)).isEqualTo(served);
            assertThat(blog.key()).as("the key travels with it").isNotNull();
            assertThat(restored.certificates().accountKeyPem()).get().asString().contains("AAAA");
        }
    }
}
