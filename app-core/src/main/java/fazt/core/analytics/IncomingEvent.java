package fazt.core.analytics;

import fazt.core.FaztException;

/**
 * One event as it arrives, before it is stored: what the page or the server reported, plus the
 * client's full address and user agent. Those two only feed the visitor hash and the truncated
 * address; neither is stored as given. {@code tags} and {@code query} are JSON objects as text,
 * or null.
 */
public record IncomingEvent(long time, String appId, String host, String path, String event, String referrer,
        String tags, String query, String source, String clientAddress, String userAgent) {
    public static final int MAX_HOST = 253;
    public static final int MAX_PATH = 2048;
    public static final int MAX_REFERRER = 2048;
    public static final int MAX_EVENT = 64;
    /** What {@code e} means when a page leaves it out, and what the server records for HTML documents. */
    public static final String PAGEVIEW = "pageview";

    /** Where an event came from, stored with it. */
    public static final String FROM_TRACK = "track";
    public static final String FROM_PIXEL = "pixel";
    public static final String FROM_SERVER = "server";
    /** A record of eleven fields and the headers of its strings, about (for {@link #approximateBytes}). */
    private static final int OBJECT_OVERHEAD = 400;

    public IncomingEvent {
        check("host", host, MAX_HOST, true);
        check("path", path, MAX_PATH, true);
        check("event", event, MAX_EVENT, true);
        check("referrer", referrer, MAX_REFERRER, false);
        if (source == null) throw new IllegalArgumentException("source is required");
    }

    private static void check(String name, String value, int max, boolean required) {
        if (value == null) {
            if (required) throw FaztException.invalid(name + " is required");
            return;
        }
        if (required && value.isBlank()) throw FaztException.invalid(name + " must not be empty");
        if (value.length() > max) {
            throw FaztException.invalid(name + " is " + value.length() + " characters long; the limit is " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) throw FaztException.invalid(name + " must not contain control characters");
        }
    }

    /** The same event stamped {@code otherTime} (when its millisecond already holds as many events as a key allows). */
    IncomingEvent at(long otherTime) {
        return new IncomingEvent(otherTime, appId, host, path, event, referrer, tags, query, source, clientAddress, userAgent);
    }

    /**
     * Roughly the bytes this event holds in memory while it waits to be stored: its text as UTF-16
     * plus a guess at the object headers. Pages choose most of that text, so the write buffer
     * limits waiting events by this, not only by their number.
     */
    public long approximateBytes() {
        long chars = 0;
        for (String s : new String[] {appId, host, path, event, referrer, tags, query, source, clientAddress, userAgent}) {
            if (s != null) chars += s.length();
        }
        return OBJECT_OVERHEAD + 2 * chars;
    }

    /**
     * {@code value} without control characters, cut to {@code max} characters: what the server
     * records of a request's own headers and path, which it must take as they come.
     */
    public static String cleaned(String value, int max) {
        if (value == null) return null;
        if (value.length() <= max && value.chars().noneMatch(Character::isISOControl)) return value; // the usual case, no copy
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char ch = value.charAt(i);
            if (!Character.isISOControl(ch)) out.append(ch);
        }
        return out.toString();
    }
}
