package fazt.core;

import java.io.IOException;
import java.io.InputStream;

/** Files shipped inside fazt's jars: the landing and 404 pages, the functions' prelude. */
public final class ShippedFiles {
    private ShippedFiles() {}

    /** The bytes of the class-path resource {@code path}; a missing one is a broken build, not a user error. */
    public static byte[] read(String path) {
        try (InputStream in = ShippedFiles.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }
}
