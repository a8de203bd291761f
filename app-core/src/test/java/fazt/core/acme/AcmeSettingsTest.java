package fazt.core.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcmeSettingsTest {
    @TempDir
    Path dir;

    @Test
    void letsEncryptIsTheDefault() {
        AcmeSettings settings = AcmeSettings.letsEncrypt();
        assertThat(settings.directory()).hasToString("acme://letsencrypt.org");
        assertThat(settings.trustedCaPem()).isEmpty();
        assertThat(settings.email()).isEmpty();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void takesAnHttpsDirectoryACaFileAndAContact() throws Exception {
        Path ca = dir.resolve("ca.pem");
        String pem = LoopbackCertificates.create().caPem();
        Files.writeString(ca, pem);

        AcmeSettings settings = AcmeSettings.directory(" https://ca.example/dir ").withCaFile(ca)
                .withEmail("you@example.com").withTimeout(Duration.ofSeconds(90));

        assertThat(settings.directory()).hasToString("https://ca.example/dir");
        assertThat(settings.trustedCaPem()).contains(pem);
        assertThat(settings.email()).contains("you@example.com");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badDirectoriesAreRefusedInWords() {
        assertThatThrownBy(() -> AcmeSettings.directory("http://ca.example/dir")).isInstanceOf(FaztException.class)
                .hasMessage("the ACME directory must be an https:// URL or an acme:// URI such as acme://letsencrypt.org, "
                        + "not 'http://ca.example/dir'");
        assertThatThrownBy(() -> AcmeSettings.directory("")).hasMessageContaining("must be an https:// URL");
        assertThatThrownBy(() -> AcmeSettings.directory("https://bad host/dir")).hasMessageContaining("is not a URL");
    }

    @Test
    void anUnknownAcmeNameIsRefusedWhenASessionOpens() {
        AcmeSettings settings = AcmeSettings.directory("acme://nosuch.example");
        assertThatThrownBy(() -> AcmeSessions.open(settings)).isInstanceOf(FaztException.class)
                .hasMessageStartingWith("no ACME CA is known as acme://nosuch.example");
    }

    @Test
    void badContactsCaFilesAndTimeoutsAreRefusedInWords() throws Exception {
        AcmeSettings settings = AcmeSettings.letsEncrypt();
        assertThatThrownBy(() -> settings.withEmail("not an address"))
                .hasMessage("the ACME contact must be one email address such as you@example.com, not 'not an address'");
        assertThatThrownBy(() -> settings.withEmail("a@b.example,c@d.example")).hasMessageContaining("one email address");
        assertThatThrownBy(() -> settings.withCaFile(dir.resolve("missing.pem")))
                .hasMessageStartingWith("cannot read the CA file");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        assertThatThrownBy(() -> settings.withCaFile(notPem))
                .hasMessage("the CA file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatCode(() -> settings.withTrustedCaPem("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> settings.withTimeout(Duration.ZERO)).hasMessage("the ACME timeout must be positive, not PT0S");
    }

    @Test
    void aCaFileWhoseCertificatesAreBrokenIsRefusedWhenASessionOpens() {
        AcmeSettings settings = AcmeSettings.directory("https://ca.example/dir")
                .withTrustedCaPem("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> AcmeSessions.open(settings)).isInstanceOf(FaztException.class)
                .hasMessageStartingWith("the CA file's certificates cannot be read");
    }
}
