package fazt.server;

import fazt.core.tls.Certificates;
import fazt.core.tls.SniKeyManager;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HostHeaderCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS listener: TLS 1.2 and 1.3 with forward-secret AEAD suites only, HTTP/2 offered over
 * ALPN with HTTP/1.1 beside it, and the certificate chosen per SNI name from {@link Certificates}
 * in memory by {@link SniKeyManager} (so a new certificate is used without a restart, and a name
 * without one gets no certificate at all).
 */
final class TlsConnector {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** TLS 1.3's suites, and TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305 (what HTTP/2 allows). */
    private static final String[] CIPHER_SUITES = {"TLS_AES_.*", "TLS_CHACHA20_.*", "TLS_ECDHE_(ECDSA|RSA)_WITH_AES_(128|256)_GCM_.*",
            "TLS_ECDHE_(ECDSA|RSA)_WITH_CHACHA20_POLY1305_.*"};

    private TlsConnector() {}

    /** A connector for {@code server} on {@code host} ({@code null}: every interface) and {@code port} (0: a free one). */
    static ServerConnector create(Server server, HttpConfiguration plain, Certificates certificates, String host, int port) {
        HttpConfiguration https = new HttpConfiguration(plain);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the key manager already picked the certificate for the SNI name; Jetty's own check needs its keystore
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(sslContext(certificates));
        tls.setIncludeProtocols(PROTOCOLS);
        tls.setIncludeCipherSuites(CIPHER_SUITES);
        tls.setUseCipherSuitesOrder(true);

        // HTTP/2 names the host in the :authority pseudo-header, not in Host; routing, redirects and
        // analytics read Host, so HTTP/2 requests get one made from :authority (HTTP/1.1 has its own)
        HttpConfiguration https2 = new HttpConfiguration(https);
        https2.addCustomizer(new HostHeaderCustomizer());

        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(https2);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http1);
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static SSLContext sslContext(Certificates certificates) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new SniKeyManager(certificates)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no usable TLS: " + e.getMessage(), e);
        }
    }
}
