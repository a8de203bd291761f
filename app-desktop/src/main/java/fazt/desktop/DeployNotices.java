package fazt.desktop;

import fazt.core.changes.Change;
import fazt.core.changes.ChangeKind;
import fazt.core.changes.ChangeStream;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;

/**
 * Tells the person about deploys while the window is hidden (closed to the tray or the
 * background, or minimised): a deploy that finished on this computer, from anywhere (a terminal,
 * the dashboard, an agent, a peer), as the change stream reports it; and a deploy started in the
 * window that failed, as {@link DesktopSession#deployFailed} reports it. While the window is shown,
 * it says these itself and nothing is notified.
 */
final class DeployNotices implements AutoCloseable {
    private final DesktopSession session;
    private final Notifier notifier;
    /** Kept up to date on the FX thread, read on the stream's. */
    private volatile boolean hidden;
    private final AtomicLong handled = new AtomicLong();
    private volatile ChangeStream changes;
    private Runnable unwatch = () -> { };

    private DeployNotices(DesktopSession session, Notifier notifier) {
        this.session = session;
        this.notifier = notifier;
    }

    /** Starts telling {@code notifier} of deploys while {@code stage} is hidden or minimised. On the FX thread. */
    static DeployNotices watch(Stage stage, DesktopSession session, Notifier notifier) {
        DeployNotices notices = new DeployNotices(session, notifier);
        InvalidationListener seen = o -> notices.hidden = !stage.isShowing() || stage.isIconified();
        seen.invalidated(null);
        stage.showingProperty().addListener(seen);
        stage.iconifiedProperty().addListener(seen);
        notices.unwatch = () -> {
            stage.showingProperty().removeListener(seen);
            stage.iconifiedProperty().removeListener(seen);
        };
        session.onDeployFailed(notices::failed);
        notices.changes = session.localNode().followChanges(notices::changed);
        return notices;
    }

    private void changed(Change c) {
        if (ChangeKind.APP_DEPLOYED.id().equals(c.kind()) && c.app() != null) {
            if (hidden) {
                notifier.show("Published " + c.app(), "Version " + c.subject() + " is live at " + session.localAppUrl(c.app()), false);
            }
            handled.incrementAndGet();
        }
    }

    private void failed(String what, String message) {
        if (hidden) notifier.show("Could not publish " + what, message, true);
    }

    /** How many finished deploys the stream has reported so far, hidden or not (tests wait on it). */
    long deploysSeen() {
        return handled.get();
    }

    /** Stops notifying. On the FX thread. */
    @Override
    public void close() {
        unwatch.run();
        ChangeStream c = changes;
        if (c != null) c.close();
    }
}
