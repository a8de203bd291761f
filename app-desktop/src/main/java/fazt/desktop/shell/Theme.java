package fazt.desktop.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;

/**
 * The window's look: AtlantaFX's Primer theme, light or dark. {@link #SYSTEM} follows the
 * desktop's setting where it can be read: GNOME's {@code color-scheme} (through {@code gsettings}),
 * else the colour scheme JavaFX reads from the platform; light when neither says dark.
 */
public enum Theme {
    SYSTEM("system", "Same as the system"),
    LIGHT("light", "Light"),
    DARK("dark", "Dark");

    // the binary form of the stylesheets: read faster than their CSS at start
    private static final String LIGHT_SHEET = new PrimerLight().getUserAgentStylesheetBSS();
    private static final String DARK_SHEET = new PrimerDark().getUserAgentStylesheetBSS();
    /** What GNOME said, read once per run off the FX thread; null until read or where there is no gsettings. */
    private static volatile Boolean gnomeDark;
    private static boolean gnomeAsked;
    /** The preferences the window follows; the platform's scheme is watched once per run. */
    private static DesktopPrefs followed;

    private final String id;
    private final String label;

    Theme(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The theme stored as {@code id}; an unknown or missing one is {@link #SYSTEM}. */
    public static Theme parse(String id) {
        for (Theme t : values()) if (t.id.equals(id)) return t;
        return SYSTEM;
    }

    /** Whether this theme shows dark now. */
    public boolean dark() {
        return switch (this) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> systemDark(gnomeDark, Platform.getPreferences().getColorScheme());
        };
    }

    /** GNOME's word wins where it was read; otherwise what JavaFX reads from the platform. */
    static boolean systemDark(Boolean gnome, ColorScheme platform) {
        return gnome != null ? gnome : platform == ColorScheme.DARK;
    }

    /** The user-agent stylesheet this theme shows now. */
    public String stylesheet() {
        return dark() ? DARK_SHEET : LIGHT_SHEET;
    }

    /** Makes every window of this process use the theme; on the FX thread. */
    public void apply() {
        String sheet = stylesheet();
        if (!sheet.equals(Application.getUserAgentStylesheet())) Application.setUserAgentStylesheet(sheet);
    }

    /**
     * Applies the theme {@code prefs} hold and keeps it right: while it is {@link #SYSTEM}, a change
     * of the platform's colour scheme applies again, and GNOME is asked once in the background. On
     * the FX thread.
     */
    public static void applyAndFollow(DesktopPrefs prefs) {
        Theme chosen = prefs.theme();
        chosen.apply();
        if (followed == null) Platform.getPreferences().colorSchemeProperty().addListener((o, was, now) -> followed.theme().apply());
        followed = prefs;
        if (chosen == SYSTEM && !gnomeAsked) {
            gnomeAsked = true;
            fazt.desktop.Jobs.run(Theme::readGnome, said -> {
                if (said) followed.theme().apply();
            }, m -> {});
        }
    }

    /**
     * GNOME's {@code color-scheme} as {@code gsettings} prints it: {@code 'prefer-dark'} is dark,
     * {@code 'prefer-light'} and {@code 'default'} light; anything else (no such key) says nothing.
     */
    static Boolean parseGnome(String output) {
        String v = output == null ? "" : output.trim().toLowerCase(Locale.ROOT).replace("'", "");
        return switch (v) {
            case "prefer-dark" -> true;
            case "prefer-light", "default" -> false;
            default -> null;
        };
    }

    /** Asks GNOME once (off the FX thread: it starts a process); false where there is no answer. Returns whether it said anything. */
    public static boolean readGnome() {
        try {
            Process p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme").redirectErrorStream(true).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroy();
                return false;
            }
            gnomeDark = p.exitValue() == 0 ? parseGnome(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)) : null;
        } catch (IOException e) {
            return false; // no gsettings: not GNOME
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return gnomeDark != null;
    }
}
