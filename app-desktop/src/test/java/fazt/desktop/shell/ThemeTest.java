package fazt.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.ColorScheme;
import org.junit.jupiter.api.Test;

/** How the theme is read from what is stored and from what the system says. */
class ThemeTest {
    @Test
    void aStoredThemeReadsBackAndAnythingElseIsTheSystems() {
        for (Theme t : Theme.values()) assertThat(Theme.parse(t.id())).isEqualTo(t);
        assertThat(Theme.parse(null)).isEqualTo(Theme.SYSTEM);
        assertThat(Theme.parse("purple")).isEqualTo(Theme.SYSTEM);
    }

    @Test
    void gnomesColorSchemeIsReadAsGsettingsPrintsIt() {
        assertThat(Theme.parseGnome("'prefer-dark'\n")).isTrue();
        assertThat(Theme.parseGnome("'prefer-light'\n")).isFalse();
        assertThat(Theme.parseGnome("'default'\n")).isFalse();
        assertThat(Theme.parseGnome("No such key “color-scheme”\n")).isNull();
        assertThat(Theme.parseGnome("")).isNull();
        assertThat(Theme.parseGnome(null)).isNull();
    }

    @Test
    void gnomesWordWinsOverThePlatformsAndLightIsTheDefault() {
        assertThat(Theme.systemDark(true, ColorScheme.LIGHT)).isTrue();
        assertThat(Theme.systemDark(false, ColorScheme.DARK)).isFalse();
        assertThat(Theme.systemDark(null, ColorScheme.DARK)).isTrue();
        assertThat(Theme.systemDark(null, ColorScheme.LIGHT)).isFalse();
        assertThat(Theme.systemDark(null, null)).isFalse();
    }
}
