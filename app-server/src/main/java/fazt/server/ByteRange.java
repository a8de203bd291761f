package fazt.server;

/** Parses a {@code Range} header for one byte range. */
final class ByteRange {
    private ByteRange() {}

    /**
     * Returns {@code {start, end}} (inclusive) for one satisfiable range; an empty array when the
     * range cannot be satisfied (416); null when the header should be ignored (malformed, not
     * bytes, or several ranges), which means "send the whole file".
     */
    static long[] parse(String header, long length) {
        String h = header.trim();
        if (!h.startsWith("bytes=")) return null;
        String spec = h.substring(6).trim();
        if (spec.contains(",")) return null;
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) return null;
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || length == 0) return new long[0];
                return new long[] {Math.max(0, length - suffix), length - 1};
            }
            long start = Long.parseLong(a);
            if (start >= length) return new long[0];
            long end = b.isEmpty() ? length - 1 : Long.parseLong(b);
            if (end < start) return null;
            return new long[] {start, Math.min(end, length - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
