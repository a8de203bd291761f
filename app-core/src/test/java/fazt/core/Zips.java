package fazt.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zips for tests, including ones no honest zip tool would make. */
public final class Zips {
    private Zips() {}

    /** Entries in the map's order; values are strings or byte arrays. */
    public static byte[] of(Map<String, ?> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, ?> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                Object v = e.getValue();
                z.write(v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Two entries with the same name (ZipOutputStream refuses that, so the second is renamed in the bytes). */
    public static byte[] withDuplicate(String name) {
        String twin = name.substring(0, name.length() - 1) + "#";
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
        entries.put(name, "one");
        entries.put(twin, "two");
        byte[] zip = of(entries);
        String s = new String(zip, StandardCharsets.ISO_8859_1).replace(twin, name);
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
