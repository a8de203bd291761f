package fazt.core.backup;

import fazt.core.FaztException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups linked peers send here ({@code backup_to_peer} on their side). They are kept
 * outside this instance's own data.db, as files in {@code peer-backups/<sender>/} beside it, so
 * they never grow it and a restore of one is an ordinary {@code fazt restore} of that file. Each
 * copy is checked like a restore before it is kept, and each sender keeps the number it asks for.
 */
public final class PeerBackups {
    public static final String FOLDER = "peer-backups";
    public static final int MOST_KEPT = 1000;
    /** How many a sender keeps when it does not say (the default of {@code backup_keep}). */
    public static final int DEFAULT_KEPT = 14;
    private static final java.util.regex.Pattern SENDER = java.util.regex.Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");
    private static final Logger log = LoggerFactory.getLogger(PeerBackups.class);

    private final Path root;
    private final Clock clock;

    /** Backups from peers of the instance serving {@code dataFile}. */
    public PeerBackups(Path dataFile, Clock clock) {
        this.root = dataFile.toAbsolutePath().resolveSibling(FOLDER);
        this.clock = clock;
    }

    /** What was kept: the file, its size, and how many copies from that sender there are now. */
    public record Stored(String file, long bytes, int kept) {}

    /** The folder of one sender's copies. */
    public Path folderOf(String sender) {
        return root.resolve(senderName(sender));
    }

    /**
     * Keeps {@code copy} (a data.db file sent by {@code sender}) if it is a sound fazt data.db,
     * then removes that sender's oldest beyond {@code keep}.
     */
    public Stored store(String sender, byte[] copy, int keep) {
        if (keep < 1 || keep > MOST_KEPT) throw FaztException.invalid("keep must be from 1 to " + MOST_KEPT + ", not " + keep);
        if (!DataFileCheck.looksLikeSqlite(copy)) throw FaztException.invalid("the body is not a fazt data.db (not a SQLite file)");
        BackupFolder folder = new BackupFolder(folderOf(sender));
        try {
            Path file = folder.add(clock.instant(), part -> {
                Files.write(part, copy);
                try {
                    DataFileCheck.check(part);
                } finally {
                    Files.deleteIfExists(part.resolveSibling(part.getFileName() + "-shm"));
                    Files.deleteIfExists(part.resolveSibling(part.getFileName() + "-wal"));
                }
            });
            folder.prune(keep);
            List<Path> now = folder.backups();
            log.info("kept a backup from peer {} as {} ({} bytes; {} kept)", sender, file, copy.length, now.size());
            return new Stored(file.toString(), copy.length, now.size());
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "BACKUP_FAILED", "cannot keep the backup in " + folder.dir() + ": "
                    + e.getMessage());
        }
    }

    private static String senderName(String sender) {
        String s = sender == null ? "" : sender.trim().toLowerCase(Locale.ROOT);
        if (!SENDER.matcher(s).matches()) {
            throw FaztException.invalid("the sender's name must be letters, digits, dots and dashes (like a host name), not '" + sender + "'");
        }
        return s;
    }
}
