package fazt.core;

import java.util.List;

/** What {@code GET /api/system/health} answers (SPEC §8). */
public record Health(String status, String version, long uptimeSeconds, String dataPath, List<String> baseDomains,
        String jsEngine, Memory memory, int apps) {
    public record Memory(long heapUsedBytes, long heapMaxBytes, long rssBytes) {}
}
