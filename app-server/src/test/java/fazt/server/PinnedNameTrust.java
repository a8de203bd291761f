package fazt.server;

import fazt.core.tls.TestCertificates;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Client-side trust for tests that connect to 127.0.0.1 while naming a host in SNI: the chain must
 * lead to the test CA (checked by the JDK's own trust manager) and the leaf must cover the expected
 * name (checked here, since the JDK would compare it with the address connected to). Nothing else
 * is relaxed.
 */
final class PinnedNameTrust extends X509ExtendedTrustManager {
    private final X509TrustManager chainCheck;
    private final String expectedName;

    private PinnedNameTrust(X509TrustManager chainCheck, String expectedName) {
        this.chainCheck = chainCheck;
        this.expectedName = expectedName.toLowerCase(Locale.ROOT);
    }

    /** A client context trusting only {@code ca}, and only for a leaf that covers {@code name}. */
    static SSLContext context(X509Certificate ca, String name) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedNameTrust(TestCertificates.trusting(ca), name)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chainCheck.checkServerTrusted(chain, authType);
        if (!covers(chain[0], expectedName)) {
            throw new CertificateException("the certificate does not cover " + expectedName);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    private static boolean covers(X509Certificate leaf, String name) throws CertificateParsingException {
        Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
        if (alternatives == null) return false;
        for (List<?> entry : alternatives) {
            if (!Integer.valueOf(2).equals(entry.get(0))) continue; // 2: a DNS name
            String dns = entry.get(1).toString().toLowerCase(Locale.ROOT);
            if (dns.equals(name)) return true;
            if (dns.startsWith("*.") && name.endsWith(dns.substring(1)) && name.indexOf('.') == name.length() - dns.length() + 1) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a test client never checks clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chainCheck.getAcceptedIssuers();
    }
}
