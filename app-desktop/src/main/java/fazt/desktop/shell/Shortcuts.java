package fazt.desktop.shell;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The window's keyboard shortcuts; "shortcut" is Ctrl, or Cmd on macOS. */
public final class Shortcuts {
    public static final KeyCombination NEW_APP = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination PUBLISH_FOLDER = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination SEARCH_APPS = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private Shortcuts() {}

    /** Shortcut with the digit {@code n} (1 to 9). */
    public static KeyCombination section(int n) {
        return new KeyCodeCombination(KeyCode.valueOf("DIGIT" + n), KeyCombination.SHORTCUT_DOWN);
    }

    /** How the section's shortcut reads on this system, like "Ctrl+1". */
    static String name(int n) {
        return section(n).getDisplayText();
    }
}
