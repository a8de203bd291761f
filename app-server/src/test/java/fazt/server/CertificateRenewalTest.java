package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.acme.Pebble;
import fazt.core.tls.CertificateInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal with pebble issuing 45-second certificates: nobody pokes the instance, yet a new
 * certificate is ordered when two thirds of the lifetime have passed and served from the next
 * handshake on, while requests on new connections and on one kept-alive connection all succeed.
 */
class CertificateRenewalTest {
    private static final String NAME = "blog.fazt.test";
    private static final Duration VALIDITY = Duration.ofSeconds(45);
    /** A bound on waiting for the renewal; never a timing assertion. */
    private static final Duration LIMIT = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    @Test
    void aRenewedCertificateIsServedWithoutARestartAndWithoutDroppingConnections() throws Exception {
        int httpPort = Pebble.freeTcpPort();
        try (Pebble pebble = Pebble.start(httpPort, Pebble.freeTcpPort(), VALIDITY);
                TestInstance t = new TestInstance(Files.createDirectories(dir.resolve("i")), AutomaticHttpsTest.flags(pebble, dir), httpPort)) {
            assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "<p>blog</p>"))).statusCode()).isEqualTo(200);
            X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pebble.issuingRootPem().getBytes(StandardCharsets.UTF_8)));
            String first = awaitServedSerial(t, root);

            List<String> failures = new ArrayList<>();
            try (SSLSocket kept = connect(t, root)) {
                String keptSerial = serialOf(kept);
                assertThat(keptSerial).isEqualTo(first);
                int requests = 0;
                String served = first;
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (served.equals(first) && System.nanoTime() < deadline) {
                    requests++;
                    record(failures, "kept-alive request " + requests, () -> get(kept));
                    try (SSLSocket fresh = connect(t, root)) {
                        served = serialOf(fresh);
                        record(failures, "new-connection request " + requests, () -> get(fresh));
                    } catch (IOException e) {
                        failures.add("new connection " + requests + ": " + e);
                    }
                    Thread.sleep(250);
                }
                assertThat(served).as("a renewed certificate is served within " + LIMIT.toSeconds() + " s").isNotEqualTo(first);
                CertificateInfo stored = t.fazt.certificates().list().stream().filter(i -> i.name().equals(NAME)).findFirst().orElseThrow();
                assertThat(stored.serial()).isEqualTo(served);
                assertThat(stored.state()).isEqualTo("ok");

                assertThat(get(kept)).as("the connection opened before the switch still answers").isEqualTo(200);
                assertThat(serialOf(kept)).as("on the certificate it was opened with").isEqualTo(keptSerial);
            }
            assertThat(failures).as("requests during the switch").isEmpty();
        }
    }

    private interface Request {
        int send() throws IOException;
    }

    private static void record(List<String> failures, String what, Request request) {
        try {
            int status = request.send();
            if (status != 200) failures.add(what + ": status " + status);
        } catch (IOException e) {
            failures.add(what + ": " + e);
        }
    }

    /** The serial of the first certificate served for {@link #NAME}, waiting up to {@link #LIMIT} for one. */
    private static String awaitServedSerial(TestInstance t, X509Certificate root) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (SSLSocket s = connect(t, root)) {
                return serialOf(s);
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(NAME + " got no certificate within " + LIMIT.toSeconds() + " s; last error " + last
                + "; stored " + t.fazt.certificates().list());
    }

    /** A TLS connection to 127.0.0.1 naming {@link #NAME}, trusting only pebble's root and only for that name. */
    private static SSLSocket connect(TestInstance t, X509Certificate root) throws IOException {
        SSLSocket s = (SSLSocket) PinnedNameTrust.context(root, NAME).getSocketFactory().createSocket("127.0.0.1", t.server.httpsPort());
        s.setSoTimeout(10_000);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(NAME)));
        p.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private static String serialOf(SSLSocket s) throws IOException {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
    }

    /** One HTTP/1.1 GET of {@code /} on the connection, kept alive; the status, with the body read to its end. */
    private static int get(SSLSocket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + NAME + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            throw new IOException("a chunked answer; this test reads Content-Length only: " + head);
        }
        if (in.readNBytes(length).length != length) throw new IOException("the body ended early");
        return status;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("the connection closed before the answer's head ended: " + head);
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
