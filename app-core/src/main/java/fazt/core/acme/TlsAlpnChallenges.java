package fazt.core.acme;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS-ALPN-01 answers waiting for the CA (RFC 8737): per name, the self-signed certificate that
 * carries the key authorization's digest. The orderer puts one in before it asks the CA to validate
 * and takes it out when validation has ended; the HTTPS listener presents it to a client that asks
 * for that name (SNI) with the {@value #PROTOCOL} protocol (ALPN), and to no one else.
 */
public final class TlsAlpnChallenges {
    /** The ALPN protocol id a validating CA offers, and nothing else does. */
    public static final String PROTOCOL = "acme-tls/1";
    private static final String ALIAS_PREFIX = PROTOCOL + " ";

    /** A challenge certificate and its key, under the alias the key manager hands to TLS. */
    public record Answer(String alias, X509Certificate certificate, PrivateKey key) {}

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    /** The answer for a client's SNI name, or empty when no validation of that name is under way. */
    public Optional<Answer> forServerName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(answers.get(normalized(name)));
    }

    /** The answer behind an alias from {@link #forServerName}, while its validation is under way. */
    public Optional<Answer> byAlias(String alias) {
        if (alias == null || !alias.startsWith(ALIAS_PREFIX)) return Optional.empty();
        return forServerName(alias.substring(ALIAS_PREFIX.length()));
    }

    /** Whether an alias is one of this class's (so no other store needs asking). */
    public static boolean isChallengeAlias(String alias) {
        return alias != null && alias.startsWith(ALIAS_PREFIX);
    }

    void put(String name, X509Certificate certificate, PrivateKey key) {
        String host = normalized(name);
        answers.put(host, new Answer(ALIAS_PREFIX + host, certificate, key));
    }

    void remove(String name) {
        answers.remove(normalized(name));
    }

    /** How many validations are waiting; zero between orders. */
    public int pending() {
        return answers.size();
    }

    private static String normalized(String name) {
        String host = name.trim().toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
