package fazt.core.peers;

import fazt.core.FaztException;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import fazt.core.db.DatabaseException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of the peers this instance manages (SPEC §10), in data.db with the API key each
 * gave us. The token never leaves this package: only the peer's {@code AdminApiClient} (inside its
 * {@link RemoteNode}) holds it. Every contact with a peer updates its status, version and
 * last-seen time. Linking a peer (the pairing handshake) is {@link PeerLinking}'s; it stores the
 * result here.
 *
 * <p>Resolution ({@link #resolve}): the name given, else the default peer, else the only peer,
 * else an error listing them.
 */
public final class Peers {
    private static final Logger log = LoggerFactory.getLogger(Peers.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final String COLUMNS = "name, url, is_default, created_at, last_seen_at, version, status";

    private final Database db;
    private final Clock clock;

    public Peers(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<Peer> list() {
        return db.read(Peers::readAll);
    }

    public Peer get(String name) {
        return find(list(), name);
    }

    /** The peer named, else the default, else the only one; else an error that lists them. */
    public Peer resolve(String name) {
        return resolve(list(), name);
    }

    /** The link stored under a name: where, with which token, and the id of that key on the peer (null when made by hand). */
    record Link(String url, String token, String keyId) {}

    /** The link stored as {@code name}, or null when there is none. */
    Link storedLink(String name) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT url, token, key_id FROM peers WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? new Link(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
                }
            }
        });
    }

    /** Stores a link as {@code name}, replacing the one stored under that name (its URL, key and status). */
    void save(String name, URI base, String token, String keyId) {
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO peers(name, url, token, key_id, created_at, last_seen_at, status)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET url = excluded.url, token = excluded.token,"
                    + " key_id = excluded.key_id, last_seen_at = excluded.last_seen_at, status = excluded.status")) {
                p.setString(1, name);
                p.setString(2, base.toString());
                p.setString(3, token);
                p.setString(4, keyId);
                p.setLong(5, now);
                p.setLong(6, now);
                p.setString(7, Peer.ONLINE);
                return p.executeUpdate();
            }
        });
        db.changes().publish(ChangeKind.PEER_LINKED, null, name);
        log.info("linked peer {} at {}", name, base);
    }

    /**
     * Forgets a peer. When we know the id of the key it gave us, we first ask the peer to delete
     * it, so the token stops working there too; returns whether that happened.
     */
    public boolean remove(String name) {
        get(name);
        String keyId = storedLink(name).keyId();
        boolean revoked = false;
        if (keyId != null) {
            try {
                client(name).deleteOwnKey(keyId);
                revoked = true;
            } catch (FaztException e) {
                log.info("unlinking {}: could not revoke its key there ({})", name, e.getMessage());
            }
        }
        db.write(c -> update(c, "DELETE FROM peers WHERE name = ?", name));
        db.changes().publish(ChangeKind.PEER_UNLINKED, null, name);
        log.info("unlinked peer {}", name);
        return revoked;
    }

    public Peer makeDefault(String name) {
        get(name);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE peers SET is_default = (name = ?)")) {
                p.setString(1, name);
                return p.executeUpdate();
            }
        });
        db.changes().publish(ChangeKind.PEER_DEFAULT, null, name);
        return get(name);
    }

    /** The peer as a {@link Node}; contacts update its row. */
    public RemoteNode node(String name) {
        return new RemoteNode(client(name));
    }

    /** Passes admin API requests on to the peer (a dashboard managing it); contacts update its row. */
    public PeerRelay relay(String name) {
        return new PeerRelay(client(name));
    }

    /** The admin API of the peer, with the key it gave us; contacts update its row. */
    AdminApiClient client(String name) {
        return client(name, (status, version) -> record(name, status, version));
    }

    private AdminApiClient client(String name, PeerContact contact) {
        Link link = storedLink(name);
        if (link == null) throw notFound(list(), name);
        return AdminApiClient.peer(name, URI.create(link.url()), link.token(), contact, AdminApiClient.Limits.DEFAULT);
    }

    /** Tries to reach the peer now and says how it went. */
    public PeerStatus status(String name) {
        Peer peer = resolve(name);
        String problem = null;
        try {
            node(peer.name()).health();
        } catch (FaztException e) {
            problem = e.getMessage();
        }
        return new PeerStatus(get(peer.name()), problem);
    }

    private void record(String name, String status, String version) {
        long now = clock.millis();
        try {
            boolean statusChanged = db.write(c -> {
                boolean changed = !Objects.equals(status, storedStatus(c, name));
                try (PreparedStatement p = c.prepareStatement("UPDATE peers SET status = ?, version = COALESCE(?, version),"
                        + " last_seen_at = CASE WHEN ? THEN ? ELSE last_seen_at END WHERE name = ?")) {
                    p.setString(1, status);
                    p.setString(2, version);
                    p.setBoolean(3, Peer.ONLINE.equals(status) || Peer.INCOMPATIBLE.equals(status));
                    p.setLong(4, now);
                    p.setString(5, name);
                    return p.executeUpdate() > 0 && changed;
                }
            });
            // every contact is recorded; only a new status is news to those who show it
            if (statusChanged) db.changes().publish(ChangeKind.PEER_STATUS, null, name);
        } catch (DatabaseException e) {
            log.warn("could not record contact with peer {}: {}", name, e.getMessage());
        }
    }

    private static String storedStatus(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT status FROM peers WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * A peer of the instance whose data.db is {@code dataFile}, read through a read-only open:
     * the CLI uses this while another process (the window, a server) holds data.db, so that the
     * token is read from the file and never crosses HTTP except to the peer it belongs to. Contacts
     * made this way are not recorded.
     */
    public static RemoteNode nodeFromFile(Path dataFile, String name) {
        try (Database db = Database.openReadOnly(dataFile)) {
            Peers peers = new Peers(db, Clock.systemUTC());
            return new RemoteNode(peers.client(peers.resolve(name).name(), PeerContact.IGNORE));
        } catch (DatabaseException e) {
            String reason = e.getCause() instanceof SQLException sql ? sql.getMessage() : e.getMessage();
            throw new DatabaseException("cannot read the peers in " + dataFile + ": " + reason, e);
        }
    }

    private static Peer resolve(List<Peer> peers, String name) {
        if (name != null) return find(peers, name);
        if (peers.isEmpty()) {
            throw FaztException.notFound("no peers are linked yet; link one with 'fazt peer add NAME URL --code CODE'");
        }
        for (Peer p : peers) if (p.isDefault()) return p;
        if (peers.size() == 1) return peers.get(0);
        throw FaztException.invalid("name a peer (" + names(peers) + ") or choose a default with 'fazt peer default NAME'");
    }

    private static Peer find(List<Peer> peers, String name) {
        for (Peer p : peers) if (p.name().equals(name)) return p;
        throw notFound(peers, name);
    }

    private static FaztException notFound(List<Peer> peers, String name) {
        return FaztException.notFound("no peer named '" + name + "'" + (peers.isEmpty()
                ? "; no peers are linked yet: link one with 'fazt peer add NAME URL --code CODE'"
                : "; linked peers: " + names(peers)));
    }

    private static String names(List<Peer> peers) {
        return peers.stream().map(Peer::name).collect(Collectors.joining(", "));
    }

    private static List<Peer> readAll(Connection c) throws SQLException {
        List<Peer> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM peers ORDER BY name");
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long lastSeen = rs.getLong(5);
                Long lastSeenAt = rs.wasNull() ? null : lastSeen;
                out.add(new Peer(rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getLong(4), lastSeenAt,
                        rs.getString(6), rs.getString(7), null));
            }
        }
        return out;
    }

    private static int update(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            return p.executeUpdate();
        }
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw FaztException.invalid("a peer name is 1-40 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    + (name == null ? "" : ", not '" + name + "'"));
        }
    }

    /** {@code http(s)://host[:port]} with nothing after it: the admin API lives at the root. */
    static URI checkUrl(String url) {
        String hint = "; a peer's URL looks like https://fazt.example.com or http://192.168.1.20:4698";
        if (url == null || url.isBlank()) throw FaztException.invalid("the peer's URL is missing" + hint);
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw FaztException.invalid("'" + url + "' is not a URL" + hint);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw FaztException.invalid("'" + url + "' is not an http or https URL" + hint);
        if (u.getHost() == null) throw FaztException.invalid("'" + url + "' has no host" + hint);
        if (u.getUserInfo() != null) throw FaztException.invalid("put no user or password in the peer's URL; pairing gives it a key");
        if ((u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/")) || u.getQuery() != null || u.getFragment() != null) {
            throw FaztException.invalid("'" + url + "' has a path; give the address of the instance itself" + hint);
        }
        return URI.create(scheme + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
    }
}
