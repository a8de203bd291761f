package fazt.core.acme;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A certificate the CA issued, ready to be stored and served.
 *
 * @param names the DNS names it covers, as ordered
 * @param chainPem the leaf first, then the intermediates, as PEM
 * @param keyPem the leaf's private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 * @param issuer the issuer's distinguished name, for listings
 * @param renewalWindow the CA's suggested renewal window (ACME Renewal Information), where offered
 */
public record IssuedCertificate(List<String> names, String chainPem, String keyPem, Instant notBefore,
        Instant notAfter, String issuer, Optional<RenewalWindow> renewalWindow) {

    public IssuedCertificate {
        names = List.copyOf(names);
    }

    /** A window in which the CA would like the certificate renewed. */
    public record RenewalWindow(Instant start, Instant end) {
        public RenewalWindow {
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("a renewal window ends before it starts: " + start + " .. " + end);
            }
        }
    }
}
