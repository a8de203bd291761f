package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer reached over HTTPS (SPEC §10), the way a server behind a TLS proxy is: a TLS endpoint
 * with a certificate made here by keytool forwards to a real instance, and the laptop's CLI runs
 * in its own JVM so that it trusts that certificate (and, in a second run, does not).
 */
class PeerOverHttpsTest {
    private static final String PASS = "changeit";

    @TempDir
    Path dir;

    @Test
    void linksDeploysAndFailsClearlyWithoutTrust() throws Exception {
        Path keystore = dir.resolve("peer.p12");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "peer",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS));
        try (TestInstance server = new TestInstance(); ServerSocket tls = tlsForwarder(keystore, server.port())) {
            String url = "https://localhost:" + tls.getLocalPort();
            String laptop = dir.resolve("laptop/data.db").toString();
            String trust = "-Djavax.net.ssl.trustStore=" + keystore;

            Result untrusted = fazt(List.of(), "peer", "add", "home", url, "--code", server.fazt.pairing().mint().code(), "--data", laptop);
            assertThat(untrusted.code()).isEqualTo(1);
            assertThat(untrusted.output()).contains(url).contains("TLS failed");

            Result linked = fazt(List.of(trust, "-Djavax.net.ssl.trustStorePassword=" + PASS), "peer", "add", "home", url,
                    "--code", server.fazt.pairing().mint().code(), "--data", laptop);
            assertThat(linked.code()).as(linked.output()).isZero();
            assertThat(linked.output()).contains("linked home at " + url);

            Path site = Files.createDirectories(dir.resolve("site"));
            Files.writeString(site.resolve("index.html"), "over tls");
            Result deployed = fazt(List.of(trust, "-Djavax.net.ssl.trustStorePassword=" + PASS), "app", "deploy", site.toString(),
                    "--name", "secure", "--to", "home", "--data", laptop);
            assertThat(deployed.code()).as(deployed.output()).isZero();
            assertThat(new String(server.get("secure.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("over tls");
        }
    }

    record Result(int code, String output) {}

    /** The fazt command in a new JVM with {@code jvmArgs}; its output with errors merged in. */
    private Result fazt(List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("fazt.test.jvmFlags", "").trim().split("\\s+")));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "fazt.server.cli.Main"));
        cmd.addAll(Arrays.asList(args));
        cmd.removeIf(String::isBlank);
        return run(cmd);
    }

    private static Result run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A TLS endpoint on loopback that passes each connection's bytes on to {@code port}, like a TLS proxy. */
    private static ServerSocket tlsForwarder(Path keystore, int port) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        ServerSocket server = ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
                    Thread.ofVirtual().start(() -> pipe(client, upstream));
                    Thread.ofVirtual().start(() -> pipe(upstream, client));
                } catch (IOException e) {
                    return; // closed at the end of the test
                }
            }
        });
        return server;
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
