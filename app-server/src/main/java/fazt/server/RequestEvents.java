package fazt.server;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.analytics.IncomingEvent;
import fazt.core.apps.VersionIndex;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Turns requests into analytics events: who asked (address through {@link ClientAddress}, user
 * agent) and which app a host belongs to. Recording only queues the event in memory.
 */
final class RequestEvents {
    private final Fazt fazt;
    private final ClientAddress clients;
    private final HostRouter router;

    RequestEvents(Fazt fazt) {
        this.fazt = fazt;
        this.clients = new ClientAddress(fazt.config());
        this.router = new HostRouter(fazt);
    }

    /**
     * The server-side pageview of an HTML document an app served (SPEC §7), unless the app's
     * manifest says {@code "analytics": false} (SPEC §3.1). It never fails the page: headers are
     * taken as they come, cleaned of what an event may not hold, and an event that still cannot
     * be made is skipped.
     */
    void pageview(VersionIndex index, Request request, String path) {
        if (index.manifest() != null && index.manifest().path("analytics").asBoolean(true) == false) return;
        String host = HostRouter.hostName(request.getHeaders().get(HttpHeader.HOST));
        if (host == null) return;
        String referrer = IncomingEvent.cleaned(request.getHeaders().get(HttpHeader.REFERER), IncomingEvent.MAX_REFERRER);
        try {
            fazt.analytics().events().record(new IncomingEvent(System.currentTimeMillis(), index.appId(), host,
                    IncomingEvent.cleaned(path, IncomingEvent.MAX_PATH), IncomingEvent.PAGEVIEW, emptyToNull(referrer), null, null,
                    IncomingEvent.FROM_SERVER, clients.of(request), userAgent(request)));
        } catch (FaztException e) {
            // a path of nothing but control characters: the page is served all the same, uncounted
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * An event a page reported about {@code host} (already a lowercased host name): queued when it
     * is valid, with the app that host serves, if any. False when the buffer did not take it.
     */
    boolean reported(Request request, String host, String path, String event, String referrer, String tags, String query,
            String source) {
        String appId = router.route(host) instanceof HostRouter.App app ? app.appId() : null;
        return fazt.analytics().events().record(new IncomingEvent(System.currentTimeMillis(), appId, host, path, event,
                referrer, tags, query, source, clients.of(request), userAgent(request)));
    }

    private static String userAgent(Request request) {
        return request.getHeaders().get(HttpHeader.USER_AGENT);
    }
}
