package fazt.core.analytics;

import java.util.Map;

/** A stored event as {@code /api/events} shows it: the address is the truncated one, the visitor hash is not shown. */
public record StoredEvent(long id, long time, String appId, String host, String path, String event, String referrer,
        Map<String, Object> tags, Map<String, Object> query, String source, String address) {}
