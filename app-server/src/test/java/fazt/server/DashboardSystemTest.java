package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The System page's facts about the running process, in a real browser against a real instance. */
class DashboardSystemTest extends DashboardSession {
    private static final Pattern MEMORY = Pattern.compile("(\\d+\\.\\d) MB \\(heap (\\d+\\.\\d) MB\\)");

    @Test
    void theSystemPageShowsTheResidentMemoryAndUptimeTheInstanceReports() {
        signIn(1280, 900);
        browser.findElement(By.id("nav-system")).click();

        String memory = waitFor(By.id("system-memory")).getText();
        Matcher shown = MEMORY.matcher(memory);
        assertThat(shown.matches()).as(memory).isTrue();
        double residentMb = Double.parseDouble(shown.group(1));
        double heapMb = Double.parseDouble(shown.group(2));
        assertThat(residentMb).as("resident memory holds the heap in use and more").isGreaterThan(heapMb);
        long uptimeMinutes = Math.round(t.fazt.health().uptimeSeconds() / 60.0);
        assertThat(browser.findElement(By.id("system-uptime")).getText()).matches("\\d+ min")
                .isIn(uptimeMinutes + " min", (uptimeMinutes - 1) + " min");
    }

    @Test
    void theSystemPageShowsAScheduledBackupThatFailed() throws Exception {
        java.nio.file.Path aFile = java.nio.file.Files.writeString(t.dir.resolve("a-file"), "not a folder");
        t.fazt.config().storeAll(java.util.Map.of("backup_dir", aFile.resolve("backups").toString(), "backup_every", "6h"));
        t.fazt.scheduledBackups().runIfDue();
        signIn(1280, 900);
        browser.findElement(By.id("nav-system")).click();

        assertThat(waitFor(By.id("backup-failed")).getText()).startsWith("Last backup failed ")
                .contains("cannot write a backup to " + aFile.resolve("backups"));
        assertThat(browser.findElement(By.id("backup-schedule")).getText()).startsWith("Every 6h to " + aFile.resolve("backups") + ", keeping 14.");
        assertThat(browser.findElement(By.id("setting-backup_every")).getAttribute("value")).isEqualTo("6h");
    }
}
