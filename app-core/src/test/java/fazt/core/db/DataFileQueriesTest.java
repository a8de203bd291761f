package fazt.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFileQueriesTest {
    @TempDir
    Path dir;

    @Test
    void updatesGoThroughTheWriterAndReadsSeeThemOnTheLiveFileAndOnACopy() {
        Path data = dir.resolve("data.db");
        Path copy = dir.resolve("copy.db");
        try (Database db = Database.open(data)) {
            DataFileQueries live = DataFileQueries.of(db);
            assertThat(live.update("INSERT INTO config(key, value) VALUES (?, ?), (?, ?)", "a", "1", "b", "two")).isEqualTo(2);
            assertThat(live.texts("SELECT value FROM config WHERE key IN (?, ?) ORDER BY key", "a", "b"))
                    .containsExactly("1", "two");

            DataFileQueries beside = DataFileQueries.readOnly(data);
            assertThat(beside.number("SELECT COUNT(*) FROM config WHERE key IN ('a', 'b')")).isEqualTo(2);
            DataFileQueries.Row row = beside.row("SELECT key, length(value) AS size, NULL AS missing FROM config WHERE key = ?", "b");
            assertThat(row.text("key")).isEqualTo("b");
            assertThat(row.get(2)).isEqualTo(3L);
            assertThat(row.number("missing")).isZero();
            assertThat(row.text(3)).isNull();
            db.backupTo(copy);
        }
        DataFileQueries backup = DataFileQueries.readOnly(copy);
        assertThat(backup.text("SELECT value FROM config WHERE key = ?", "b")).isEqualTo("two");
        assertThat(backup.rows("SELECT * FROM config WHERE key = 'none'")).isEmpty();
        assertThatThrownBy(() -> backup.row("SELECT * FROM config WHERE key = 'none'")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> backup.update("DELETE FROM config")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(backup.number("SELECT COUNT(*) FROM config WHERE key = 'a'")).isEqualTo(1);
    }
}
