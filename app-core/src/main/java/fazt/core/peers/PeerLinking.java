package fazt.core.peers;

import fazt.core.FaztException;
import fazt.core.Version;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linking this instance to a peer (SPEC §10.2), the side that asks: it redeems a pairing code
 * minted on the peer ({@link Pairing} is the side that answers), or tries an API key made there
 * with a call only an admin key may make, then stores the link in {@link Peers}. Linking a name
 * that exists links it again (new URL and key), which is how a revoked peer is repaired; the key
 * of the earlier link is then revoked on the peer when it can be.
 */
public final class PeerLinking {
    private static final Logger log = LoggerFactory.getLogger(PeerLinking.class);

    private final Peers peers;

    public PeerLinking(Peers peers) {
        this.peers = peers;
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
     * Links a peer by a pairing code minted there: this instance trades the code for an API key
     * at the peer's {@code POST /api/peers/pair}.
     */
    public Peer link(String name, String url, String code) {
        Peers.checkName(name);
        URI base = Peers.checkUrl(url);
        Pairing.normalize(code);
        Pairing.Redeemed paired = pair(name, base, code, thisMachine());
        return store(name, base, paired.token(), paired.keyId());
    }

    /**
     * Links a peer with an API key created there. The key is tried before it is stored, with a
     * call only an admin key may make: managing a peer deletes apps and changes aliases there.
     */
    public Peer addWithToken(String name, String url, String token) {
        Peers.checkName(name);
        URI base = Peers.checkUrl(url);
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
     * Trades a pairing code for an API key at {@code base}'s {@code POST /api/peers/pair}; the
     * peer names the key after {@code asName}. A peer on an incompatible version is refused (and
     * the key it just made is deleted again).
     */
    private static Pairing.Redeemed pair(String peerName, URI base, String code, String asName) {
        AdminApiClient open = AdminApiClient.peer(peerName, base, null, PeerContact.IGNORE, AdminApiClient.Limits.DEFAULT);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", asName);
        Pairing.Redeemed paired;
        try {
            paired = open.call(AdminEndpoint.PAIR.at(), body, Pairing.Redeemed.class);
        } catch (FaztException e) {
            if (e.kind() == FaztException.Kind.UNAVAILABLE) throw e;
            throw new FaztException(e.kind(), e.code(), "peer '" + peerName + "' at " + base + " refused the pairing code: " + e.getMessage());
        }
        if (!PeerVersions.compatible(paired.version(), Version.get())) {
            try {
                AdminApiClient.peer(peerName, base, paired.token(), PeerContact.IGNORE, AdminApiClient.Limits.DEFAULT)
                        .deleteOwnKey(paired.keyId());
            } catch (FaztException e) {
                // the peer keeps an unused key, which its owner can delete; the error below matters more
            }
            throw PeerVersions.incompatible(peerName, paired.version(), Version.get());
        }
        return paired;
    }

    /**
     * Stores the link and checks it. When it replaces an earlier link of the same name, the key
     * that link held would stay valid on the peer: it is deleted there through the new link when
     * the peer is the same (same URL) and we know its id; otherwise the answer carries a warning
     * that says how to delete it by hand.
     */
    private Peer store(String name, URI base, String token, String keyId) {
        Peers.Link before = peers.storedLink(name);
        peers.save(name, base, token, keyId);
        AdminApiClient client = peers.client(name);
        client.health(); // records the version
        String warning = before == null || before.token().equals(token) ? null : revokeEarlierKey(client, name, base, before);
        Peer linked = peers.get(name);
        return warning == null ? linked : linked.withWarning(warning);
    }

    /** Deletes the key of the earlier link {@code before} on the peer; else says how to. */
    private static String revokeEarlierKey(AdminApiClient client, String name, URI base, Peers.Link before) {
        String keyId = before.keyId();
        String problem;
        if (keyId == null) {
            problem = "it was linked with an API key made by hand";
        } else if (!before.url().equals(base.toString())) {
            problem = "it was linked at another address (" + before.url() + ")";
        } else {
            try {
                client.deleteOwnKey(keyId);
                log.info("relinked {}: deleted the key of the earlier link there", name);
                return null;
            } catch (FaztException e) {
                problem = "deleting it there failed (" + e.getMessage() + ")";
            }
        }
        return "the key " + name + " gave this computer before may still be valid there (" + problem + "): delete it on the peer;"
                + " 'GET /api/keys' lists the keys" + (keyId == null ? "" : ", it is " + keyId) + ", 'DELETE /api/keys/ID' deletes one";
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
