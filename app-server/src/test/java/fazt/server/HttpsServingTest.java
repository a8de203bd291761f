package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Json;
import fazt.core.LocalNode;
import fazt.core.tls.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS served by a real FaztServer from certificates imported over the admin API: real TLS
 * handshakes with SNI to 127.0.0.1, the certificate per name, swaps without a restart, redirects,
 * HSTS, Secure cookies, refusals in words, and a restart.
 */
class HttpsServingTest {
    private static final Map<String, String> HTTPS = Map.of("domain", "fazt.test", "https", "manual", "https_port", "0");
    private static final String PASSWORD = "correct horse 1";

    @TempDir
    static Path caDir;
    static TestCertificates ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCa() {
        ca = new TestCertificates(caDir);
    }

    record TlsAnswer(String serial, String protocol, String applicationProtocol, String http) {}

    /** A TLS connection to the instance's HTTPS port naming {@code sni}; sends {@code request} (when not null) over HTTP/1.1. */
    private static TlsAnswer tls(TestInstance t, String sni, String request, List<String> alpn, String... protocolAndSuite)
            throws IOException {
        try (SSLSocket s = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", t.server.httpsPort())) {
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            if (sni != null) p.setServerNames(List.of(new SNIHostName(sni)));
            p.setApplicationProtocols(alpn.toArray(String[]::new));
            if (protocolAndSuite.length == 2) {
                p.setProtocols(new String[] {protocolAndSuite[0]});
                p.setCipherSuites(new String[] {protocolAndSuite[1]});
            }
            s.setSSLParameters(p);
            s.startHandshake();
            X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
            String answer = null;
            if (request != null) {
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            return new TlsAnswer(leaf.getSerialNumber().toString(16), s.getSession().getProtocol(), s.getApplicationProtocol(), answer);
        }
    }

    private static TlsAnswer handshake(TestInstance t, String sni) throws IOException {
        return tls(t, sni, null, List.of("http/1.1"));
    }

    private static String get(String host, String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    private static HttpResponse<byte[]> putCert(TestInstance t, TestCertificates.Pem pem, String token) {
        byte[] body = Json.MAPPER.createObjectNode().put("cert", pem.chain()).put("key", pem.key()).toString().getBytes(StandardCharsets.UTF_8);
        return t.api("PUT", "/api/certs", token, body, "application/json");
    }

    @Test
    void aReturningClientResumesItsSession() throws Exception {
        try (TestInstance t = new TestInstance(dir, HTTPS)) {
            assertThat(putCert(t, ca.issue("blog.fazt.test"), t.adminToken()).statusCode()).isEqualTo(200);
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                SSLContext client = ca.clientContext(); // one client: its session cache offers the session back
                long first = sessionOf(client, t, "blog.fazt.test", protocol);
                assertThat(sessionOf(client, t, "blog.fazt.test", protocol)).as(protocol + ": resumed").isEqualTo(first);
                assertThat(sessionOf(ca.clientContext(), t, "blog.fazt.test", protocol)).as(protocol + ": a new client, a new session")
                        .isNotEqualTo(first);
            }
        }
    }

    /**
     * A full read of one answer over a new connection from {@code client}; the session's creation
     * time as the client sees it, the same only when the server resumed the session (TLS 1.3 gives
     * a resumed session a new id, so the id cannot tell).
     */
    private static long sessionOf(SSLContext client, TestInstance t, String sni, String protocol) throws Exception {
        Thread.sleep(5); // a new session is never made in the same millisecond as the one before
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", t.server.httpsPort())) {
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(sni)));
            p.setApplicationProtocols(new String[] {"http/1.1"});
            p.setProtocols(new String[] {protocol});
            s.setSSLParameters(p);
            OutputStream out = s.getOutputStream();
            out.write(get(sni, "/health").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.getInputStream().readAllBytes(); // TLS 1.3 sends the ticket after the handshake: read to the end
            return s.getSession().getCreationTime();
        }
    }

    @Test
    void servesTheImportedCertificatePerNameAndSwapsItWithoutARestart() throws Exception {
        TestCertificates.Pem first = ca.issue("blog.fazt.test", "admin.fazt.test", "*.example.test");
        TestCertificates.Pem second = ca.issue("blog.fazt.test", "admin.fazt.test", "*.example.test");
        try (TestInstance t = new TestInstance(dir, HTTPS)) {
            assertThat(t.server.httpsPort()).isPositive().isNotEqualTo(t.port());
            assertThat(putCert(t, first, null).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> put = putCert(t, first, t.adminToken());
            assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(TestInstance.json(put).path("data").path("names").toString()).contains("blog.fazt.test", "*.example.test");

            TlsAnswer blog = tls(t, "blog.fazt.test", null, List.of("h2", "http/1.1"));
            assertThat(blog.serial()).isEqualTo(first.serial());
            assertThat(blog.protocol()).isEqualTo("TLSv1.3");
            assertThat(blog.applicationProtocol()).isEqualTo("h2");
            assertThat(handshake(t, "shop.example.test").serial()).isEqualTo(first.serial());
            assertThat(tls(t, "blog.fazt.test", null, List.of("http/1.1"), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                    .protocol()).isEqualTo("TLSv1.2");

            assertThatThrownBy(() -> handshake(t, "nosuch.fazt.test")).isInstanceOf(SSLException.class);
            assertThatThrownBy(() -> handshake(t, "a.b.example.test")).isInstanceOf(SSLException.class);
            assertThatThrownBy(() -> handshake(t, null)).as("no SNI: no default certificate").isInstanceOf(SSLException.class);
            assertThatThrownBy(() -> tls(t, "blog.fazt.test", null, List.of(), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                    .as("a CBC suite is not offered").isInstanceOf(SSLException.class);

            assertThat(putCert(t, second, t.adminToken()).statusCode()).isEqualTo(200);
            assertThat(handshake(t, "blog.fazt.test").serial()).isEqualTo(second.serial());
            assertThat(new BigInteger(second.serial(), 16)).isNotEqualTo(new BigInteger(first.serial(), 16));

            HttpResponse<byte[]> gone = t.api("DELETE", "/api/certs/blog.fazt.test", t.adminToken(), null, null);
            assertThat(gone.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> handshake(t, "blog.fazt.test")).isInstanceOf(SSLException.class);
            HttpResponse<byte[]> again = t.api("DELETE", "/api/certs/blog.fazt.test", t.adminToken(), null, null);
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("no imported certificate named blog.fazt.test");
        }
    }

    @Test
    void httpGoesToHttpsExceptHealthAndChallengesAndHttpsAnswersCarryHsts() throws Exception {
        TestCertificates.Pem pem = ca.issue("blog.fazt.test", "admin.fazt.test");
        try (TestInstance t = new TestInstance(dir, HTTPS)) {
            assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "hello over tls"))).statusCode()).isEqualTo(200);
            assertThat(t.get("blog.fazt.test", "/").statusCode()).as("no certificate yet: HTTP serves").isEqualTo(200);
            assertThat(putCert(t, pem, t.adminToken()).statusCode()).isEqualTo(200);

            HttpResponse<byte[]> moved = t.get("blog.fazt.test", "/a/b?c=1");
            assertThat(moved.statusCode()).isEqualTo(308);
            assertThat(moved.headers().firstValue("Location")).hasValue("https://blog.fazt.test:" + t.server.httpsPort() + "/a/b?c=1");
            assertThat(t.get("blog.fazt.test", "/health").statusCode()).isEqualTo(200);
            assertThat(t.get("blog.fazt.test", "/.well-known/acme-challenge/token1").statusCode()).isNotEqualTo(308);
            assertThat(t.get("other.fazt.test", "/").statusCode()).as("a name without a certificate").isNotEqualTo(308);
            assertThat(t.get("localhost", "/").statusCode()).isEqualTo(200);
            assertThat(t.get("localhost", "/").headers().firstValue("Strict-Transport-Security")).isEmpty();

            String page = tls(t, "blog.fazt.test", get("blog.fazt.test", "/"), List.of("http/1.1")).http();
            assertThat(page).startsWith("HTTP/1.1 200").contains("Strict-Transport-Security: max-age=31536000").endsWith("hello over tls");
        }
    }

    @Test
    void ownerSignInOverHttpsSetsASecureCookie() throws Exception {
        TestCertificates.Pem pem = ca.issue("admin.fazt.test");
        try (TestInstance t = new TestInstance(dir, HTTPS)) {
            new LocalNode(t.fazt).setOwnerCredentials("admin", PASSWORD);
            assertThat(putCert(t, pem, t.adminToken()).statusCode()).isEqualTo(200);
            String body = Json.MAPPER.createObjectNode().put("username", "admin").put("password", PASSWORD).toString();
            String login = "POST /api/login HTTP/1.1\r\nHost: admin.fazt.test\r\nOrigin: https://admin.fazt.test\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            String answer = tls(t, "admin.fazt.test", login, List.of("http/1.1")).http();
            assertThat(answer).startsWith("HTTP/1.1 200");
            String cookie = answer.lines().filter(l -> l.toLowerCase().startsWith("set-cookie: fazt_session=")).findFirst().orElseThrow();
            assertThat(cookie).contains("; Secure").contains("HttpOnly").contains("Domain=.fazt.test");
        }
    }

    @Test
    void refusedCertificatesAreNotStoredAndARestartServesTheStoredOne() throws Exception {
        TestCertificates.Pem good = ca.issue("blog.fazt.test");
        TestCertificates.Pem other = ca.issue("other.fazt.test");
        TestCertificates.Pem expired = ca.issue("-30d", 10, "blog.fazt.test");
        try (TestInstance t = new TestInstance(dir, HTTPS)) {
            assertThat(putCert(t, good, t.adminToken()).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> mismatch = putCert(t, new TestCertificates.Pem(good.chain(), other.key(), ""), t.adminToken());
            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThat(new String(mismatch.body(), StandardCharsets.UTF_8)).contains("the private key does not belong to the certificate");
            HttpResponse<byte[]> old = putCert(t, expired, t.adminToken());
            assertThat(old.statusCode()).isEqualTo(400);
            assertThat(new String(old.body(), StandardCharsets.UTF_8)).contains("expired on");
            HttpResponse<byte[]> garbage = putCert(t, new TestCertificates.Pem("hello", "world", ""), t.adminToken());
            assertThat(new String(garbage.body(), StandardCharsets.UTF_8)).contains("cert is not a PEM certificate");
            HttpResponse<byte[]> list = t.api("GET", "/api/certs", t.adminToken(), null, null);
            assertThat(TestInstance.json(list).path("data")).hasSize(1);
            assertThat(TestInstance.json(list).path("data").get(0).path("serial").asText()).isEqualTo(good.serial());
            assertThat(new String(list.body(), StandardCharsets.UTF_8)).doesNotContain("PRIVATE KEY");
        }
        try (TestInstance t = new TestInstance(dir, HTTPS)) {
            assertThat(handshake(t, "blog.fazt.test").serial()).isEqualTo(good.serial());
        }
        try (TestInstance t = new TestInstance(dir, Map.of("domain", "fazt.test"))) {
            assertThat(t.server.httpsPort()).as("https off").isZero();
            assertThat(t.get("blog.fazt.test", "/").statusCode()).as("no redirect while HTTPS is off").isNotEqualTo(308);
        }
    }
}
