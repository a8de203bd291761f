package fazt.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Makes sure only one process serves a data.db (SPEC §2). The lock is an OS file lock on
 * {@code data.db.lock}, released by the OS even when the holder is killed. While held, the file
 * says who holds it: {@code {"pid", "port", "token"}}. The token is a per-run admin key that lets
 * the CLI on the same machine drive the running instance through its HTTP API; the file is
 * readable by its owner only.
 */
public final class InstanceLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the lock file says about the process holding it. */
    public record Holder(long pid, int port, String token) {}

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    public static Path lockFileFor(Path dataFile) {
        return dataFile.resolveSibling(dataFile.getFileName() + ".lock");
    }

    /** Takes the lock or fails with a message naming the holder's PID and port. */
    public static InstanceLock acquire(Path dataFile) {
        Path path = lockFileFor(dataFile);
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw inUse(dataFile, readHolder(dataFile));
            }
            restrictToOwner(path);
            InstanceLock il = new InstanceLock(path, ch, lock);
            il.publish(0, null);
            return il;
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "LOCK_FAILED",
                    "cannot lock " + path + ": " + e.getMessage());
        }
    }

    private static FaztException inUse(Path dataFile, Optional<Holder> holder) {
        String who = holder.map(h -> "PID " + h.pid() + (h.port() > 0 ? " (serving on port " + h.port() + ")" : ""))
                .orElse("another process");
        return new FaztException(FaztException.Kind.CONFLICT, "DATA_IN_USE",
                dataFile + " is in use by " + who + "; stop it first, or use its HTTP API");
    }

    /** Records the port and local admin token once the server listens. */
    public synchronized void publish(int port, String token) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(new Holder(ProcessHandle.current().pid(), port, token));
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "LOCK_FAILED",
                    "cannot write " + path + ": " + e.getMessage());
        }
    }

    /**
     * Who holds the lock on {@code dataFile}, if anyone does right now. A file left behind by a
     * killed process is recognised as stale because its PID is no longer alive.
     */
    public static Optional<Holder> readHolder(Path dataFile) {
        Path path = lockFileFor(dataFile);
        try {
            if (!Files.isRegularFile(path)) return Optional.empty();
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) return Optional.empty();
            Holder h = JSON.readValue(text, Holder.class);
            boolean alive = ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(h) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void restrictToOwner(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the per-user data folder protects it instead
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock when the process ends anyway
        }
    }
}
