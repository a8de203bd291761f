package fazt.core.db;

import fazt.core.changes.Changes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite file. All writes funnel through a single writer thread, which groups the
 * writes waiting in its queue into one transaction, each inside its own savepoint so that one
 * failing write never undoes another. Reads use a small pool of read-only connections; with WAL
 * they never wait for the writer. {@link #openReadOnly} gives reads alone, for a data.db that
 * another process serves. The {@link #changes()} hub travels with it, because every feature
 * class that commits a change already holds the database: it tells the hub after its commit.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 4;
    private static final int MAX_BATCH = 64;
    private static final long INCREMENTAL = 2;
    /** Free pages handed back per write: 1 MB of 4 KB pages, a few milliseconds of the writer's time. */
    private static final int PAGES_PER_STEP = 256;

    private final Path file;
    /** Null when opened read-only, like {@link #writerThread}. */
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final BlockingQueue<WriteTask<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private volatile boolean closed;
    private final Changes changes = new Changes();
    /** Null when opened read-only, like {@link #writer}. */
    private final WalCheckpoints checkpoints;

    private record WriteTask<T>(SqlWork<T> work, CompletableFuture<T> result) {}

    /** {@code readOnly} ({@link #openReadOnly}): one reader on the file as it is, no writer, no migrations. */
    /** The WAL's size once it starts over after a checkpoint (SQLite's journal_size_limit). */
    static final long WAL_KEPT_BYTES = 64L * 1024 * 1024;
    /** Room kept free besides a large write's own needs (indexes, the WAL index, other writes). */
    static final long ROOM_MARGIN_BYTES = 4L * 1024 * 1024;

    private Database(Path file, boolean readOnly) throws SQLException {
        this.file = file;
        if (readOnly) {
            writer = null;
            writerThread = null;
            checkpoints = null;
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true); // SQLITE_OPEN_READONLY: SQLite itself refuses any write
            config.setBusyTimeout(10_000);
            addReader(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties()));
        } else {
            if (!Files.exists(file)) create(file);
            writer = connect(false);
            checkpoints = new WalCheckpoints(writer);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0"); // the writer checkpoints after a commit (WalCheckpoints)
                // a WAL that a large write grew is cut back to this when it starts over, not kept at its largest
                s.execute("PRAGMA journal_size_limit=" + WAL_KEPT_BYTES);
            }
            Migrations.apply(writer);
            useIncrementalVacuum(writer);
            for (int i = 0; i < READERS; i++) addReader(connect(true));
            writerThread = Thread.ofPlatform().name("fazt-db-writer").daemon(true).start(this::writeLoop);
        }
    }

    /** A new file with {@code auto_vacuum = INCREMENTAL}, which must be set before WAL mode writes the file's first page. */
    private static void create(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            pragma(c, "PRAGMA auto_vacuum = INCREMENTAL");
            pragma(c, "PRAGMA journal_mode = WAL");
        }
    }

    private static long pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!s.execute(sql)) return 0;
            try (ResultSet rs = s.getResultSet()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * A data.db made before fazt set {@code auto_vacuum = INCREMENTAL} is rewritten once (VACUUM), so
     * that space freed later (analytics retention) can be handed back a little at a time by
     * {@link #giveBackFreePages}.
     */
    private void useIncrementalVacuum(Connection c) throws SQLException {
        if (pragma(c, "PRAGMA auto_vacuum") == INCREMENTAL) return;
        log.info("rewriting {} once so that space freed later can be given back (auto_vacuum = INCREMENTAL)", file);
        pragma(c, "PRAGMA auto_vacuum = INCREMENTAL");
        pragma(c, "VACUUM");
    }

    /**
     * Hands the free pages of the file back to the file system, {@value #PAGES_PER_STEP} pages per
     * write through the writer, so that requests' writes go between the steps. Says how many
     * pages went.
     */
    public long giveBackFreePages() {
        long total = 0;
        while (true) {
            long step = write(c -> {
                long before = pragma(c, "PRAGMA freelist_count");
                if (before == 0) return 0L;
                pragma(c, "PRAGMA incremental_vacuum(" + PAGES_PER_STEP + ")");
                return before - pragma(c, "PRAGMA freelist_count");
            });
            if (step <= 0) return total;
            total += step;
        }
    }

    /** Pages in the free list of the file (unused space inside it). */
    public long freePages() {
        return read(c -> pragma(c, "PRAGMA freelist_count"));
    }

    private void addReader(Connection c) {
        allReaders.add(c);
        readers.add(c);
    }

    /** Opens (creating if needed) the database at {@code file} and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new Database(file, false);
        } catch (SQLException | java.io.IOException e) {
            throw new DatabaseException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing database for reading only, as it is: no writer, no migrations, and a
     * connection SQLite itself keeps from writing. It works while another process serves the
     * same file (WAL lets a reader in beside the writer); {@link #write} refuses.
     */
    public static Database openReadOnly(Path file) {
        try {
            return new Database(file, true);
        } catch (SQLException e) {
            throw new DatabaseException("cannot open " + file + " read-only: " + e.getMessage(), e);
        }
    }

    /** The newest schema version this build of fazt knows; a data.db of a higher one was written by a newer fazt. */
    public static int latestSchemaVersion() {
        return Migrations.latest();
    }

    /** The schema version the file is at (its highest applied migration), 0 when it has none. */
    public int schemaVersion() {
        return read(Migrations::currentVersion);
    }

    public Path file() {
        return file;
    }

    /**
     * While {@code others} says so, fazt runs no checkpoint of its own (none after a write, none
     * after a full disk, none at close), because another program copies the WAL before each
     * checkpoint it runs: Litestream (docs/backup.md, setting {@code wal_checkpoints}).
     */
    public void leaveCheckpointsTo(BooleanSupplier others) {
        checkpoints.leaveTo(others);
    }

    /** Where the feature classes tell what they committed, for whoever follows changes. */
    public Changes changes() {
        return changes;
    }

    private Connection connect(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        // nothing reads generated keys: without this the driver runs a regex over the SQL and a
        // "SELECT last_insert_rowid()" after every INSERT (a third of the analytics writer's CPU)
        config.setGetGeneratedKeys(false);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    /** Runs {@code work} on a read connection. It sees the last committed state. */
    public <T> T read(SqlWork<T> work) {
        Connection c;
        try {
            c = readers.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for a read connection", e);
        }
        if (c == null) throw new DatabaseException("no read connection free after 30 s", null);
        try {
            return work.run(c);
        } catch (SQLException e) {
            if (DiskFull.causedBy(e)) throw new DiskFull(file); // a VACUUM INTO (backup) that did not fit
            throw new DatabaseException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /**
     * Runs {@code work} atomically on the writer and returns once it is committed. A
     * {@link RuntimeException} thrown by the work undoes only this work and is rethrown here.
     */
    public <T> T write(SqlWork<T> work) {
        if (closed) throw new DatabaseException("database is closed", null);
        if (writer == null) throw new DatabaseException("database " + file + " is open read-only", null);
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new WriteTask<>(work, result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for a write", e);
        } catch (ExecutionException e) {
            if (DiskFull.causedBy(e.getCause())) throw new DiskFull(file);
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof SQLException se) {
                throw new DatabaseException("database write failed: " + se.getMessage(), se);
            }
            throw new DatabaseException("database write failed: " + e.getCause(), e.getCause());
        }
    }

    /** Deletes every row of {@code table} whose {@code app_id} is {@code appId} (when an app is deleted). */
    public int deleteAppRows(String table, String appId) {
        return write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE app_id = ?")) {
                p.setString(1, appId);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Deletes the rows of {@code table} (which has an integer {@code id}) that match
     * {@code condition}, one {@code ?} bound to {@code value}, {@code chunk} rows per write, so
     * that a large purge never holds the writer for long. Returns how many rows went.
     */
    public int deleteInChunks(String table, String condition, Object value, int chunk) {
        String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + condition
                + " LIMIT " + chunk + ")";
        int total = 0;
        int n;
        do {
            n = write(c -> {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setObject(1, value);
                    return p.executeUpdate();
                }
            });
            total += n;
        } while (n == chunk);
        return total;
    }

    private void writeLoop() {
        List<WriteTask<?>> batch = new ArrayList<>();
        while (true) {
            try {
                WriteTask<?> first = queue.take();
                if (first.work == null) return; // the close marker
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.removeIf(t -> t.work == null);
                runBatch(batch);
                batch.clear();
                if (stop) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void runBatch(List<WriteTask<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try (Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            for (WriteTask<?> task : batch) completions.add(runInSavepoint(s, task));
            s.execute("COMMIT");
        } catch (SQLException e) {
            log.error("database commit failed; {} writes undone", batch.size(), e);
            try (Statement s = writer.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // the transaction may already be gone; the error that matters is reported below
            }
            for (WriteTask<?> task : batch) task.result.completeExceptionally(e);
            if (DiskFull.causedBy(e)) checkpoints.afterDiskFull();
            return;
        }
        completions.forEach(Runnable::run);
        checkpoints.afterCommit();
    }

    private <T> Runnable runInSavepoint(Statement s, WriteTask<T> task) throws SQLException {
        s.execute("SAVEPOINT w");
        try {
            T value = task.work.run(writer);
            s.execute("RELEASE w");
            return () -> task.result.complete(value);
        } catch (Exception | Error e) {
            try {
                s.execute("ROLLBACK TO w");
                s.execute("RELEASE w");
            } catch (SQLException gone) {
                // SQLite ended the whole transaction itself (it does on a full disk): the batch fails,
                // and every write of it carries the reason
                gone.addSuppressed(e);
                throw gone;
            }
            return () -> task.result.completeExceptionally(e);
        }
    }

    /**
     * Refuses, before anything is written, a write of about {@code bytes} that the disk holding
     * data.db has no room for. It needs that room twice: once in the WAL at commit, once in
     * data.db when the WAL is copied back. A write that fills the disk half-way leaves the WAL at
     * its largest, and the space only comes back once other space is freed, so large writes
     * (deploys) ask first.
     */
    public void requireRoomFor(long bytes) {
        long needed = 2 * bytes + ROOM_MARGIN_BYTES;
        long free;
        try {
            free = Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        } catch (java.io.IOException e) {
            return; // nothing to ask: the write itself will say
        }
        if (free < needed) throw new DiskFull(file, needed, free);
    }

    /** Writes a consistent copy of the whole database to {@code target} while it keeps serving. */
    public void backupTo(Path target) {
        String path = target.toAbsolutePath().toString().replace("'", "''");
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + path + "'");
            }
            return null;
        });
    }

    /** True when a trivial query answers; /health uses it. */
    public boolean healthy() {
        try {
            return read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeQuery("SELECT 1").next();
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (writer == null) {
            for (Connection c : allReaders) closeQuietly(c);
            return;
        }
        queue.add(new WriteTask<>(null, new CompletableFuture<>()));
        try {
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : allReaders) closeQuietly(c);
        checkpoints.atClose();
        closeQuietly(writer);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("closing a database connection failed: {}", e.getMessage());
        }
    }
}
