package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What closing the desktop window does without a tray, changed from a terminal: stored, and checked in words. */
class DesktopOnCloseCliTest {
    @TempDir
    Path dir;

    @Test
    void theRememberedChoiceCanBeSetAndAskedAgain() {
        String db = dir.resolve("data.db").toString();
        CliTest.Run stored = fazt("server", "set-config", "--desktop-on-close", "background", "--data", db);
        assertThat(stored.code()).as(stored.err()).isZero();
        assertThat(stored.out()).contains("desktop_on_close = background");
        assertThat(fazt("server", "set-config", "--desktop-on-close", "ask", "--data", db).out()).contains("desktop_on_close = ask");

        CliTest.Run bad = fazt("server", "set-config", "--desktop-on-close", "hide", "--data", db);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("setting desktop_on_close must be ask, background (keep serving when the window closes) or quit, not 'hide'");
    }
}
