package fazt.core.acme;

import fazt.core.FaztException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.provider.letsencrypt.LetsEncryptAcmeProvider;
import org.shredzone.acme4j.provider.pebble.PebbleAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Opens acme4j sessions for {@link AcmeSettings}: picks the provider for the directory and, when a
 * CA file is given, trusts exactly its certificates for the directory's HTTPS endpoint. The
 * providers are named here rather than found through ServiceLoader, so a merged jar cannot lose them.
 */
final class AcmeSessions {
    private static final List<AcmeProvider> KNOWN = List.of(new LetsEncryptAcmeProvider(), new PebbleAcmeProvider(),
            new GenericAcmeProvider());

    private AcmeSessions() {}

    /** acme4j's key and CSR helpers ask for the "BC" provider by name. */
    static void registerBouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    static Session open(AcmeSettings settings) {
        registerBouncyCastle();
        URI directory = settings.directory();
        AcmeProvider base = KNOWN.stream().filter(p -> p.accepts(directory)).findFirst()
                .orElseThrow(() -> FaztException.invalid("no ACME CA is known as " + directory
                        + " (use an https:// directory URL, " + AcmeSettings.LETS_ENCRYPT
                        + " or acme://pebble/host:port)"));
        AcmeProvider provider = settings.trustedCaPem().<AcmeProvider>map(pem -> new Trusting(base, sslContext(pem)))
                .orElse(base);
        Session session = new Session(directory, provider);
        session.networkSettings().setTimeout(Duration.ofSeconds(20));
        return session;
    }

    private static SSLContext sslContext(String pem) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw FaztException.invalid("the CA file's certificates cannot be read: " + e.getMessage());
        }
    }

    /** Another provider with its HTTP client trusting the given CA only. */
    private static final class Trusting implements AcmeProvider {
        private final AcmeProvider base;
        private final SSLContext context;

        Trusting(AcmeProvider base, SSLContext context) {
            this.base = base;
            this.context = context;
        }

        @Override
        public boolean accepts(URI serverUri) {
            return base.accepts(serverUri);
        }

        @Override
        public URL resolve(URI serverUri) {
            return base.resolve(serverUri);
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings network) {
            HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(network.getTimeout()).proxy(network.getProxySelector()).sslContext(context);
            if (network.getAuthenticator() != null) {
                builder.authenticator(network.getAuthenticator());
            }
            return builder.build();
        }

        @Override
        public Connection connect(URI serverUri, NetworkSettings network, HttpClient client) {
            return base.connect(serverUri, network, client);
        }

        @Override
        public JSON directory(Session session, URI serverUri) throws AcmeException {
            return base.directory(session, serverUri);
        }

        @Override
        public Challenge createChallenge(Login login, JSON data) {
            return base.createChallenge(login, data);
        }

        @Override
        public Optional<String> getProposedEabMacAlgorithm() {
            return base.getProposedEabMacAlgorithm();
        }
    }
}
