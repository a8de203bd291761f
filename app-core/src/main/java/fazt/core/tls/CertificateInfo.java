package fazt.core.tls;

import java.util.List;

/**
 * One certificate as {@code fazt server certs} and {@code GET /api/certs} list it: its names, who
 * issued it, when it is valid (milliseconds; 0 when an order is pending and none was issued yet),
 * where it came from ({@code acme} or {@code manual}), its state ({@code ok}, {@code pending},
 * {@code failed}) and the last error in words. Keys are never included.
 */
public record CertificateInfo(String name, List<String> names, String issuer, String serial, long notBefore, long notAfter,
        String source, String state, String error) {}
