package fazt.server;

import fazt.core.acme.TlsAlpnChallenges;
import fazt.core.tls.Certificates;
import fazt.core.tls.SniKeyManager;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;
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
 * without one gets no certificate at all). A CA validating a name over TLS-ALPN-01 negotiates
 * {@code acme-tls/1}: it gets the challenge certificate in the handshake and nothing after it.
 */
final class TlsConnector {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** TLS 1.3's suites, and TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305 (what HTTP/2 allows). */
    private static final String[] CIPHER_SUITES = {"TLS_AES_.*", "TLS_CHACHA20_.*", "TLS_ECDHE_(ECDSA|RSA)_WITH_AES_(128|256)_GCM_.*",
            "TLS_ECDHE_(ECDSA|RSA)_WITH_CHACHA20_POLY1305_.*"};

    private static final String SESSION_TICKETS = "jdk.tls.server.enableSessionTicketExtension";

    private TlsConnector() {}

    /** A connector for {@code server} on {@code host} ({@code null}: every interface) and {@code port} (0: a free one). */
    static ServerConnector create(Server server, HttpConfiguration plain, Certificates certificates,
            TlsAlpnChallenges challenges, String host, int port) {
        HttpConfiguration https = new HttpConfiguration(plain);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the key manager already picked the certificate for the SNI name; Jetty's own check needs its keystore
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(sslContext(certificates, challenges));
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
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http1,
                new AcmeTlsValidation());
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /**
     * The protocol a validating CA negotiates: RFC 8737 ends the exchange with the handshake, so
     * the connection is closed as soon as it opens (no HTTP is ever spoken on it).
     */
    private static final class AcmeTlsValidation extends AbstractConnectionFactory {
        AcmeTlsValidation() {
            super(TlsAlpnChallenges.PROTOCOL);
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            return configure(new AbstractConnection(endPoint, connector.getExecutor()) {
                @Override
                public void onOpen() {
                    super.onOpen();
                    getEndPoint().close();
                }

                @Override
                public void onFillable() {}
            }, connector, endPoint);
        }
    }

    /**
     * A context whose server sessions are kept in its own cache, so a returning client resumes
     * (no full handshake). The JDK's default, stateless session tickets, cannot resume here: to
     * restore a ticket's certificate JSSE asks the key manager for an alias before the handshake
     * has an SNI name, and {@link SniKeyManager} chooses by name. The choice is read from
     * {@value #SESSION_TICKETS} when the context is made, so it is set around that moment only.
     */
    private static SSLContext sslContext(Certificates certificates, TlsAlpnChallenges challenges) {
        try {
            SSLContext context = statefulContext();
            context.init(new KeyManager[] {new SniKeyManager(certificates, challenges)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no usable TLS: " + e.getMessage(), e);
        }
    }

    private static synchronized SSLContext statefulContext() throws GeneralSecurityException {
        String before = System.getProperty(SESSION_TICKETS);
        System.setProperty(SESSION_TICKETS, "false");
        try {
            return SSLContext.getInstance("TLS");
        } finally {
            if (before == null) System.clearProperty(SESSION_TICKETS);
            else System.setProperty(SESSION_TICKETS, before);
        }
    }
}
