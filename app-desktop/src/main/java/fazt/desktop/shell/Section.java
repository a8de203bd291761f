package fazt.desktop.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The window's sections, in the sidebar's order; Ctrl/Cmd with the section's digit shows it. */
public enum Section {
    APPS("Apps", Feather.BOX),
    ALIASES("Aliases", Feather.LINK_2),
    PEERS("Peers", Feather.SERVER),
    LOGS("Logs", Feather.FILE_TEXT),
    ANALYTICS("Analytics", Feather.BAR_CHART_2),
    SETTINGS("Settings", Feather.SETTINGS);

    private final String title;
    private final Ikon icon;

    Section(String title, Ikon icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** The id of the section's sidebar button, like {@code nav-apps}. */
    public String navId() {
        return "nav-" + title.toLowerCase(java.util.Locale.ROOT);
    }

    /** The digit that shows it with Ctrl/Cmd: 1 for Apps … 6 for Settings. */
    public int digit() {
        return ordinal() + 1;
    }
}
