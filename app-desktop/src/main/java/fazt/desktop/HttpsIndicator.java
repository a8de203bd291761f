package fazt.desktop;

import fazt.core.Health;
import fazt.core.Node;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeKind;
import fazt.core.changes.ChangeStream;
import fazt.core.tls.CertificateInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The status bar's word on HTTPS for the managed node (issue 12): hidden while its {@code https}
 * setting is off (the desktop's default), otherwise a short label that failed orders win
 * ("HTTPS: 1 failed", in the status bar's error colour), then pending ones, then the count served;
 * the tooltip names each failed name with the CA's reason. The counts are the node's health
 * (the engine counts once); the names and reasons its certificate list. It is read again when the
 * managed node changes and whenever that node's change stream says a certificate or a setting
 * changed, so a failed order shows without a click.
 */
final class HttpsIndicator extends Label {
    /** The change kinds after which the indicator may read differently. */
    private static final Set<String> RELEVANT = Set.of(ChangeKind.CERTIFICATE_CHANGED.id(), ChangeKind.SETTINGS_CHANGED.id(),
            ChangeKind.RESYNC.id());
    private static final int MAX_LISTED = 10;
    private static final int WRAP_AFTER_CHARS = 80;
    private static final double TOOLTIP_WIDTH = 520;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final DesktopSession session;
    private final Tooltip tooltip = new Tooltip();
    private Node followed;
    private ChangeStream changes;
    /** Counts the nodes followed, so that answers about a node no longer managed are dropped. */
    private long generation;
    /** Set once the window is gone: no stream is kept open after that. */
    private boolean detached;
    /** One read at a time; changes arriving meanwhile ask for one more read after it. */
    private boolean reading;
    private boolean readAgain;

    /** What the indicator shows: {@code level} is {@code ok}, {@code pending} or {@code failed}. */
    record Shown(String text, String level, String details) {}

    HttpsIndicator(DesktopSession session) {
        this.session = session;
        setId("status-https");
        // never cut off: the data path and the URLs give way instead (the details are in the tooltip)
        setMinWidth(Region.USE_PREF_SIZE);
        managedProperty().bind(visibleProperty());
        setVisible(false);
        tooltip.setWrapText(true);
        tooltip.setShowDuration(Duration.seconds(30));
        setTooltip(tooltip);
        session.onManagedChange(this::follow);
        sceneProperty().addListener((o, was, now) -> {
            if (was != null && now == null) {
                detached = true;
                stopFollowing();
            }
        });
        follow();
    }

    /** Reads the managed node now and follows its changes from here on (a previous node's stream is closed). */
    private void follow() {
        stopFollowing();
        long mine = ++generation;
        Node node = session.node();
        followed = node;
        refresh();
        Jobs.run(() -> node.followChanges((Change c) -> {
            if (RELEVANT.contains(c.kind())) Jobs.fx(() -> {
                if (mine == generation) refresh();
            });
        }), opened -> {
            if (mine != generation || detached) {
                opened.close();
                return;
            }
            changes = opened;
            refresh(); // a change made while the stream was being opened is in this read
        }, m -> {
            // an older peer, or one offline: the label keeps what the last read found
        });
    }

    private void stopFollowing() {
        ChangeStream c = changes;
        changes = null;
        if (c != null) Jobs.run(() -> {
            c.close();
            return null;
        }, v -> {}, m -> {});
    }

    /** Reads the followed node's HTTPS state in the background, one read at a time. */
    private void refresh() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        readAgain = false;
        long mine = generation;
        Node node = followed;
        Jobs.run(() -> {
            Health.Certificates summary = node.health().certificates();
            return isOn(summary) ? describe(summary, node.certificates()) : null;
        }, shown -> read(mine, shown), m -> read(mine, null));
    }

    /**
     * Shows what a read found (nothing when it failed: a peer offline says so in the Peers view),
     * unless the managed node changed meanwhile; then reads again if asked.
     */
    private void read(long mine, Shown shown) {
        reading = false;
        if (mine == generation) show(shown);
        else readAgain = true;
        if (readAgain) refresh();
    }

    private void show(Shown shown) {
        setVisible(shown != null);
        if (shown == null) return;
        setText(shown.text());
        getStyleClass().removeAll("error", "https-ok", "https-pending", "https-failed");
        getStyleClass().add("https-" + shown.level());
        if (shown.level().equals("failed")) getStyleClass().add("error");
        setGraphic(new Circle(4, switch (shown.level()) {
            case "failed" -> Color.web("#b42318");
            case "pending" -> Color.web("#f79009");
            default -> Color.web("#12b76a");
        }));
        tooltip.setText(shown.details());
        // a popup takes its preferred width, so a long reason wraps only at a width given to it
        boolean longLine = shown.details().lines().anyMatch(l -> l.length() > WRAP_AFTER_CHARS);
        tooltip.setPrefWidth(longLine ? TOOLTIP_WIDTH : Region.USE_COMPUTED_SIZE);
    }

    /** HTTPS is on when the node reports an {@code https} setting other than {@code off}. */
    static boolean isOn(Health.Certificates summary) {
        return summary != null && summary.https() != null && !summary.https().isBlank() && !summary.https().equals("off");
    }

    /** The label and its tooltip for a node whose HTTPS is on: failed orders win, then pending ones, then the count served. */
    static Shown describe(Health.Certificates summary, List<CertificateInfo> certificates) {
        String text;
        String level;
        if (summary.failed() > 0) {
            text = "HTTPS: " + summary.failed() + " failed";
            level = "failed";
        } else if (summary.pending() > 0) {
            text = "HTTPS: " + summary.pending() + " pending";
            level = "pending";
        } else if (summary.ok() == 0) {
            text = "HTTPS: no certificates";
            level = "pending";
        } else {
            text = "HTTPS: " + summary.ok() + (summary.ok() == 1 ? " certificate ok" : " certificates ok");
            level = "ok";
        }
        List<String> lines = new ArrayList<>();
        lines.add("https " + summary.https() + ": " + summary.ok() + " ok, " + summary.pending() + " pending, " + summary.failed() + " failed");
        section(lines, "Failed:", certificates, "failed");
        section(lines, "Being ordered:", certificates, "pending");
        section(lines, "Served:", certificates, "ok");
        if (certificates.isEmpty()) {
            lines.add(summary.https().equals("auto") ? "No names ordered yet." : "None imported: 'fazt server set-cert' brings one.");
        }
        lines.add("'fazt server certs' lists them all.");
        return new Shown(text, level, String.join("\n", lines));
    }

    private static void section(List<String> lines, String title, List<CertificateInfo> certificates, String state) {
        List<CertificateInfo> in = certificates.stream().filter(c -> state.equals(c.state())).toList();
        if (in.isEmpty()) return;
        lines.add(title);
        for (CertificateInfo c : in.subList(0, Math.min(in.size(), MAX_LISTED))) lines.add("  " + line(c));
        if (in.size() > MAX_LISTED) lines.add("  … and " + (in.size() - MAX_LISTED) + " more");
    }

    private static String line(CertificateInfo c) {
        String until = c.notAfter() > 0 ? " (" + c.source() + ", until " + DAY.format(Instant.ofEpochMilli(c.notAfter())) + ")" : "";
        return switch (c.state()) {
            case "failed" -> c.name() + ": " + (c.error() == null ? "failed" : c.error()) + until;
            default -> c.name() + until;
        };
    }
}
