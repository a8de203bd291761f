package fazt.core.backup;

import java.time.Instant;
import java.util.function.LongFunction;

/**
 * The scheduled backups as status shows them: the settings in force ({@code every} is
 * {@code "off"} when none are made) and how the last run went, which is null before the first
 * run of this process. {@code lastError} is null when the last run succeeded.
 */
public record BackupStatus(String every, String dir, int keep, String toPeer, Run last, Long nextAt) {
    /** One run: when, the file written (null when none was), its size, and what went wrong, if anything. */
    public record Run(long at, String file, long bytes, String error) {}

    /** One line for a person (the CLI's status, the desktop's tooltip); {@code size} writes a byte count its surface's way. */
    public String summary(LongFunction<String> size) {
        if (every.equals("off")) return "off ('fazt server set-config --backup-dir DIR --backup-every 6h' turns them on)";
        StringBuilder line = new StringBuilder("every " + every + " to " + dir + ", keeping " + keep);
        if (toPeer != null) line.append(", sent to peer ").append(toPeer);
        if (last == null) line.append("; none made since start");
        else if (last.error() != null) line.append("; LAST FAILED ").append(Instant.ofEpochMilli(last.at())).append(": ").append(last.error());
        else line.append("; last ").append(Instant.ofEpochMilli(last.at())).append(' ').append(last.file()).append(" (")
                .append(size.apply(last.bytes())).append(')');
        if (nextAt != null) line.append("; next ").append(Instant.ofEpochMilli(nextAt));
        return line.toString();
    }

    /** True when the last run of this process failed (the status surfaces show its error). */
    public boolean failing() {
        return last != null && last.error() != null;
    }
}
