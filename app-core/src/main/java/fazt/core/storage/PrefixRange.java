package fazt.core.storage;

import java.util.Optional;

/**
 * Literal prefix matching as a key range, so that a listing walks the primary-key index and no
 * character of the prefix is a wildcard ({@code %} and {@code _} mean themselves). SQLite
 * compares TEXT byte by byte as UTF-8, and UTF-8 byte order is code-point order; so the strings
 * that start with a prefix are exactly those in [prefix, prefix with its last code point raised
 * by one).
 */
final class PrefixRange {
    private PrefixRange() {}

    /**
     * Appends {@code " AND column >= ?"} and, when there is one, {@code " AND column < ?"}, which
     * together hold exactly the values starting with {@code prefix} (every value for an empty or
     * null prefix). {@code column} must be a fixed column name.
     */
    static void append(BoundSql sql, String column, String prefix) {
        if (prefix == null || prefix.isEmpty()) return;
        sql.add(" AND " + column + " >= ").bind(prefix);
        upperBound(prefix).ifPresent(upper -> sql.add(" AND " + column + " < ").bind(upper));
    }

    /**
     * The least string greater than every string that starts with {@code prefix}, or empty when
     * there is none (the prefix is all U+10FFFF, or empty).
     */
    static Optional<String> upperBound(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int cp = prefix.codePointBefore(end);
            int start = end - Character.charCount(cp);
            if (cp < Character.MAX_CODE_POINT) {
                int next = cp + 1;
                // surrogate code points cannot be written as UTF-8: the next encodable one follows them
                if (next == Character.MIN_SURROGATE) next = Character.MAX_SURROGATE + 1;
                return Optional.of(prefix.substring(0, start) + Character.toString(next));
            }
            end = start;
        }
        return Optional.empty();
    }
}
