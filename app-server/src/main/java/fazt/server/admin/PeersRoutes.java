package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.LocalNode;
import fazt.server.ClientAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/peers…} (SPEC §10): pairing, open to anyone who holds a code and throttled per
 * client address, and this instance's registry of peers. No answer carries a peer's token;
 * only {@code pair} returns a token, the new one it creates for the caller.
 */
final class PeersRoutes {
    private final Fazt fazt;
    private final LocalNode node;
    private final ClientAddress clientAddress;

    PeersRoutes(Fazt fazt, ClientAddress clientAddress) {
        this.fazt = fazt;
        this.node = new LocalNode(fazt);
        this.clientAddress = clientAddress;
    }

    /** Body {@code {"code", "name"}} → {@code {"token", "key_id", "version"}}. Needs no auth: the code is the proof. */
    Object pair(ApiCall call) {
        JsonNode body = call.json();
        return fazt.pairing().redeemFrom(clientAddress.of(call.request()), ApiCall.text(body, "code"), ApiCall.text(body, "name"));
    }

    Object newCode(ApiCall call) {
        return new Created(node.newPairingCode());
    }

    Object list(ApiCall call) {
        return node.peers();
    }

    /** Body {@code {"name", "url", "code"}} or {@code {"name", "url", "token"}}: this instance contacts the peer. */
    Object add(ApiCall call) {
        JsonNode body = call.json();
        return new Created(node.addPeer(ApiCall.text(body, "name"), ApiCall.text(body, "url"),
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
