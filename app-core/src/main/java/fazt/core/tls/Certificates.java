package fazt.core.tls;

import fazt.core.FaztException;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates HTTPS serves, kept in data.db (so a copy or {@code fazt backup} carries them)
 * and held in memory for handshakes: {@link #forServerName} picks one per SNI name without touching
 * the database, and every change is served from the next handshake on, without a restart.
 *
 * <p>Which certificate serves a name: a manual one (imported by the owner) covering it exactly, then
 * a manual wildcard {@code *.parent} covering one label, then the same two among the ones fazt
 * ordered ({@code acme}); among several, the one valid longest. Nothing covers it: empty, and the
 * handshake fails rather than show another name's certificate.
 *
 * <p>An ACME order's progress is kept per name ({@code pending}, {@code failed} with the CA's reason);
 * a certificate already issued for it stays served meanwhile. The ACME account key is kept here too.
 */
public final class Certificates {
    private static final Logger log = LoggerFactory.getLogger(Certificates.class);
    public static final String ACME = "acme";
    public static final String MANUAL = "manual";
    private static final int MAX_ERROR_CHARS = 2000;

    private final Database db;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Every certificate loaded this run, by alias; aliases are unique per certificate, so entries never go stale. */
    private final Map<String, ServedCertificate> byAlias = new ConcurrentHashMap<>();
    private volatile Index index = new Index(Map.of(), Map.of());

    /** The lookups of one moment: per source, host or wildcard name → the certificate serving it. */
    private record Index(Map<String, ServedCertificate> manual, Map<String, ServedCertificate> acme) {}

