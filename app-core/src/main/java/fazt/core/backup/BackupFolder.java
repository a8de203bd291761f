package fazt.core.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of backups named by the UTC time they were made ({@code fazt-backup-20260105T060000Z.db}),
 * so that their names sort by age, the newest tells when the next is due after a restart, and
 * pruning only ever touches files of that exact shape.
 */
public final class BackupFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("fazt-backup-(\\d{8}T\\d{6}Z)\\.db");

    private final Path dir;

    public BackupFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The name of a backup made at {@code at}. */
    public static String nameAt(Instant at) {
        return "fazt-backup-" + stamp(at) + ".db";
    }

    /** {@code at} as the UTC stamp in backups' names, {@code 20260105T060000Z}. */
    public static String stamp(Instant at) {
        return STAMP.format(at);
    }

    /** The time in a backup's name, if it is one. */
    public static Optional<Instant> madeAt(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(Instant.from(STAMP.parse(m.group(1))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The backups in the folder, oldest first; none when the folder does not exist. */
    public List<Path> backups() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> madeAt(f).isPresent() && Files.isRegularFile(f)).sorted().toList();
        }
    }

    /** When the newest backup in the folder was made. */
    public Optional<Instant> newest() throws IOException {
        List<Path> all = backups();
        return all.isEmpty() ? Optional.empty() : madeAt(all.get(all.size() - 1));
    }

    /**
     * Writes a backup made at {@code at} through {@code write}, which is given a path that does not
     * exist yet beside the final one; a copy that fails half-way never takes a backup's name.
     */
    public Path add(Instant at, CopyWriter write) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(nameAt(at));
        Path part = dir.resolve(target.getFileName() + ".part");
        Files.deleteIfExists(part);
        try {
            write.writeTo(part);
            Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    /** Deletes the oldest backups beyond the newest {@code keep}; returns those deleted. */
    public List<Path> prune(int keep) throws IOException {
        List<Path> all = backups();
        List<Path> gone = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
            gone.add(all.get(i));
        }
        return gone;
    }

    /** Writes a copy to a path that does not exist yet. */
    @FunctionalInterface
    public interface CopyWriter {
        void writeTo(Path target) throws IOException;
    }
}
