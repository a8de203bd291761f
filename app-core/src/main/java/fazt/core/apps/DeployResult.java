package fazt.core.apps;

/** What a deploy answers (SPEC §3.2). */
public record DeployResult(String app, String id, int version, int fileCount, long sizeBytes) {}
