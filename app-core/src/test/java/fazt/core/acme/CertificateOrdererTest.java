package fazt.core.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import fazt.core.FaztException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders real certificates from pebble on loopback, answering its HTTP-01 challenges from
 * {@link Http01Tokens} through a small HTTP server on the port pebble validates against.
 */
class CertificateOrdererTest {
    private static final Http01Tokens TOKENS = new Http01Tokens();
    private static HttpServer challengeServer;
    private static Pebble pebble;

    @BeforeAll
    static void start() throws IOException {
        challengeServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        challengeServer.createContext("/", exchange -> {
            Optional<String> answer = TOKENS.answerForPath(exchange.getRequestURI().getPath());
            byte[] body = answer.orElse("no such token").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(answer.isPresent() ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        challengeServer.start();
        pebble = Pebble.start(challengeServer.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
        if (challengeServer != null) {
            challengeServer.stop(0);
        }
    }

    @Test
    void ordersACertificateForTheNameThatChainsToPebblesRoot() throws Exception {
        CertificateOrderer orderer = new CertificateOrderer(pebble.settings(), AccountKeys.inMemory(), TOKENS);

        IssuedCertificate issued = orderer.order(List.of("Blog.fazt.test."));

        assertThat(issued.names()).containsExactly("blog.fazt.test");
        List<X509Certificate> chain = certificates(issued.chainPem());
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
                .containsExactly("blog.fazt.test");
        assertChainsTo(chain, certificates(pebble.issuingRootPem()).get(0));
        assertThat(issued.notBefore()).isEqualTo(leaf.getNotBefore().toInstant());
        assertThat(issued.notAfter()).isEqualTo(leaf.getNotAfter().toInstant()).isAfter(issued.notBefore());
        assertThat(issued.issuer()).isEqualTo(leaf.getIssuerX500Principal().getName());
        assertKeyBelongsTo(issued.keyPem(), leaf);
        issued.renewalWindow().ifPresent(w -> assertThat(w.start()).isBetween(issued.notBefore(), issued.notAfter()));
        assertThat(TOKENS.pending()).isZero();
    }

    @Test
    void aSecondOrdererOnTheSameKeysUsesTheSameAccount() {
        AccountKeys keys = AccountKeys.inMemory();
        CertificateOrderer first = new CertificateOrderer(pebble.settings(), keys, TOKENS);
        first.order(List.of("admin.fazt.test"));
        String key = keys.load().orElseThrow();

        AcmeSettings pebbleUri = AcmeSettings.directory(pebble.pebbleUri()).withTrustedCaPem(pebble.trustPem())
                .withEmail("owner@fazt.test");
        CertificateOrderer second = new CertificateOrderer(pebbleUri, keys, TOKENS);
        IssuedCertificate again = second.order(List.of("admin.fazt.test", "fazt.test"));

        assertThat(second.accountUrl()).isEqualTo(first.accountUrl());
        assertThat(keys.load()).contains(key);
        assertThat(again.names()).containsExactly("admin.fazt.test", "fazt.test");
    }

    @Test
    void aTokenNobodyServesFailsWithTheCasReason() {
        Http01Tokens notServed = new Http01Tokens();
        CertificateOrderer orderer = new CertificateOrderer(pebble.settings(), AccountKeys.inMemory(), notServed);

        assertThatThrownBy(() -> orderer.order(List.of("unserved.fazt.test")))
                .isInstanceOf(AcmeOrderFailed.class)
                .hasMessageStartingWith("the CA could not validate unserved.fazt.test over HTTP-01: ")
                .hasMessageContaining("404")
                .hasMessageNotContaining("Exception")
                .satisfies(e -> assertThat(((FaztException) e).code()).isEqualTo("ACME_ORDER_FAILED"));
        assertThat(notServed.pending()).isZero();
    }

    @Test
    void nothingListeningOnTheChallengePortFailsWithConnectionRefused() {
        try (Pebble nowhere = Pebble.start(Pebble.freeTcpPort())) {
            CertificateOrderer orderer = new CertificateOrderer(nowhere.settings().withTimeout(Duration.ofSeconds(60)),
                    AccountKeys.inMemory(), TOKENS);

            assertThatThrownBy(() -> orderer.order(List.of("blog.fazt.test")))
                    .isInstanceOf(AcmeOrderFailed.class)
                    .hasMessageStartingWith("the CA could not validate blog.fazt.test over HTTP-01: ")
                    .hasMessageContaining("http://blog.fazt.test")
                    .hasMessageContaining("connection refused");
        }
    }

    @Test
    void aDirectoryWithAnUntrustedCertificateSaysSo() {
        AcmeSettings untrusted = AcmeSettings.directory(pebble.directoryUrl());
        CertificateOrderer orderer = new CertificateOrderer(untrusted, AccountKeys.inMemory(), TOKENS);

        assertThatThrownBy(() -> orderer.order(List.of("blog.fazt.test")))
                .isInstanceOf(AcmeOrderFailed.class)
                .hasMessageContaining("has a certificate this server does not trust")
                .hasMessageContaining("give its CA file")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aDirectoryNobodyAnswersSaysConnectionRefused() {
        AcmeSettings closed = AcmeSettings.directory("https://127.0.0.1:" + Pebble.freeTcpPort() + "/dir")
                .withTrustedCaPem(pebble.trustPem());
        CertificateOrderer orderer = new CertificateOrderer(closed, AccountKeys.inMemory(), TOKENS);

        assertThatThrownBy(() -> orderer.order(List.of("blog.fazt.test")))
                .isInstanceOf(AcmeOrderFailed.class)
                .hasMessageEndingWith("could not be reached: connection refused");
    }

    @Test
    void aStoredKeyThatIsNotAKeySaysSo() {
        AccountKeys broken = AccountKeys.inMemory();
        broken.save("not a key");
        CertificateOrderer orderer = new CertificateOrderer(pebble.settings(), broken, TOKENS);

        assertThatThrownBy(() -> orderer.order(List.of("blog.fazt.test")))
                .isInstanceOf(AcmeOrderFailed.class)
                .hasMessageStartingWith("the stored ACME account key cannot be read");
    }

    @Test
    void namesACaCannotIssueForAreRefusedBeforeAnyOrder() {
        CertificateOrderer orderer = new CertificateOrderer(pebble.settings(), AccountKeys.inMemory(), TOKENS);

        assertThatThrownBy(() -> orderer.order(List.of())).hasMessage("a certificate order needs at least one name");
        assertThatThrownBy(() -> orderer.order(List.of("*.fazt.test"))).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> orderer.order(List.of("127.0.0.1"))).hasMessageContaining("is not a domain name");
        assertThatThrownBy(() -> orderer.order(List.of("localhost"))).hasMessageContaining("is not a domain name");
        assertThatThrownBy(() -> orderer.order(List.of("bad_name.fazt.test")))
                .isInstanceOf(FaztException.class).hasMessageContaining("'bad_name.fazt.test' is not a domain name");
    }

    static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    private static void assertChainsTo(List<X509Certificate> chain, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain),
                parameters);
    }

    private static void assertKeyBelongsTo(String keyPem, X509Certificate leaf) throws Exception {
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        String base64 = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        byte[] data = "fazt".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }
}
