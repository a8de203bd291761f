package fazt.desktop.views;

import fazt.core.Node;
import fazt.core.apps.AppNames;
import fazt.core.domain.Domains;
import fazt.desktop.DesktopSession;
import java.util.Optional;

/**
 * The address a phone on the same network opens an app of this computer at: the app's name under
 * the base domain the engine decided at start (the LAN address under nip.io, or the domain set),
 * on the port the window serves. There is none while the window listens on loopback only ("Share on
 * my network" off), when the machine has no LAN address, or for an app of a peer.
 */
final class LanUrl {
    private LanUrl() {}

    static Optional<String> of(DesktopSession session, Node node, String app) {
        if (node != session.localNode() || !session.shared() || AppNames.NOT_FOUND.equals(app)) return Optional.empty();
        String domain = session.fazt().baseDomains().get(0);
        if (Domains.LOCALHOST.equals(domain)) return Optional.empty();
        String host = AppNames.LANDING.equals(app) ? domain : app + "." + domain;
        return Optional.of("http://" + host + ":" + session.server().port() + (AppNames.LANDING.equals(app) ? "/" : ""));
    }
}
