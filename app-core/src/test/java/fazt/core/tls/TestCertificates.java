package fazt.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A certificate authority made for a test with the JDK's keytool, issuing PEM certificates for
 * any names (wildcards too), with any validity (an expired one included), and the trust a client
 * needs to accept them.
 */
public final class TestCertificates {
    private static final String PASS = "changeit";

    private final Path dir;
    private final Path store;
    private final X509Certificate ca;
    private final String caPem;
    private int issued;

    /** A certificate and its key in PEM, as an owner would import them. */
    public record Pem(String chain, String key, String serial) {}

    public TestCertificates(Path dir) {
        this.dir = dir;
        this.store = dir.resolve("test-ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=fazt test CA",
                "-ext", "bc:c", "-validity", "30");
        String exported = keytoolOutput("-exportcert", "-rfc", "-alias", "ca");
        caPem = exported.substring(exported.indexOf("-----BEGIN"), exported.lastIndexOf("-----") + 5);
        ca = parse(caPem);
    }

    /** A certificate for {@code names} (first one is the subject), valid from now for {@code days}. */
    public Pem issue(String... names) {
        return issue(null, 10, names);
    }

    /** As above, starting at {@code startDate} (keytool's form, e.g. {@code -20d}) and valid {@code days}. */
    public Pem issue(String startDate, int days, String... names) {
        String alias = "leaf" + (++issued);
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + names[0],
                "-validity", "10");
        Path request = dir.resolve(alias + ".csr");
        Path cert = dir.resolve(alias + ".pem");
        keytool("-certreq", "-alias", alias, "-file", request.toString());
        List<String> args = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-rfc", "-infile", request.toString(),
                "-outfile", cert.toString(), "-validity", String.valueOf(days), "-ext", "SAN=" + sans(names)));
        if (startDate != null) args.addAll(List.of("-startdate", startDate));
        keytool(args.toArray(String[]::new));
        try {
            String leafPem = Files.readString(cert);
            return new Pem(leafPem.strip() + "\n" + caPem.strip() + "\n", keyPem(alias), parse(leafPem).getSerialNumber().toString(16));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test CA's certificate. */
    public X509Certificate ca() {
        return ca;
    }

    /** A client context that trusts only the test CA. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trusting(ca)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's own chain check, trusting {@code root} and nothing else. */
    public static X509TrustManager trusting(X509Certificate root) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sans(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) out.add("dns:" + n);
        return String.join(",", out);
    }

    private String keyPem(String alias) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASS.toCharArray());
            PrivateKey key = (PrivateKey) ks.getKey(alias, PASS.toCharArray());
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keytool(String... args) {
        keytoolOutput(args);
    }

    private String keytoolOutput(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS, "-noprompt"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool " + args[0] + ": " + out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
