package fazt.desktop;

import fazt.core.Node;
import fazt.core.apps.AppInfo;
import fazt.core.apps.AppNames;
import fazt.core.peers.Peer;
import java.util.Comparator;
import java.util.List;

/**
 * What the tray shows, worked out from this computer's state without any tray: the icon's state,
 * the status line, one entry per app, the peers used most recently, and the label of the
 * Pause/Resume entry. {@link Tray} only translates it into AWT's menu, so this part is tested
 * without a desktop.
 *
 * @param state what the icon shows
 * @param status the first line of the menu, like "Serving 4 apps at localhost:4698"
 * @param apps the apps to open, by name
 * @param peers the names of the linked peers, most recently seen first, at most {@link #PEERS_SHOWN}
 * @param pauseLabel "Pause serving", or "Resume serving" while paused
 */
public record TrayMenuModel(State state, String status, List<String> apps, List<String> peers, String pauseLabel) {
    /** How many peers the menu lists. */
    public static final int PEERS_SHOWN = 5;

    /** The icon's three looks. */
    public enum State {
        SERVING, PAUSED, ERROR
    }

    /**
     * The menu for this computer: {@code apps} and {@code peers} as the node lists them, the HTTP
     * {@code port}, whether serving is {@code paused}, and the last {@code error} (null when the
     * last action went well). An error wins over paused: it is what the person must act on.
     */
    public static TrayMenuModel of(List<AppInfo> apps, List<Peer> peers, int port, boolean paused, String error) {
        List<String> names = apps.stream().map(AppInfo::name).filter(n -> !AppNames.isSystemApp(n)).sorted().toList();
        List<String> recent = peers.stream()
                .sorted(Comparator.comparing((Peer p) -> p.lastSeenAt() == null ? 0L : p.lastSeenAt()).reversed()
                        .thenComparing(Comparator.comparingLong(Peer::createdAt).reversed()))
                .limit(PEERS_SHOWN).map(Peer::name).toList();
        String where = "localhost:" + port;
        State state = error != null ? State.ERROR : paused ? State.PAUSED : State.SERVING;
        String status = switch (state) {
            case ERROR -> (paused ? "Not serving: " : "Error: ") + error;
            case PAUSED -> "Paused (" + where + " does not answer)";
            case SERVING -> names.isEmpty() ? "Serving at " + where + ", no apps yet"
                    : "Serving " + names.size() + (names.size() == 1 ? " app" : " apps") + " at " + where;
        };
        return new TrayMenuModel(state, status, names, recent, paused ? "Resume serving" : "Pause serving");
    }

    /**
     * The menu for {@code session}'s own computer as it is now (its apps, peers, port and pause),
     * with the last {@code error} (null for none); where the apps cannot be read, that is the error.
     * Reads data.db: call it off the FX and AWT threads.
     */
    public static TrayMenuModel read(DesktopSession session, String error) {
        Node local = session.localNode();
        int port = session.server().port();
        boolean paused = session.server().paused();
        try {
            return of(local.apps(), local.peers(), port, paused, error);
        } catch (RuntimeException e) {
            return of(List.of(), List.of(), port, paused, "cannot read the apps: " + Jobs.message(e));
        }
    }

    /** The icon's tooltip: the name and the status line. */
    public String tooltip() {
        return "fazt: " + status;
    }
}
