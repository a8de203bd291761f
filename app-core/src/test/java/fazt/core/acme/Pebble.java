package fazt.core.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's pebble (a test ACME CA) and pebble-challtestsrv (its DNS, answering every name with
 * 127.0.0.1) on free loopback ports. Pebble validates HTTP-01 against {@code httpPort} on
 * 127.0.0.1, a port the test serves. Nothing is downloaded; {@code .ci/run} installs the package.
 * {@link #close()} stops both processes by their PIDs.
 */
public final class Pebble implements AutoCloseable {
    private static final Path PEBBLE = Path.of("/usr/bin/pebble");
    private static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Path dir;
    private final LoopbackCertificates tls;
    private final List<Process> processes = new ArrayList<>();
    private final int acmePort;
    private final int managementPort;

    private Pebble(Path dir, LoopbackCertificates tls, int acmePort, int managementPort) {
        this.dir = dir;
        this.tls = tls;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
    }

    /** Starts the CA, validating HTTP-01 challenges against 127.0.0.1:{@code httpPort}. */
    public static Pebble start(int httpPort) {
        return start(httpPort, freeTcpPort(), null);
    }

    /**
     * Starts the CA, validating HTTP-01 against 127.0.0.1:{@code httpPort} and TLS-ALPN-01 against
     * 127.0.0.1:{@code tlsPort}, issuing certificates valid for {@code certificateValidity}
     * ({@code null}: pebble's default of five years).
     */
    public static Pebble start(int httpPort, int tlsPort, Duration certificateValidity) {
        if (!Files.isExecutable(PEBBLE) || !Files.isExecutable(CHALLTESTSRV)) {
            throw new IllegalStateException("the ACME tests need Debian's pebble and pebble-challtestsrv "
                    + "(apt-get install pebble; .ci/run does this)");
        }
        try {
            Path dir = Files.createTempDirectory("fazt-pebble");
            LoopbackCertificates tls = LoopbackCertificates.create();
            Files.writeString(dir.resolve("cert.pem"), tls.serverCertPem());
            Files.writeString(dir.resolve("key.pem"), tls.serverKeyPem());
            Pebble pebble = new Pebble(dir, tls, freeTcpPort(), freeTcpPort());
            pebble.launch(httpPort, tlsPort, certificateValidity);
            return pebble;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(int httpPort, int tlsPort, Duration certificateValidity) throws IOException {
        int dnsPort = freeUdpPort();
        int challtestManagement = freeTcpPort();
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "",
                  %s"externalAccountBindingRequired": false
                }}
                """.formatted(acmePort, managementPort, dir.resolve("cert.pem"), dir.resolve("key.pem"), httpPort,
                tlsPort, certificateValidity == null ? ""
                        : "\"certificateValidityPeriod\": " + certificateValidity.toSeconds() + ",\n  "));
        try {
            Process dns = spawn("challtestsrv", List.of(CHALLTESTSRV.toString(), "-dns01", "127.0.0.1:" + dnsPort,
                    "-management", "127.0.0.1:" + challtestManagement, "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                    "-http01", "", "-https01", "", "-tlsalpn01", ""));
            awaitListening(dns, "challtestsrv", challtestManagement);
            Process ca = spawn("pebble", List.of(PEBBLE.toString(), "-config", dir.resolve("pebble.json").toString(),
                    "-dnsserver", "127.0.0.1:" + dnsPort));
            awaitListening(ca, "pebble", acmePort);
            awaitListening(ca, "pebble", managementPort);
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    private Process spawn(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        // no random validation delay and no random bad-nonce rejections (STACK.md §12)
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitListening(Process process, String name, int port) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + log(name));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + port + " within "
                + START_LIMIT.toSeconds() + " s: " + log(name));
    }

    /** What a process printed, for a failure message. */
    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The directory as an https URL (acme4j's generic provider). */
    public String directoryUrl() {
        return "https://127.0.0.1:" + acmePort + "/dir";
    }

    /** The directory as acme4j's pebble URI. */
    public String pebbleUri() {
        return "acme://pebble/127.0.0.1:" + acmePort;
    }

    /** The CA that signed pebble's own HTTPS certificate: trust it for the directory. */
    public String trustPem() {
        return tls.caPem();
    }

    /** Settings for the https directory, trusting pebble's listener. */
    public AcmeSettings settings() {
        return AcmeSettings.directory(directoryUrl()).withTrustedCaPem(trustPem());
    }

    /** The root pebble issues under, as PEM ({@code GET /roots/0} on its management port). */
    public String issuingRootPem() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(trustPem().getBytes(StandardCharsets.UTF_8))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            try (HttpClient client = HttpClient.newBuilder().sslContext(context).build()) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("pebble's /roots/0 answered " + answer.statusCode());
                }
                return answer.body();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read pebble's root: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (Process process : processes.reversed()) {
            process.toHandle().destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.toHandle().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    public static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pebble", e);
        }
    }
}
