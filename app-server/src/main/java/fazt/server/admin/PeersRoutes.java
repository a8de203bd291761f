package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.LocalNode;
import fazt.core.identity.FailureThrottle;
import fazt.core.peers.Pairing;
import fazt.server.ClientAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/peers…} (SPEC §10): pairing, open to anyone who holds a code and throttled per
 * client address, and this instance's registry of peers. No answer carries a peer's token;
 * only {@code pair} returns a token, the new one it creates for the caller.
 */
final class PeersRoutes {
    private static final Logger log = LoggerFactory.getLogger(PeersRoutes.class);
    /** Wrong codes per client address in {@link FailureThrottle#WINDOW}; a code has about 40 bits and lives 10 minutes. */
    static final int PAIRING_FAILURES = 10;

    private final Fazt fazt;
    private final LocalNode node;
    private final ClientAddress clientAddress;
    private final FailureThrottle throttle;

    PeersRoutes(Fazt fazt, ClientAddress clientAddress, Clock clock) {
        this.fazt = fazt;
        this.node = new LocalNode(fazt);
        this.clientAddress = clientAddress;
        this.throttle = new FailureThrottle(clock::millis, PAIRING_FAILURES);
    }

    /** Body {@code {"code", "name"}} → {@code {"token", "key_id", "version"}}. Needs no auth: the code is the proof. */
    Object pair(ApiCall call) {
        String address = clientAddress.of(call.request());
        long wait = throttle.retryAfterSeconds(address);
        if (wait > 0) {
            throw new FaztException(FaztException.Kind.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS", "too many wrong pairing codes from "
                    + "this address; try again in " + (wait + 59) / 60 + " minutes with a fresh code from 'fazt server pair'");
        }
        JsonNode body = call.json();
        try {
            Pairing.Redeemed r = fazt.pairing().redeem(ApiCall.text(body, "code"), ApiCall.text(body, "name"));
            log.info("paired: {} now holds API key {}", ApiCall.text(body, "name"), r.keyId());
            return r;
        } catch (FaztException e) {
            if (!"INVALID_REQUEST".equals(e.code())) throttle.failed(address);
            log.info("refused a pairing code from {}: {}", address, e.code());
            throw e;
        }
    }

    Object newCode(ApiCall call) {
        return new AdminApi.Created(node.newPairingCode());
    }

    Object list(ApiCall call) {
        return node.peers();
    }

    /** Body {@code {"name", "url", "code"}} or {@code {"name", "url", "token"}}: this instance contacts the peer. */
    Object add(ApiCall call) {
        JsonNode body = call.json();
        return new AdminApi.Created(node.addPeer(ApiCall.text(body, "name"), ApiCall.text(body, "url"),
                ApiCall.text(body, "code"), ApiCall.text(body, "token")));
    }

    Object remove(ApiCall call) {
        boolean revoked = node.removePeer(call.param("name"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("removed", call.param("name"));
        answer.put("revoked", revoked);
        return answer;
    }

    Object makeDefault(ApiCall call) {
        return node.setDefaultPeer(call.param("name"));
    }

    Object status(ApiCall call) {
        return node.peerStatus(call.param("name"));
    }
}
