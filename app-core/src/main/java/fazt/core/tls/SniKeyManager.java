package fazt.core.tls;

import fazt.core.acme.TlsAlpnChallenges;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server side of a TLS handshake: the certificate is the one {@link Certificates} holds for the
 * client's SNI name at that moment, so a new or renewed certificate is used from the next handshake
 * on. No SNI, or a name no certificate covers: no certificate, and the handshake fails, so a
 * stranger probing the address learns no names. A client that offers only the
 * {@code acme-tls/1} protocol is a CA validating a name (RFC 8737) and gets that name's challenge
 * certificate while a validation is under way, never a served one. Only the server side is implemented.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
    private final Certificates certificates;
    private final TlsAlpnChallenges challenges;

    /** Serves {@code certificates}, and to a CA validating over TLS-ALPN-01 the answers in {@code challenges}. */
    public SniKeyManager(Certificates certificates, TlsAlpnChallenges challenges) {
        this.certificates = certificates;
        this.challenges = challenges;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return engine == null ? null : choose(keyType, engine.getHandshakeSession(), engine.getHandshakeApplicationProtocol());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return socket instanceof SSLSocket s ? choose(keyType, s.getHandshakeSession(), s.getHandshakeApplicationProtocol()) : null;
    }

    /**
     * The alias for the client's SNI name: a challenge answer when the client asked for
     * {@link TlsAlpnChallenges#PROTOCOL} (only a validating CA does), else the served certificate.
     */
    private String choose(String keyType, SSLSession handshake, String applicationProtocol) {
        if (!(handshake instanceof ExtendedSSLSession session)) return null;
        boolean validation = TlsAlpnChallenges.PROTOCOL.equals(applicationProtocol);
        for (SNIServerName name : session.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                if (validation) {
                    Optional<TlsAlpnChallenges.Answer> answer = challenges.forServerName(host.getAsciiName());
                    if (answer.isPresent() && fits(keyType, answer.get().key())) return answer.get().alias();
                    continue;
                }
                Optional<ServedCertificate> cert = certificates.forServerName(host.getAsciiName());
                if (cert.isPresent() && fits(keyType, cert.get().key())) return cert.get().alias();
            }
        }
        return null;
    }

    /** Whether a key can sign for the key type JSSE asks about ({@code EC}, {@code RSA}, {@code RSASSA-PSS}, {@code EdDSA}). */
    private static boolean fits(String keyType, PrivateKey key) {
        String algorithm = key.getAlgorithm();
        if (keyType.equals(algorithm)) return true;
        if (keyType.equals("EdDSA")) return algorithm.startsWith("Ed");
        return keyType.equals("RSASSA-PSS") && algorithm.equals("RSA");
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        if (TlsAlpnChallenges.isChallengeAlias(alias)) {
            return challenges.byAlias(alias).map(a -> new X509Certificate[] {a.certificate()}).orElse(null);
        }
        return certificates.byAlias(alias).map(c -> c.chain().clone()).orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        if (TlsAlpnChallenges.isChallengeAlias(alias)) return challenges.byAlias(alias).map(TlsAlpnChallenges.Answer::key).orElse(null);
        return certificates.byAlias(alias).map(ServedCertificate::key).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
