package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.acme.Pebble;
import fazt.core.tls.CertificateInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https auto} against Debian's pebble and a real instance: certificates are ordered for the
 * names the instance serves, served per SNI at once, kept over a restart, never ordered for other
 * names, and a failed validation is reported in the CA's words while HTTP keeps serving.
 */
class AutomaticHttpsTest {
    /** A bound on every wait for the background orders; never a timing assertion. */
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** The run settings of an instance ordering from {@code pebble} ({@code https auto} under {@code fazt.test}); its CA file goes in {@code dir}. */
    static Map<String, String> flags(Pebble pebble, Path dir) throws IOException {
        Path caFile = dir.resolve("pebble-listener-ca.pem");
        Files.writeString(caFile, pebble.trustPem());
        Map<String, String> flags = new HashMap<>();
        flags.put("domain", "fazt.test");
        flags.put("https", "auto");
        flags.put("https_port", "0");
        flags.put("acme_directory", pebble.directoryUrl());
        flags.put("acme_ca_file", caFile.toString());
        return flags;
    }

    @Test
    void ordersForTheServedNamesOnlyAndKeepsThemOverARestart() throws Exception {
        int httpPort = Pebble.freeTcpPort();
        Path data = Files.createDirectories(dir.resolve("instance"));
        try (Pebble pebble = Pebble.start(httpPort)) {
            String pebbleRoot = pebble.issuingRootPem();
            Map<String, String> flags = flags(pebble, dir);
            String blogSerial;
            try (TestInstance t = new TestInstance(data, flags, httpPort)) {
                assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "<p>blog</p>"))).statusCode()).isEqualTo(200);

                for (String name : List.of("blog.fazt.test", "admin.fazt.test", "fazt.test")) {
                    CertificateInfo info = await(t, name, i -> i.state().equals("ok"));
                    assertThat(handshake(t, pebbleRoot, name)).as(name + " chains to pebble's root").isEqualTo(info.serial());
                }
                blogSerial = await(t, "blog.fazt.test", i -> i.state().equals("ok")).serial();

                t.fazt.automaticCertificates().checkNow().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(t.fazt.certificates().list()).extracting(CertificateInfo::name).doesNotContain("nosuch.fazt.test");
                assertThatThrownBy(() -> handshake(t, pebbleRoot, "nosuch.fazt.test")).isInstanceOf(SSLException.class);

                JsonNode health = TestInstance.json(health(t)).path("data").path("certificates");
                assertThat(health.path("https").asText()).isEqualTo("auto");
                assertThat(health.path("ok").asInt()).isGreaterThanOrEqualTo(3);
                assertThat(health.path("failed").asInt()).isZero();
            }
            try (TestInstance again = new TestInstance(data, flags, httpPort)) {
                again.fazt.automaticCertificates().checkNow().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                CertificateInfo blog = find(again, "blog.fazt.test").orElseThrow();
                assertThat(blog.state()).isEqualTo("ok");
                assertThat(blog.serial()).as("no new order after a restart").isEqualTo(blogSerial);
                assertThat(handshake(again, pebbleRoot, "blog.fazt.test")).isEqualTo(blogSerial);
            }
        }
    }

    @Test
    void aChallengeThatCannotSucceedIsFailedInTheCasWordsWhileHttpServes() throws Exception {
        int closedPort = Pebble.freeTcpPort(); // nothing listens there: every HTTP-01 validation is refused
        try (Pebble pebble = Pebble.start(closedPort); TestInstance t = new TestInstance(Files.createDirectories(dir.resolve("i")),
                flags(pebble, dir), 0)) {
            assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "<p>blog</p>"))).statusCode()).isEqualTo(200);
            await(t, "blog.fazt.test", i -> i.state().equals("failed"));

            JsonNode certs = TestInstance.json(t.api("GET", "/api/certs", t.adminToken(), null, null)).path("data");
            JsonNode blog = null;
            for (JsonNode c : certs) if (c.path("name").asText().equals("blog.fazt.test")) blog = c;
            assertThat(blog).isNotNull();
            assertThat(blog.path("state").asText()).isEqualTo("failed");
            assertThat(blog.path("error").asText()).contains("could not validate blog.fazt.test").containsIgnoringCase("refused");

            assertThat(health(t).statusCode()).as("HTTP still serves").isEqualTo(200);
            JsonNode health = TestInstance.json(health(t)).path("data").path("certificates");
            assertThat(health.path("failed").asInt()).isGreaterThanOrEqualTo(1);
            assertThatThrownBy(() -> handshake(t, pebble.issuingRootPem(), "blog.fazt.test")).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void switchingFromManualToAutoWhileRunningStartsOrdering() throws Exception {
        int httpPort = Pebble.freeTcpPort();
        Path data = Files.createDirectories(dir.resolve("switch"));
        try (fazt.core.Fazt stored = fazt.core.Fazt.open(data.resolve("data.db"), Map.of(), Map.of())) {
            stored.config().store("https", "manual");
        }
        try (Pebble pebble = Pebble.start(httpPort)) {
            Map<String, String> flags = flags(pebble, dir);
            flags.remove("https"); // the stored manual applies, so the owner's set-config can change it
            try (TestInstance t = new TestInstance(data, flags, httpPort)) {
                assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "<p>blog</p>"))).statusCode()).isEqualTo(200);
                t.fazt.automaticCertificates().checkNow().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(find(t, "blog.fazt.test")).as("nothing is ordered while https is manual").isEmpty();

                assertThat(t.api("PUT", "/api/system/config", t.adminToken(), "{\"https\":\"auto\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json").statusCode()).isEqualTo(200);
                CertificateInfo blog = await(t, "blog.fazt.test", i -> i.state().equals("ok"));
                assertThat(handshake(t, pebble.issuingRootPem(), "blog.fazt.test")).isEqualTo(blog.serial());
            }
        }
    }

    @Test
    void provesANameOverTlsAlpnWhenPlainHttpCannotBeReached() throws Exception {
        int closedPort = Pebble.freeTcpPort(); // port 80 blocked: HTTP-01 cannot succeed
        int httpsPort = Pebble.freeTcpPort();
        Map<String, String> flags;
        try (Pebble pebble = Pebble.start(closedPort, httpsPort, null)) {
            flags = flags(pebble, dir);
            flags.put("https_port", Integer.toString(httpsPort));
            try (TestInstance t = new TestInstance(Files.createDirectories(dir.resolve("alpn")), flags, 0)) {
                assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "<p>blog</p>"))).statusCode()).isEqualTo(200);
                CertificateInfo blog = await(t, "blog.fazt.test", i -> i.state().equals("ok"));
                assertThat(handshake(t, pebble.issuingRootPem(), "blog.fazt.test", null)).isEqualTo(blog.serial());
                assertThat(t.fazt.tlsAlpnChallenges().pending()).as("answers are withdrawn after validation").isZero();

                // a client that pretends to validate gets no certificate when no validation is under way
                assertThatThrownBy(() -> handshake(t, pebble.issuingRootPem(), "blog.fazt.test", "acme-tls/1"))
                        .isInstanceOf(SSLException.class);
            }
        }
    }

    private static java.net.http.HttpResponse<byte[]> health(TestInstance t) {
        return t.api("GET", "/api/system/health", t.adminToken(), null, null);
    }

    private static Optional<CertificateInfo> find(TestInstance t, String name) {
        return t.fazt.certificates().list().stream().filter(i -> i.name().equals(name) && i.source().equals("acme")).findFirst();
    }

    /** Polls the stored state of {@code name} until {@code wanted} holds, up to {@link #LIMIT}. */
    private static CertificateInfo await(TestInstance t, String name, Predicate<CertificateInfo> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Optional<CertificateInfo> seen = Optional.empty();
        while (System.nanoTime() < deadline) {
            seen = find(t, name);
            if (seen.isPresent() && wanted.test(seen.get())) return seen.get();
            Thread.sleep(200);
        }
        throw new AssertionError("within " + LIMIT.toSeconds() + " s " + name + " did not get there; last seen " + seen
                + "; all: " + t.fazt.certificates().list());
    }

    /**
     * A TLS handshake naming {@code sni}, checking the chain against {@code rootPem} and the name; the
     * leaf's serial in hex. A new context each time: a client resumes a session per address, not per name.
     */
    private static String handshake(TestInstance t, String rootPem, String sni) throws Exception {
        return handshake(t, rootPem, sni, null);
    }

    /** The same, offering only {@code alpn} as the application protocol ({@code null}: none). */
    private static String handshake(TestInstance t, String rootPem, String sni, String alpn) throws Exception {
        try (SSLSocket s = (SSLSocket) trusting(rootPem).getSocketFactory().createSocket("127.0.0.1", t.server.httpsPort())) {
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(sni)));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (alpn != null) p.setApplicationProtocols(new String[] {alpn});
            s.setSSLParameters(p);
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
        }
    }

    private static SSLContext trusting(String rootPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.UTF_8))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
