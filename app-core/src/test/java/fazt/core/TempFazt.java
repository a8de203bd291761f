package fazt.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/** An engine on a fresh data.db in a temp folder, removed on close. */
public final class TempFazt implements AutoCloseable {
    public final Path dir;
    public final Fazt fazt;

    public TempFazt() {
        this(Map.of());
    }

    public TempFazt(Map<String, String> flags) {
        try {
            dir = Files.createTempDirectory("fazt-core-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fazt = Fazt.open(dir.resolve("data.db"), flags, Map.of());
    }

    @Override
    public void close() {
        fazt.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder
        }
    }
}
