package fazt.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Which notifier a desktop without a tray gets: {@code notify-send} where Linux has it on the
 * PATH (here a stand-in script that writes down its arguments), otherwise none.
 */
class SystemNotifiersTest {
    @TempDir
    Path dir;

    @Test
    void linuxWithNotifySendOnThePathUsesIt() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path said = dir.resolve("said.txt");
        Path program = bin.resolve(SystemNotifiers.NOTIFY_SEND);
        Files.writeString(program, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + said + "'\n");
        assertThat(program.toFile().setExecutable(true)).isTrue();

        Notifier n = SystemNotifiers.choose(null, "Linux", dir.resolve("nothing-here") + File.pathSeparator + bin);
        n.show("Could not publish site", "not a zip", true);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(said) && Files.readAllLines(said).size() == 4);
        assertThat(Files.readAllLines(said)).containsExactly("--app-name=fazt", "--urgency=critical", "Could not publish site", "not a zip");
    }

    @Test
    void withoutNotifySendOrOffLinuxNothingIsShown() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        assertThat(SystemNotifiers.choose(null, "Linux", bin.toString())).isSameAs(Notifier.NONE);
        assertThat(SystemNotifiers.choose(null, "Linux", "")).isSameAs(Notifier.NONE);
        assertThat(SystemNotifiers.choose(null, "Linux", null)).isSameAs(Notifier.NONE);
        Path notExecutable = bin.resolve(SystemNotifiers.NOTIFY_SEND);
        Files.writeString(notExecutable, "not a program");
        assertThat(SystemNotifiers.find(SystemNotifiers.NOTIFY_SEND, bin.toString())).isEmpty();
        assertThat(notExecutable.toFile().setExecutable(true)).isTrue();
        assertThat(SystemNotifiers.find(SystemNotifiers.NOTIFY_SEND, bin.toString())).contains(notExecutable);
        assertThat(SystemNotifiers.choose(null, "Mac OS X", bin.toString())).isSameAs(Notifier.NONE);
        assertThat(SystemNotifiers.choose(null, "Windows 11", bin.toString())).isSameAs(Notifier.NONE);
    }
}