    public Certificates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        reload();
    }

    /**
     * Imports the owner's certificate: {@code chainPem} the full chain (leaf first), {@code keyPem}
     * its private key (PKCS#8). Refused in words, with nothing stored, when it is malformed, the key
     * is not the leaf's, or it is expired or not yet valid. Replaces a manual certificate with the
     * same first name; for the names it covers it wins over ordered ones.
     */
    public CertificateInfo importPem(String chainPem, String keyPem) {
        CertificatePem.Parsed p = CertificatePem.parse(chainPem, keyPem, clock.instant());
        String name = p.names().get(0);
        upsertIssued(MANUAL, name, p, chainPem, keyPem);
        log.info("imported a certificate for {} (issuer {}, valid until {})", String.join(", ", p.names()), p.issuer(), p.notAfter());
        changed(name);
        return info(MANUAL, name);
    }

    /** Stores a certificate ordered for {@code name} (state {@code ok}, error cleared); checked as {@link #importPem} checks. */
    public CertificateInfo store(String name, String chainPem, String keyPem) {
        String host = normalized(name);
        CertificatePem.Parsed p = CertificatePem.parse(chainPem, keyPem, clock.instant());
        if (!new ServedCertificate("", ACME, p.names(), p.chain(), p.key(), 0).covers(host)) {
            throw FaztException.invalid("the certificate names " + String.join(", ", p.names()) + ", not " + host);
        }
        upsertIssued(ACME, host, p, chainPem, keyPem);
        log.info("stored the certificate ordered for {} (valid until {})", host, p.notAfter());
        changed(host);
        return info(ACME, host);
    }

    /** Records that a certificate for {@code name} is being ordered; a certificate it has stays served. */
    public void markPending(String name) {
        markState(normalized(name), "pending", null);
    }

    /** Records that ordering for {@code name} failed, with the reason in words; a certificate it has stays served. */
    public void markFailed(String name, String reason) {
        String r = reason == null || reason.isBlank() ? "failed without a reason" : reason;
        markState(normalized(name), "failed", r.length() > MAX_ERROR_CHARS ? r.substring(0, MAX_ERROR_CHARS) + "…" : r);
    }

    /** The certificate for a TLS client's SNI name (see the class comment for the order); empty when none covers it. */
    public Optional<ServedCertificate> forServerName(String sni) {
        if (sni == null || sni.isEmpty()) return Optional.empty();
        String host = sni.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        Index now = index;
        Optional<String> wildcard = wildcardOf(host);
        for (Map<String, ServedCertificate> source : List.of(now.manual(), now.acme())) {
            ServedCertificate exact = source.get(host);
            if (exact != null) return Optional.of(exact);
            if (wildcard.isPresent() && source.containsKey(wildcard.get())) return Optional.of(source.get(wildcard.get()));
        }
        return Optional.empty();
    }

    /** A certificate loaded this run by its alias (what the key manager was told). */
    public Optional<ServedCertificate> byAlias(String alias) {
        return alias == null ? Optional.empty() : Optional.ofNullable(byAlias.get(alias));
    }

    /** Every certificate and every order in progress, by name; manual ones first. */
    /** How many certificates are served, being ordered or failed, for the health report, with the {@code https} setting. */
    public fazt.core.Health.Certificates summary(String httpsSetting) {
        int good = 0, pending = 0, failed = 0;
        for (CertificateInfo info : list()) {
            switch (info.state()) {
                case "pending" -> pending++;
                case "failed" -> failed++;
                default -> good++;
            }
        }
        return new fazt.core.Health.Certificates(httpsSetting, good, pending, failed);
    }

    public List<CertificateInfo> list() {
        return db.read(c -> {
            List<CertificateInfo> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + INFO_COLUMNS + " FROM certificates ORDER BY source DESC, name");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) all.add(info(rs));
            }
            return all;
        });
    }

    /** Removes the manual certificate whose first name is {@code name}; ordered ones are fazt's to renew and are refused. */
    public void remove(String name) {
        String host = normalized(name);
        int removed = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM certificates WHERE source = 'manual' AND name = ?")) {
                p.setString(1, host);
                return p.executeUpdate();
            }
        });
        if (removed == 0) {
            boolean ordered = list().stream().anyMatch(i -> i.source().equals(ACME) && i.name().equals(host));
            if (ordered) {
                throw FaztException.invalid(host + " has a certificate fazt ordered and renews itself; only imported (manual) ones can "
                        + "be removed");
            }
            throw FaztException.notFound("no imported certificate named " + host + "; 'fazt server certs' lists them");
        }
        log.info("removed the imported certificate {}", host);
        changed(host);
    }

    /** The ACME account's key (PEM), when one was stored. */
    public Optional<String> accountKeyPem() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT key_pem FROM acme_account WHERE id = 1"); ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    /** Keeps the ACME account's key (PEM), replacing any stored before. */
    public void storeAccountKey(String pem) {
        if (pem == null || !pem.contains("-----BEGIN ")) throw FaztException.invalid("the account key must be PEM");
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO acme_account(id, key_pem, created_at) VALUES (1, ?, ?) "
                    + "ON CONFLICT(id) DO UPDATE SET key_pem = excluded.key_pem, created_at = excluded.created_at")) {
                p.setString(1, pem);
                p.setLong(2, clock.millis());
                return p.executeUpdate();
            }
        });
    }

    /**
     * Runs {@code listener} after every change (import, removal, new certificate, order state); each
     * is also published on the change stream as {@code certificate.changed} with the name.
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** {@code parent} of {@code label.parent} as {@code *.parent}; empty for a name of one label. */
    static Optional<String> wildcardOf(String host) {
        int dot = host.indexOf('.');
        return dot <= 0 || dot == host.length() - 1 ? Optional.empty() : Optional.of("*" + host.substring(dot));
    }

    private static String normalized(String name) {
        if (name == null || name.isBlank()) throw FaztException.invalid("a certificate name is required, like blog.example.com");
        String host = name.trim().toLowerCase(Locale.ROOT);
        if (!host.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
            throw FaztException.invalid("'" + name + "' is not a host name like blog.example.com or *.example.com");
        }
        return host;
    }

    private void upsertIssued(String source, String name, CertificatePem.Parsed p, String chainPem, String keyPem) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO certificates(source, name, names, chain_pem, key_pem, issuer, "
                    + "serial, not_before, not_after, state, last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', NULL, ?) "
                    + "ON CONFLICT(source, name) DO UPDATE SET names = excluded.names, chain_pem = excluded.chain_pem, "
                    + "key_pem = excluded.key_pem, issuer = excluded.issuer, serial = excluded.serial, "
                    + "not_before = excluded.not_before, not_after = excluded.not_after, state = 'ok', last_error = NULL, "
                    + "updated_at = excluded.updated_at")) {
                s.setString(1, source);
                s.setString(2, name);
                s.setString(3, String.join(" ", p.names()));
                s.setString(4, chainPem);
                s.setString(5, keyPem);
                s.setString(6, p.issuer());
                s.setString(7, p.serial());
                s.setLong(8, p.notBefore().toEpochMilli());
                s.setLong(9, p.notAfter().toEpochMilli());
                s.setLong(10, clock.millis());
                return s.executeUpdate();
            }
        });
    }

    private void markState(String name, String state, String error) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO certificates(source, name, names, state, last_error, updated_at) "
                    + "VALUES ('acme', ?, ?, ?, ?, ?) ON CONFLICT(source, name) DO UPDATE SET state = excluded.state, "
                    + "last_error = excluded.last_error, updated_at = excluded.updated_at")) {
                s.setString(1, name);
                s.setString(2, name);
                s.setString(3, state);
                s.setString(4, error);
                s.setLong(5, clock.millis());
                return s.executeUpdate();
            }
        });
        if (error != null) log.warn("certificate for {}: {}", name, error);
        changed(name);
    }

    private static final String INFO_COLUMNS = "name, names, issuer, serial, not_before, not_after, source, state, last_error";

    private CertificateInfo info(String source, String name) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + INFO_COLUMNS + " FROM certificates WHERE source = ? AND name = ?")) {
                p.setString(1, source);
                p.setString(2, name);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) throw FaztException.notFound("no certificate " + source + " " + name);
                    return info(rs);
                }
            }
        });
    }

    private static CertificateInfo info(ResultSet rs) throws SQLException {
        return new CertificateInfo(rs.getString(1), List.of(rs.getString(2).split(" ")), rs.getString(3), rs.getString(4),
                rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    /** Serves the change from the next handshake and tells the listeners and the change stream (a dashboard shows a failed order at once). */
    private void changed(String name) {
        reload();
        db.changes().publish(ChangeKind.CERTIFICATE_CHANGED, null, name);
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a certificate change listener failed: {}", e.getMessage());
            }
        }
    }

    /** Reads every stored certificate into a new index; one that no longer parses is logged and left out. */
    private synchronized void reload() {
        Map<String, ServedCertificate> manual = new HashMap<>();
        Map<String, ServedCertificate> acme = new HashMap<>();
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT source, name, chain_pem, key_pem FROM certificates "
                    + "WHERE chain_pem IS NOT NULL AND key_pem IS NOT NULL"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String source = rs.getString(1);
                    try {
                        CertificatePem.Parsed parsed = CertificatePem.read(rs.getString(3), rs.getString(4));
                        String alias = source + ":" + rs.getString(2) + ":" + parsed.serial();
                        ServedCertificate cert = byAlias.computeIfAbsent(alias, a -> new ServedCertificate(a, source, parsed.names(),
                                parsed.chain(), parsed.key(), parsed.notAfter().toEpochMilli()));
                        Map<String, ServedCertificate> into = source.equals(MANUAL) ? manual : acme;
                        for (String name : cert.names()) into.merge(name, cert, (a, b) -> a.notAfter() >= b.notAfter() ? a : b);
                    } catch (FaztException e) {
                        log.warn("the stored certificate {} {} is not served: {}", source, rs.getString(2), e.getMessage());
                    }
                }
            }
            return null;
        });
        index = new Index(Map.copyOf(manual), Map.copyOf(acme));
    }
}
