package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.acme.AccountKeys;
import fazt.core.acme.CertificateOrderer;
import fazt.core.acme.IssuedCertificate;
import fazt.core.acme.Pebble;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real FaztServer answers pebble's HTTP-01 fetches for any Host while an order is under way. */
class AcmeChallengeHandlerTest {

    @Test
    void aRealServerProvesANameToPebble() throws Exception {
        try (TestInstance instance = new TestInstance(); Pebble pebble = Pebble.start(instance.port())) {
            CertificateOrderer orderer = new CertificateOrderer(pebble.settings(), AccountKeys.inMemory(),
                    instance.server.acmeTokens());

            IssuedCertificate issued = orderer.order(List.of("blog.fazt.test"));

            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(issued.chainPem().getBytes(StandardCharsets.US_ASCII)));
            assertThat(leaf.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
                    .containsExactly("blog.fazt.test");
            assertThat(instance.server.acmeTokens().pending()).isZero();
        }
    }

    @Test
    void aTokenNoOrderWaitsForGoesOnToTheHostsOwnAnswer() {
        try (TestInstance instance = new TestInstance()) {
            var answer = instance.send(instance.request("nosuch.localhost", "/.well-known/acme-challenge/abc").build());

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain("abc.");
        }
    }
}
