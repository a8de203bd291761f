package fazt.core.acme;

import fazt.core.FaztException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders certificates from an ACME CA, proving names with HTTP-01 challenges answered through
 * {@link Http01Tokens} and, where given, TLS-ALPN-01 ones answered through {@link TlsAlpnChallenges}.
 * The account is found or created with the key from {@link AccountKeys} (a new key is saved there
 * before first use), so every orderer built on the same keys uses the same account. Each order is
 * bounded by {@link AcmeSettings#timeout()}; every failure becomes an {@link AcmeOrderFailed} whose
 * message gives the CA's reason. Which names may be ordered is the caller's rule, not this class's.
 */
public final class CertificateOrderer {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateOrderer.class);
    private static final Pattern DNS_NAME = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final String KEY_CURVE = "secp256r1";
    private static final int CHALLENGE_RSA_BITS = 2048;

    private final AcmeSettings settings;
    private final AccountKeys keys;
    private final Http01Tokens tokens;
    private final TlsAlpnChallenges alpnAnswers;
    private Login login;
    private volatile ChallengeType preferred = ChallengeType.HTTP_01;

    /** The ways of proving a name this orderer knows, with the names the CA and the logs give them. */
    private enum ChallengeType {
        HTTP_01("HTTP-01", Http01Challenge.class),
        TLS_ALPN_01("TLS-ALPN-01", TlsAlpn01Challenge.class);

        final String label;
        final Class<? extends Challenge> challengeClass;

        ChallengeType(String label, Class<? extends Challenge> challengeClass) {
            this.label = label;
            this.challengeClass = challengeClass;
        }
    }

    /** A name the CA did not validate over one challenge type; another type may still work. */
    private static final class NotValidated extends RuntimeException {
        NotValidated(String message) {
            super(message, null, false, false);
        }
    }

    /** An orderer that proves names over HTTP-01 only. */
    public CertificateOrderer(AcmeSettings settings, AccountKeys keys, Http01Tokens tokens) {
        this(settings, keys, tokens, null);
    }

    /** An orderer that proves names over HTTP-01 and, when that fails, over TLS-ALPN-01 ({@code alpnAnswers} null: never). */
    public CertificateOrderer(AcmeSettings settings, AccountKeys keys, Http01Tokens tokens, TlsAlpnChallenges alpnAnswers) {
        this.settings = settings;
        this.keys = keys;
        this.tokens = tokens;
        this.alpnAnswers = alpnAnswers;
    }

    /**
     * Orders one certificate covering {@code names} and waits for it. Blocks for up to the
     * settings' timeout; one order at a time per orderer. When the CA cannot validate a name over
     * one challenge type, a fresh order tries the next one (HTTP-01, then TLS-ALPN-01 where this
     * orderer can answer it); the type that last worked is tried first next time.
     *
     * @throws FaztException (invalid) for a name that is not a DNS name a CA can validate
     * @throws AcmeOrderFailed when the CA cannot be reached, refuses, or cannot validate a name
     */
    public synchronized IssuedCertificate order(List<String> names) {
        List<String> wanted = checkedNames(names);
        OrderWaits waits = new OrderWaits(settings.timeout());
        String what = String.join(", ", wanted);
        List<String> failures = new ArrayList<>();
        List<ChallengeType> types = challengeTypes();
        for (ChallengeType type : types) {
            try {
                IssuedCertificate issued = orderWith(type, wanted, waits, what);
                preferred = type;
                return issued;
            } catch (NotValidated e) {
                failures.add(e.getMessage());
                if (failures.size() < types.size()) LOG.info("{}; trying the next challenge type", e.getMessage());
            }
        }
        throw new AcmeOrderFailed(String.join("; and ", failures));
    }

    /** The challenge types to try, in order: the one that last worked first. */
    private List<ChallengeType> challengeTypes() {
        if (alpnAnswers == null) return List.of(ChallengeType.HTTP_01);
        return preferred == ChallengeType.TLS_ALPN_01 ? List.of(ChallengeType.TLS_ALPN_01, ChallengeType.HTTP_01)
                : List.of(ChallengeType.HTTP_01, ChallengeType.TLS_ALPN_01);
    }

    private IssuedCertificate orderWith(ChallengeType type, List<String> wanted, OrderWaits waits, String what) {
        try {
            Order order = login().newOrder().domains(wanted).create();
            LOG.info("ACME order for {} at {} ({})", what, settings.directory(), type.label);
            for (Authorization authorization : order.getAuthorizations()) {
                prove(type, authorization, waits);
            }
            Status ready = waits.until(order, Set.of(Status.READY, Status.VALID, Status.INVALID), "the order for " + what);
            if (ready == Status.INVALID) {
                throw new AcmeOrderFailed("the CA gave up the order for " + what
                        + order.getError().map(p -> ": " + ProblemWords.of(p)).orElse(""));
            }
            KeyPair certificateKey = KeyPairUtils.createECKeyPair(KEY_CURVE);
            order.execute(certificateKey);
            Status issued = waits.until(order, Set.of(Status.VALID, Status.INVALID), "issuing the certificate for " + what);
            if (issued != Status.VALID) {
                throw new AcmeOrderFailed("the CA did not issue the certificate for " + what
                        + order.getError().map(p -> ": " + ProblemWords.of(p)).orElse(""));
            }
            IssuedCertificate result = issued(wanted, order.getCertificate(), certificateKey);
            LOG.info("ACME certificate for {} issued by {}, valid until {}", what, result.issuer(), result.notAfter());
            return result;
        } catch (AcmeRateLimitedException e) {
            throw new AcmeOrderFailed("the CA refused the order for " + what + " (rate limited): "
                    + ProblemWords.of(e.getProblem()), e.getRetryAfter().orElse(null));
        } catch (AcmeServerException e) {
            throw new AcmeOrderFailed("the CA refused the order for " + what + ": " + ProblemWords.of(e.getProblem()));
        } catch (AcmeException | AcmeProtocolException e) {
            throw new AcmeOrderFailed("the order for " + what + " failed: " + ProblemWords.ofNetwork(e, settings));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeOrderFailed("the order for " + what + " was stopped (the server is shutting down)");
        }
    }

    /** The account's URL at the CA, finding or creating the account first. */
    public synchronized URL accountUrl() {
        try {
            return login().getAccountLocation();
        } catch (AcmeServerException e) {
            throw new AcmeOrderFailed("the CA refused the account: " + ProblemWords.of(e.getProblem()));
        } catch (AcmeException | AcmeProtocolException e) {
            throw new AcmeOrderFailed("the ACME account could not be opened: " + ProblemWords.ofNetwork(e, settings));
        }
    }

    /**
     * The CA's current renewal window for an issued certificate (ACME Renewal Information), or
     * empty when the CA offers none or cannot be asked now: callers then fall back to
     * {@link RenewalPolicy}'s lifetime rule.
     */
    public synchronized Optional<IssuedCertificate.RenewalWindow> renewalWindow(X509Certificate leaf) {
        try {
            return window(login().bindRenewalInfo(leaf));
        } catch (AcmeException | AcmeProtocolException e) {
            LOG.debug("no renewal information for {}: {}", leaf.getSubjectX500Principal(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Answers one name's challenge of {@code type} and waits for the CA's verdict. */
    private void prove(ChallengeType type, Authorization authorization, OrderWaits waits)
            throws AcmeException, InterruptedException {
        String domain = authorization.getIdentifier().getDomain();
        if (authorization.getStatus() == Status.VALID) {
            return;
        }
        Challenge challenge = authorization.findChallenge(type.challengeClass)
                .orElseThrow(() -> new NotValidated("the CA offers no " + type.label + " challenge for " + domain));
        Runnable withdraw = answer(challenge, authorization);
        try {
            challenge.trigger();
            Status status = waits.until(challenge, Set.of(Status.VALID, Status.INVALID), "validating " + domain);
            if (status != Status.VALID) {
                throw new NotValidated("the CA could not validate " + domain + " over " + type.label
                        + challenge.getError().map(p -> ": " + ProblemWords.of(p)).orElse(""));
            }
        } finally {
            withdraw.run();
        }
    }

    /** Makes the answer to {@code challenge} available to the CA; the returned action takes it back. */
    private Runnable answer(Challenge challenge, Authorization authorization) {
        if (challenge instanceof Http01Challenge http) {
            tokens.put(http.getToken(), http.getAuthorization());
            return () -> tokens.remove(http.getToken());
        }
        TlsAlpn01Challenge alpn = (TlsAlpn01Challenge) challenge;
        String domain = authorization.getIdentifier().getDomain();
        KeyPair key = KeyPairUtils.createKeyPair(CHALLENGE_RSA_BITS); // acme4j signs the challenge certificate with RSA
        alpnAnswers.put(domain, alpn.createCertificate(key, authorization.getIdentifier()), key.getPrivate());
        return () -> alpnAnswers.remove(domain);
    }

    private Login login() throws AcmeException {
        if (login == null) {
            AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
            settings.email().ifPresent(account::addEmail);
            login = account.createLogin(AcmeSessions.open(settings));
            LOG.info("ACME account {}", login.getAccountLocation());
        }
        return login;
    }

    private KeyPair accountKey() {
        AcmeSessions.registerBouncyCastle();
        Optional<String> stored = keys.load();
        if (stored.isPresent()) {
            try {
                return KeyPairUtils.readKeyPair(new StringReader(stored.get()));
            } catch (IOException | RuntimeException e) {
                throw new AcmeOrderFailed("the stored ACME account key cannot be read (" + e.getMessage()
                        + "); remove it to have a new account made");
            }
        }
        KeyPair created = KeyPairUtils.createECKeyPair(KEY_CURVE);
        StringWriter pem = new StringWriter();
        try {
            KeyPairUtils.writeKeyPair(created, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.save(pem.toString());
        return created;
    }

    private static IssuedCertificate issued(List<String> names, Certificate certificate, KeyPair key)
            throws AcmeException {
        certificate.download();
        X509Certificate leaf = certificate.getCertificate();
        StringWriter chain = new StringWriter();
        try {
            certificate.writeCertificate(chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<IssuedCertificate.RenewalWindow> window = Optional.empty();
        if (certificate.hasRenewalInfo()) {
            try {
                window = window(certificate.getRenewalInfo());
            } catch (AcmeProtocolException e) {
                LOG.debug("no renewal information: {}", e.getMessage());
            }
        }
        return new IssuedCertificate(names, chain.toString(), privateKeyPem(key), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), leaf.getIssuerX500Principal().getName(), window);
    }

    private static Optional<IssuedCertificate.RenewalWindow> window(RenewalInfo info) {
        return Optional.of(new IssuedCertificate.RenewalWindow(info.getSuggestedWindowStart(),
                info.getSuggestedWindowEnd()));
    }

    private static String privateKeyPem(KeyPair key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** Lower-cased, without a trailing dot, each once; an empty list or a non-DNS name is refused. */
    static List<String> checkedNames(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw FaztException.invalid("a certificate order needs at least one name");
        }
        Set<String> clean = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            if (name.startsWith("*.")) {
                throw FaztException.invalid("'" + raw + "' is a wildcard name: a CA proves those only over DNS, "
                        + "which fazt does not do; bring the certificate yourself");
            }
            if (!DNS_NAME.matcher(name).matches() || name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                throw FaztException.invalid("'" + raw + "' is not a domain name a CA can issue for "
                        + "(letters, digits and hyphens, with at least one dot)");
            }
            clean.add(name);
        }
        return new ArrayList<>(clean);
    }
}
