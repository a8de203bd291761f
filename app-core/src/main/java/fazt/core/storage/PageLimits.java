package fazt.core.storage;

import fazt.core.FaztException;

/**
 * How much one admin listing may return (the dashboard, the CLI and agents page through app
 * data with these). A page holds at most {@link #MAX_ITEMS} items and stops early, after the item
 * that passes {@link #MAX_BYTES} of stored values, so that a page of large values cannot take the
 * server's memory; the caller then asks for the next page.
 */
public final class PageLimits {
    public static final int DEFAULT_ITEMS = 100;
    public static final int MAX_ITEMS = 1000;
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private PageLimits() {}

    /** {@code limit}, or the default when null; an error naming the range when it is outside 1-{@value #MAX_ITEMS}. */
    static int items(Integer limit) {
        if (limit == null) return DEFAULT_ITEMS;
        if (limit < 1 || limit > MAX_ITEMS) {
            throw FaztException.invalid("limit must be 1-" + MAX_ITEMS + ", not " + limit
                    + "; read further pages instead of one larger page");
        }
        return limit;
    }

    /** {@code offset}, or 0 when null; an error when negative. */
    static int offset(Integer offset) {
        if (offset == null) return 0;
        if (offset < 0) throw FaztException.invalid("offset must not be negative, not " + offset);
        return offset;
    }
}
