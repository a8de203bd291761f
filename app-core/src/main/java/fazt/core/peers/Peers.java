package fazt.core.peers;

import fazt.core.FaztException;
import fazt.core.db.Database;
import fazt.core.db.DatabaseException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The peers this instance manages (SPEC §10), in data.db with the API key each gave us. The
 * token never leaves this class except inside the {@link RemoteNode} that uses it. Every
 * contact with a peer updates its status, version and last-seen time.
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

    /**
     * Links a peer by a pairing code minted there: this instance trades the code for an API key
     * at the peer's {@code POST /api/peers/pair}. Linking a name that exists links it again
     * (new URL and key), which is how a revoked peer is repaired; see {@link #store} for the old key.
     */
    public Peer link(String name, String url, String code) {
        checkName(name);
        URI base = checkUrl(url);
        Pairing.normalize(code);
        RemoteNode.Paired paired = RemoteNode.pair(name, base, code, thisMachine());
        return store(name, base, paired.token(), paired.keyId());
    }

    /** Links a peer by {@code code} ({@link #link}) or by {@code token} ({@link #addWithToken}): exactly one is given. */
    public Peer add(String name, String url, String code, String token) {
        boolean byCode = code != null && !code.isBlank();
        boolean byToken = token != null && !token.isBlank();
        if (byCode == byToken) {
            throw FaztException.invalid("give either a pairing code (--code, from 'fazt server pair' on the peer) or an API key (--token), not "
                    + (byCode ? "both" : "neither"));
        }
        return byCode ? link(name, url, code) : addWithToken(name, url, token);
    }

    /**
     * Links a peer with an API key created there. The key is tried before it is stored, with a
     * call only an admin key may make: managing a peer deletes apps and changes aliases there.
     */
    public Peer addWithToken(String name, String url, String token) {
        checkName(name);
        URI base = checkUrl(url);
        if (token == null || token.isBlank()) throw FaztException.invalid("give the peer's API key with --token, or a pairing code with --code");
        try {
            RemoteNode.peer(name, base, token.trim(), PeerContact.IGNORE).peers();
        } catch (FaztException e) {
            if (e.kind() != FaztException.Kind.FORBIDDEN) throw e;
            String scope = e.getMessage().startsWith("this key has scope ") ? e.getMessage().split(";")[0] : "this key is not an admin key";
            throw FaztException.invalid(scope + "; a peer needs an admin key: create one with 'fazt server create-key --name laptop'"
                    + " on the peer or use --code");
        }
        return store(name, base, token.trim(), null);
    }

    /**
     * Stores the link and checks it. When it replaces an earlier link of the same name, the key
     * that link held would stay valid on the peer: it is deleted there through the new link when
     * the peer is the same (same URL) and we know its id; otherwise the answer carries a warning
     * that says how to delete it by hand.
     */
    private Peer store(String name, URI base, String token, String keyId) {
        String[] before = db.read(c -> previousLink(c, name));
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
        log.info("linked peer {} at {}", name, base);
        RemoteNode node = node(name);
        node.health(); // records the version
        String warning = before == null || before[1].equals(token) ? null : revokeEarlierKey(node, name, base, before);
        Peer linked = get(name);
        return warning == null ? linked : linked.withWarning(warning);
    }

    /** Deletes the key of the earlier link {@code before} (url, token, key id) on the peer; else says how to. */
    private static String revokeEarlierKey(RemoteNode node, String name, URI base, String[] before) {
        String keyId = before[2];
        String problem;
        if (keyId == null) {
            problem = "it was linked with an API key made by hand";
        } else if (!before[0].equals(base.toString())) {
            problem = "it was linked at another address (" + before[0] + ")";
        } else {
            try {
                node.deleteOwnKey(keyId);
                log.info("relinked {}: deleted the key of the earlier link there", name);
                return null;
            } catch (FaztException e) {
                problem = "deleting it there failed (" + e.getMessage() + ")";
            }
        }
        return "the key " + name + " gave this computer before may still be valid there (" + problem + "): delete it on the peer;"
                + " 'GET /api/keys' lists the keys" + (keyId == null ? "" : ", it is " + keyId) + ", 'DELETE /api/keys/ID' deletes one";
    }

    /**
     * Forgets a peer. When we know the id of the key it gave us, we first ask the peer to delete
     * it, so the token stops working there too; returns whether that happened.
     */
    public boolean remove(String name) {
        Peer peer = get(name);
        String keyId = db.read(c -> column(c, "SELECT key_id FROM peers WHERE name = ?", name));
        boolean revoked = false;
        if (keyId != null) {
            try {
                node(peer.name()).deleteOwnKey(keyId);
                revoked = true;
            } catch (FaztException e) {
                log.info("unlinking {}: could not revoke its key there ({})", name, e.getMessage());
            }
        }
        db.write(c -> update(c, "DELETE FROM peers WHERE name = ?", name));
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
        return get(name);
    }

    /** The peer as a {@link Node}; contacts update its row. */
    public RemoteNode node(String name) {
        String[] row = db.read(c -> urlAndToken(c, name));
        if (row == null) throw notFound(list(), name);
        return RemoteNode.peer(name, URI.create(row[0]), row[1], (status, version) -> record(name, status, version));
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
            db.write(c -> {
                try (PreparedStatement p = c.prepareStatement("UPDATE peers SET status = ?, version = COALESCE(?, version),"
                        + " last_seen_at = CASE WHEN ? THEN ? ELSE last_seen_at END WHERE name = ?")) {
                    p.setString(1, status);
                    p.setString(2, version);
                    p.setBoolean(3, Peer.ONLINE.equals(status) || Peer.INCOMPATIBLE.equals(status));
                    p.setLong(4, now);
                    p.setString(5, name);
                    return p.executeUpdate();
                }
            });
        } catch (DatabaseException e) {
            log.warn("could not record contact with peer {}: {}", name, e.getMessage());
        }
    }

    /**
     * A peer of the instance whose data.db is {@code dataFile}, read through a read-only connection:
     * the CLI uses this while another process (the window, a server) holds data.db, so that the
     * token is read from the file and never crosses HTTP except to the peer it belongs to. Contacts
     * made this way are not recorded.
     */
    public static RemoteNode nodeFromFile(Path dataFile, String name) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataFile.toAbsolutePath(), config.toProperties())) {
            Peer peer = resolve(readAll(c), name);
            String[] row = urlAndToken(c, peer.name());
            return RemoteNode.peer(peer.name(), URI.create(row[0]), row[1], PeerContact.IGNORE);
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the peers in " + dataFile + ": " + e.getMessage(), e);
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

    private static String[] urlAndToken(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT url, token FROM peers WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    /** url, token and key id of the link named {@code name}, or null when there is none. */
    private static String[] previousLink(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT url, token, key_id FROM peers WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        }
    }

    private static String column(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
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

    /** The name this machine gives itself when pairing: the peer names its key after it. */
    static String thisMachine() {
        for (String var : List.of("HOSTNAME", "COMPUTERNAME")) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) return v.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "a fazt instance";
        }
    }
}
