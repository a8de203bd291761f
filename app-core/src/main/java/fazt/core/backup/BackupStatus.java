package fazt.core.backup;

/**
 * The scheduled backups as status shows them: the settings in force ({@code every} is
 * {@code "off"} when none are made) and how the last run went, which is null before the first
 * run of this process. {@code lastError} is null when the last run succeeded.
 */
public record BackupStatus(String every, String dir, int keep, String toPeer, Run last, Long nextAt) {
    /** One run: when, the file written (null when none was), its size, and what went wrong, if anything. */
    public record Run(long at, String file, long bytes, String error) {}

    /** True when the last run of this process failed (the status surfaces show its error). */
    public boolean failing() {
        return last != null && last.error() != null;
    }
}
