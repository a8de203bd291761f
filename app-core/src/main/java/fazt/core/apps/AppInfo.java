package fazt.core.apps;

import java.util.List;

/** An app as the API and the CLI show it; {@code connections} counts its open {@code /_ws} connections now. */
public record AppInfo(String id, String name, Integer activeVersion, int fileCount, long sizeBytes, boolean spa,
        long createdAt, long updatedAt, List<String> aliases, int connections) {}
