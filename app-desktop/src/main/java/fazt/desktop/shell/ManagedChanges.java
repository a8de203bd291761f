package fazt.desktop.shell;

import fazt.core.Node;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeStream;
import fazt.desktop.DesktopSession;
import fazt.desktop.Jobs;
import java.util.function.Consumer;

/**
 * Follows the change stream of whichever node the window manages: every change (a deploy from a
 * terminal, the dashboard, an agent or a peer) reaches {@code onChange} on the FX thread. When the
 * managed node switches, the old stream is closed and the new node's opened; {@code onFollowing}
 * hears each time a stream is open (so the window reads everything once: changes made before it
 * opened are not in it). A node that cannot stream (an older or offline peer) is simply not followed.
 */
public final class ManagedChanges implements AutoCloseable {
    private final DesktopSession session;
    private final Consumer<Change> onChange;
    private final Runnable onFollowing;
    private ChangeStream stream;
    /** Counts the nodes followed; an answer about an earlier one is dropped. */
    private long generation;
    private boolean closed;

    /** Starts following the managed node; on the FX thread. */
    public ManagedChanges(DesktopSession session, Consumer<Change> onChange, Runnable onFollowing) {
        this.session = session;
        this.onChange = onChange;
        this.onFollowing = onFollowing;
        session.onManagedChange(this::follow);
        follow();
    }

    private void follow() {
        if (closed) return;
        stopStream();
        long mine = ++generation;
        Node node = session.node();
        Jobs.run(() -> node.followChanges(c -> Jobs.fx(() -> {
            if (mine == generation && !closed) onChange.accept(c);
        })), opened -> {
            if (mine != generation || closed) {
                closeQuietly(opened);
                return;
            }
            stream = opened;
            onFollowing.run();
        }, m -> {
            // not followed: the views still refresh when asked
        });
    }

    /** Whether a stream is open now (for tests and the status of the window). */
    public boolean following() {
        return stream != null;
    }

    private void stopStream() {
        ChangeStream s = stream;
        stream = null;
        if (s != null) closeQuietly(s);
    }

    private static void closeQuietly(ChangeStream s) {
        Jobs.run(() -> {
            s.close();
            return null;
        }, v -> {}, m -> {});
    }

    /** Stops following for good; on the FX thread. */
    @Override
    public void close() {
        closed = true;
        generation++;
        stopStream();
    }
}
