package fazt.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartAtLoginTest {
    @TempDir
    Path home;

    @Test
    void linuxUsesAnXdgAutostartEntryRemovedCleanly() throws Exception {
        Path entry = StartAtLogin.entry(home, null, null, "linux");
        assertThat(entry).isEqualTo(home.resolve(".config/autostart/fazt.desktop"));
        assertThat(StartAtLogin.entry(home, null, home.resolve("cfg").toString(), "linux"))
                .isEqualTo(home.resolve("cfg/autostart/fazt.desktop"));
        StartAtLogin.write(entry, true, "/opt/fazt/bin/fazt", "linux");
        assertThat(Files.readString(entry)).contains("[Desktop Entry]").contains("Exec=\"/opt/fazt/bin/fazt\" --minimized");
        StartAtLogin.write(entry, false, "/opt/fazt/bin/fazt", "linux");
        assertThat(entry).doesNotExist();
    }

    @Test
    void windowsAndMacHaveTheirOwnPlaces() throws Exception {
        Path win = StartAtLogin.entry(home, home.resolve("Roaming").toString(), null, "windows 11");
        assertThat(win).isEqualTo(home.resolve("Roaming/Microsoft/Windows/Start Menu/Programs/Startup/fazt.cmd"));
        StartAtLogin.write(win, true, "C:\\fazt\\fazt.exe", "windows 11");
        assertThat(Files.readString(win)).contains("\"C:\\fazt\\fazt.exe\" --minimized");
        Path mac = StartAtLogin.entry(home, null, null, "mac os x");
        StartAtLogin.write(mac, true, "/Applications/fazt.app/Contents/MacOS/fazt", "mac os x");
        assertThat(Files.readString(mac)).contains("<string>--minimized</string>").contains("RunAtLoad");
    }

    @Test
    void withoutAnInstalledLauncherItIsRefused() {
        Path entry = StartAtLogin.entry(home, null, null, "linux");
        assertThatThrownBy(() -> StartAtLogin.write(entry, true, null, "linux")).hasMessageContaining("installed fazt");
        assertThat(entry).doesNotExist();
    }
}
