package fazt.core.tls;

import fazt.core.FaztException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Reads a full-chain certificate and its private key from PEM with {@code java.security} only,
 * and refuses, in words, what could not be served: no certificate, a chain out of order, a key
 * that is encrypted, of an unknown kind or not the leaf's, a certificate without DNS names, or one
 * not valid now.
 */
public final class CertificatePem {
    /** Far above any real chain or key; keeps a mistaken upload (a backup, a binary) out. */
    static final int MAX_PEM_CHARS = 64 * 1024;
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String CONVERT_HINT = "convert it with 'openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out KEY-pkcs8.pem'";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a PEM pair holds, checked: the chain leaf first, its key, and what the store lists. */
    public record Parsed(List<String> names, X509Certificate[] chain, PrivateKey key, String issuer, String serial,
            Instant notBefore, Instant notAfter) {
        public X509Certificate leaf() {
            return chain[0];
        }
    }

    private CertificatePem() {}

    /** Parses and checks {@code chainPem} (leaf first, then its issuers) and {@code keyPem} as of {@code now}. */
    public static Parsed parse(String chainPem, String keyPem, Instant now) {
        Parsed p = read(chainPem, keyPem);
        if (!now.isBefore(p.notAfter())) {
            throw FaztException.invalid("the certificate for " + String.join(", ", p.names()) + " expired on " + p.notAfter()
                    + "; renew it first");
        }
        if (now.isBefore(p.notBefore())) {
            throw FaztException.invalid("the certificate for " + String.join(", ", p.names()) + " is not valid before "
                    + p.notBefore() + "; check the clock of the machine that made it");
        }
        return p;
    }

    /** Parses and checks the pair as {@link #parse} does, except the dates: for what was stored before. */
    static Parsed read(String chainPem, String keyPem) {
        X509Certificate[] chain = chain(chainPem);
        PrivateKey key = privateKey(keyPem);
        X509Certificate leaf = chain[0];
        if (!keyMatches(key, leaf.getPublicKey())) {
            throw FaztException.invalid("the private key does not belong to the certificate for " + String.join(", ", dnsNames(leaf))
                    + " (the first certificate in the chain); give the key that was made with it");
        }
        List<String> names = dnsNames(leaf);
        if (names.isEmpty()) {
            throw FaztException.invalid("the certificate names no DNS host (no subjectAltName of type DNS); browsers would refuse it");
        }
        return new Parsed(names, chain, key, shortIssuer(leaf), leaf.getSerialNumber().toString(16),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    static X509Certificate[] chain(String pem) {
        if (pem == null || pem.isBlank()) throw FaztException.invalid("cert is required: the full chain in PEM, leaf certificate first");
        if (pem.length() > MAX_PEM_CHARS) throw FaztException.invalid("cert is " + pem.length() + " characters; a certificate chain is at most "
                + MAX_PEM_CHARS);
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw FaztException.invalid("cert is not a PEM certificate (no '-----BEGIN CERTIFICATE-----' line)"
                    + (pem.contains("PRIVATE KEY") ? "; it looks like a private key: give it as key" : ""));
        }
        Collection<? extends java.security.cert.Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw FaztException.invalid("cert could not be read as PEM certificates: " + e.getMessage());
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (java.security.cert.Certificate c : read) certs.add((X509Certificate) c);
        if (certs.isEmpty()) throw FaztException.invalid("cert holds no certificate");
        for (int i = 0; i + 1 < certs.size(); i++) {
            if (!certs.get(i).getIssuerX500Principal().equals(certs.get(i + 1).getSubjectX500Principal())) {
                throw FaztException.invalid("cert's certificates are out of order: certificate " + (i + 2) + " did not issue certificate "
                        + (i + 1) + "; give the leaf first, then each issuer (the 'fullchain.pem' of most tools)");
            }
        }
        return certs.toArray(X509Certificate[]::new);
    }

    static PrivateKey privateKey(String pem) {
        if (pem == null || pem.isBlank()) throw FaztException.invalid("key is required: the certificate's private key in PEM");
        if (pem.length() > MAX_PEM_CHARS) throw FaztException.invalid("key is " + pem.length() + " characters; a private key is at most " + MAX_PEM_CHARS);
        Matcher m = KEY_BLOCK.matcher(pem);
        if (!m.find()) {
            throw FaztException.invalid("key is not a PEM private key (no '-----BEGIN PRIVATE KEY-----' block)"
                    + (pem.contains("CERTIFICATE") ? "; it looks like a certificate: give it as cert" : ""));
        }
        String type = m.group(1);
        switch (type) {
            case "PRIVATE KEY" -> { }
            case "ENCRYPTED PRIVATE KEY" -> throw FaztException.invalid("key is encrypted with a passphrase; fazt needs it unencrypted: "
                    + CONVERT_HINT);
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw FaztException.invalid("key is in the older '" + type + "' form; "
                    + CONVERT_HINT);
            case "CERTIFICATE" -> throw FaztException.invalid("key is a certificate, not a private key; it looks like a certificate: "
                    + "give it as cert");
            default -> throw FaztException.invalid("key is a '" + type + "' block, not a private key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw FaztException.invalid("key's PEM block is not valid base64");
        }
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next kind
            }
        }
        throw FaztException.invalid("key could not be read as an RSA, EC or Ed25519 private key");
    }

    /** Whether {@code key} signs what {@code publicKey} verifies. */
    static boolean keyMatches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] data = new byte[32];
            RANDOM.nextBytes(data);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The leaf's DNS subjectAltNames, lower case, in order. */
    static List<String> dnsNames(X509Certificate cert) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateException e) {
            throw FaztException.invalid("the certificate's subjectAltName could not be read: " + e.getMessage());
        }
        return List.copyOf(names);
    }

    /** The issuer's common name (else organisation, else its whole name): what a person recognises. */
    private static String shortIssuer(X509Certificate cert) {
        String full = cert.getIssuerX500Principal().getName();
        try {
            String org = null;
            for (Rdn rdn : new LdapName(full).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return rdn.getValue().toString();
                if (rdn.getType().equalsIgnoreCase("O")) org = rdn.getValue().toString();
            }
            return org != null ? org : full;
        } catch (InvalidNameException e) {
            return full;
        }
    }
}
