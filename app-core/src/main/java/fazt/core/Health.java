package fazt.core;

import fazt.core.backup.BackupStatus;
import java.util.List;

/** What {@code GET /api/system/health} answers (SPEC §8). */
public record Health(String status, String version, long uptimeSeconds, String dataPath, List<String> baseDomains,
        String jsEngine, Memory memory, int apps, Certificates certificates, BackupStatus backups) {
    public record Memory(long heapUsedBytes, long heapMaxBytes, long rssBytes) {}

    /** The {@code https} setting and how many certificates are served ({@code ok}), being ordered, or failed their last order. */
    public record Certificates(String https, int ok, int pending, int failed) {}
}
