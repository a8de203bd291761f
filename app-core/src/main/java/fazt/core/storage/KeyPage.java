package fazt.core.storage;

import java.util.List;

/**
 * One page of a listing ordered by key (KV keys, blob paths). {@code next} is the key to pass as
 * {@code after} for the page that follows, or null when this page is the last.
 */
public record KeyPage<T>(List<T> items, String next) {}
