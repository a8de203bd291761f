package fazt.core.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate ready for TLS handshakes, held in memory. {@code alias} names it to the key
 * manager and changes with every new certificate, so a handshake started before a swap still
 * finds the certificate it chose.
 */
public record ServedCertificate(String alias, String source, List<String> names, X509Certificate[] chain, PrivateKey key,
        long notAfter) {
    /** Whether this certificate covers {@code host}: exactly, or a {@code *.parent} covering one label. */
    public boolean covers(String host) {
        for (String name : names) {
            if (name.equals(host)) return true;
            if (name.startsWith("*.") && Certificates.wildcardOf(host).map(name::equals).orElse(false)) return true;
        }
        return false;
    }
}
