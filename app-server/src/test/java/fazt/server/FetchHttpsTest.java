package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import fazt.core.tls.TestCertificates;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS fetches connect to the checked IP yet name the host in SNI and verify the certificate
 * against that name: a certificate for another name fails, even from the same address.
 */
class FetchHttpsTest {
    @TempDir
    static Path dir;
    static TestInstance t;
    static HttpsServer target;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates ca = new TestCertificates(Files.createDirectories(dir.resolve("ca")));
        target = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setHttpsConfigurator(new HttpsConfigurator(serverContext(ca.issue("secure.test"))));
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", ex -> {
            byte[] body = ("{\"host\":\"" + ex.getRequestHeaders().getFirst("Host") + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
        t = new TestInstance(Map.of("fetch_allow_private", "127.0.0.1", "functions_timeout_ms", "30000"));
        t.fazt.outboundFetch().resolveNamesWith(host -> switch (host) {
            case "secure.test", "impostor.test" -> List.of(InetAddress.getByName("127.0.0.1"));
            default -> throw new UnknownHostException(host);
        });
        t.fazt.outboundFetch().trustWith(TestCertificates.trusting(ca.ca()));
    }

    @AfterAll
    static void stop() {
        t.close();
        target.stop(0);
    }

    private static SSLContext serverContext(TestCertificates.Pem pem) throws Exception {
        String key = pem.key().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key)));
        Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(pem.chain().getBytes(StandardCharsets.US_ASCII))).toArray(Certificate[]::new);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("leaf", privateKey, "x".toCharArray(), chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "x".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static JsonNode fetch(String app, String url) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "https fetch test");
        files.put("api/main.js", "try { respond(fazt.net.fetch(" + FetchGuardTest.quote(url) + ").json()) } catch (e) { respond({error: e.message}) }");
        assertThat(t.deploy(app, TestInstance.zip(files)).statusCode()).isEqualTo(200);
        return TestInstance.json(t.get(app + ".localhost", "/api"));
    }

    @Test
    void theCertificateIsCheckedAgainstTheNameWhileTheConnectionGoesToTheCheckedAddress() {
        int port = target.getAddress().getPort();
        JsonNode ok = fetch("secure", "https://secure.test:" + port + "/");
        assertThat(ok.path("host").asText()).as(ok.toString()).isEqualTo("secure.test:" + port);

        // same address, same server, a name its certificate does not cover: refused, not resumed from secure.test's session
        JsonNode wrongName = fetch("impostor", "https://impostor.test:" + port + "/");
        assertThat(wrongName.path("error").asText()).as(wrongName.toString()).startsWith("fetch failed: the TLS connection to impostor.test failed");
    }
}
