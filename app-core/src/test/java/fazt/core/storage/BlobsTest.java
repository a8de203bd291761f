package fazt.core.storage;

import static fazt.core.storage.StorageAssertions.assertFails;
import static fazt.core.storage.StorageAssertions.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import fazt.core.FaztException;
import fazt.core.FaztException.Kind;
import fazt.core.Ids;
import fazt.core.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobsTest {
    private static final String APP = "app_b";
    private static final long T0 = 1_700_000_000_000L;
    private static final int CAP = 1000;

    @TempDir
    Path dir;

    private Database db;
    private MovableClock clock;
    private Blobs blobs;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data.db"));
        clock = new MovableClock(T0);
        blobs = new Blobs(db, CAP, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetReturnsTheBytesWithTheirFacts() {
        byte[] data = {0, 1, 2, (byte) 0xff};
        blobs.put(APP, "images/a.png", data, "image/png");
        Blobs.Blob b = blobs.get(APP, "images/a.png").orElseThrow();
        assertThat(b.data()).containsExactly(data);
        assertThat(b.mime()).isEqualTo("image/png");
        assertThat(b.size()).isEqualTo(4);
        assertThat(b.hash()).isEqualTo(Ids.sha256(data)).hasSize(64);
        assertThat(b.updatedAt()).isEqualTo(T0);
        assertThat(blobs.get(APP, "images/b.png")).isEmpty();
    }

    @Test
    void putReplacesEverythingAboutThePath() {
        blobs.put(APP, "f", bytes("one"), "text/plain");
        clock.advance(7);
        blobs.put(APP, "f", bytes("second"), null);
        Blobs.Blob b = blobs.get(APP, "f").orElseThrow();
        assertThat(new String(b.data(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(b.mime()).isEqualTo("application/octet-stream");
        assertThat(b.size()).isEqualTo(6);
        assertThat(b.hash()).isEqualTo(Ids.sha256("second"));
        assertThat(b.updatedAt()).isEqualTo(T0 + 7);
        assertThat(rows(db, "app_blobs")).isEqualTo(1);
    }

    @Test
    void aBlankMimeMeansOctetStreamAndAnEmptyBlobIsABlob() {
        blobs.put(APP, "empty", new byte[0], "  ");
        Blobs.Blob b = blobs.get(APP, "empty").orElseThrow();
        assertThat(b.data()).isEmpty();
        assertThat(b.size()).isZero();
        assertThat(b.mime()).isEqualTo("application/octet-stream");
        assertThat(b.hash()).isEqualTo(Ids.sha256(new byte[0]));
    }

    @Test
    void deleteSaysWhetherThereWasABlob() {
        blobs.put(APP, "f", bytes("x"), null);
        assertThat(blobs.delete(APP, "f")).isTrue();
        assertThat(blobs.delete(APP, "f")).isFalse();
        assertThat(blobs.get(APP, "f")).isEmpty();
    }

    @Test
    void listTakesALiteralPrefixAndSortsByPath() {
        for (String path : List.of("b/1", "a%/x", "a_/y", "ab/z", "a/1", "a%")) blobs.put(APP, path, bytes(path), "text/plain");
        assertThat(blobs.list(APP, "a%")).extracting(Blobs.BlobInfo::path).containsExactly("a%", "a%/x");
        assertThat(blobs.list(APP, "a_")).extracting(Blobs.BlobInfo::path).containsExactly("a_/y");
        assertThat(blobs.list(APP, "a/")).extracting(Blobs.BlobInfo::path, Blobs.BlobInfo::mime, Blobs.BlobInfo::size, Blobs.BlobInfo::updatedAt)
                .containsExactly(tuple("a/1", "text/plain", 3L, T0));
        assertThat(blobs.list(APP, null)).extracting(Blobs.BlobInfo::path).containsExactly("a%", "a%/x", "a/1", "a_/y", "ab/z", "b/1");
        assertThat(blobs.list(APP, "")).hasSize(6);
    }

    @Test
    void pathsFollowTheRules() {
        byte[] x = bytes("x");
        assertFails(Kind.INVALID, () -> blobs.put(APP, "", x, null)).hasMessageContaining("1-1024 characters, got 0");
        assertFails(Kind.INVALID, () -> blobs.get(APP, null)).hasMessageContaining("got none");
        assertFails(Kind.INVALID, () -> blobs.put(APP, "p".repeat(Blobs.MAX_PATH_LENGTH + 1), x, null)).hasMessageContaining("got 1025");
        assertFails(Kind.INVALID, () -> blobs.put(APP, "a\0b", x, null)).hasMessageContaining("NUL");
        assertFails(Kind.INVALID, () -> blobs.put(APP, "/etc/passwd", x, null)).hasMessageContaining("must not start with '/'");
        for (String dots : List.of("..", "../a", "a/../b", "a/..")) {
            assertFails(Kind.INVALID, () -> blobs.put(APP, dots, x, null)).hasMessageContaining("'..' segment");
        }
        assertFails(Kind.INVALID, () -> blobs.delete(APP, "a/../b")).hasMessageContaining("'..' segment");
        assertThat(rows(db, "app_blobs")).isZero();

        for (String fine : List.of("a..b", "a/.b", "..a/b", "p".repeat(Blobs.MAX_PATH_LENGTH))) blobs.put(APP, fine, x, null);
        assertThat(rows(db, "app_blobs")).isEqualTo(4);
    }

    @Test
    void aBlobPastTheCapIsTooLargeAndNotStored() {
        blobs.put(APP, "fits", new byte[CAP], null);
        assertThatThrownBy(() -> blobs.put(APP, "big", new byte[CAP + 1], null))
                .isInstanceOfSatisfying(FaztException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
                    assertThat(e.code()).isEqualTo("BLOB_TOO_LARGE");
                })
                .hasMessageContaining("blob 'big' is 1001 bytes; the limit is 1000 bytes");
        assertThat(blobs.get(APP, "big")).isEmpty();
    }

    @Test
    void theDefaultCapIsFiftyMegabytes() {
        Blobs defaults = new Blobs(db);
        assertFails(Kind.TOO_LARGE, () -> defaults.put(APP, "big", new byte[(int) Blobs.DEFAULT_MAX_BLOB_BYTES + 1], null))
                .hasMessageContaining("the limit is 52428800 bytes");
    }

    @Test
    void badInputIsRefused() {
        assertFails(Kind.INVALID, () -> blobs.put(APP, "f", null, null)).hasMessageContaining("put needs data for 'f'");
        assertFails(Kind.INVALID, () -> blobs.put(APP, "f", bytes("x"), "text/html\r\nSet-Cookie: a=b"))
                .hasMessageContaining("without control characters");
        assertFails(Kind.INVALID, () -> blobs.put(APP, "f", bytes("x"), "t".repeat(Blobs.MAX_MIME_LENGTH + 1)))
                .hasMessageContaining("at most 255 characters");
        assertThatThrownBy(() -> new Blobs(db, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void oneAppNeverSeesAnothersBlobsAndDeleteAppRemovesOnlyItsOwn() {
        blobs.put(APP, "same", bytes("mine"), null);
        blobs.put("app_other", "same", bytes("theirs"), null);
        assertThat(blobs.get("app_other", "same").orElseThrow().data()).isEqualTo(bytes("theirs"));
        assertThat(blobs.delete("app_nobody", "same")).isFalse();
        assertThat(blobs.list("app_other", null)).hasSize(1);

        blobs.deleteApp(APP);
        assertThat(blobs.list(APP, null)).isEmpty();
        assertThat(blobs.get("app_other", "same")).isPresent();
    }

    @Test
    void aClosedDatabaseIsAStorageError() {
        db.close();
        assertFails(Kind.UNAVAILABLE, () -> blobs.list(APP, null)).hasMessageContaining("storage is unavailable");
    }
}
