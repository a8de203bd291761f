package fazt.desktop.shell;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the desktop remembers for the person rather than for a data.db: the theme and where the
 * window was. It lives in the user's Java preferences (on Linux a file under ~/.java), so it is read
 * before the engine opens and the first frame already has the right theme and place.
 */
public final class DesktopPrefs {
    static final String THEME = "theme";
    static final String WINDOW = "window";

    private final Preferences node;

    public DesktopPrefs(Preferences node) {
        this.node = node;
    }

    /** The person's preferences for fazt's desktop. */
    public static DesktopPrefs user() {
        return new DesktopPrefs(Preferences.userRoot().node("fazt/desktop"));
    }

    /** Where they are kept in the user's preferences tree, like {@code /fazt/desktop}. */
    public String path() {
        return node.absolutePath();
    }

    public Theme theme() {
        return Theme.parse(get(THEME));
    }

    public void theme(Theme theme) {
        put(THEME, theme.id());
        flush();
    }

    /** Where the window was when it last moved or closed, or null before the first time. */
    public WindowPlacement.Bounds window() {
        return WindowPlacement.Bounds.parse(get(WINDOW));
    }

    public void window(WindowPlacement.Bounds bounds) {
        put(WINDOW, bounds.text());
    }

    // a node removed meanwhile (by another process, or a test's window outliving its test) reads as empty and ignores writes
    private String get(String key) {
        try {
            return node.get(key, null);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private void put(String key, String value) {
        try {
            node.put(key, value);
        } catch (IllegalStateException e) {
            // removed: nothing to keep it in
        }
    }

    /** Writes what is pending to the backing store (the JVM also does it at exit). */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // a read-only home (the choice holds for this run), or the node was removed
        }
    }

    /** Forgets everything (tests use their own node and remove it). */
    public void remove() {
        try {
            node.removeNode();
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // already gone
        }
    }
}
