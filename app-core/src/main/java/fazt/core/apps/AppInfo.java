package fazt.core.apps;

import java.util.List;

/** An app as the API and the CLI show it. */
public record AppInfo(String id, String name, Integer activeVersion, int fileCount, long sizeBytes, boolean spa,
        long createdAt, long updatedAt, List<String> aliases) {}
