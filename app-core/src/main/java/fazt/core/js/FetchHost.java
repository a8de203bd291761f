package fazt.core.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.Json;
import fazt.core.net.FetchAllowList;
import fazt.core.net.FetchException;
import fazt.core.net.OutboundFetch;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.HostAccess;

/**
 * {@code fazt.net} as prelude.js sees it: one call that takes the URL and the options as JSON and
 * returns the response or the error as JSON. Secrets named in header values ({@code {{secret:NAME}}})
 * are filled in here, from the app's env vars, so the script and the logs never hold them; every
 * fetch writes one line to the app's log (method, host, status, time; never a path, query, header or body).
 */
public final class FetchHost {
    private static final Pattern SECRET = Pattern.compile("\\{\\{secret:([^{}]*)}}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final AppRuntime app;
    private final Supplier<Invocation> invocation;

    FetchHost(AppRuntime app, Supplier<Invocation> invocation) {
        this.app = app;
        this.invocation = invocation;
    }

    @HostAccess.Export
    public String fetch(String url, String optionsJson) {
        Invocation inv = invocation.get();
        long start = System.nanoTime();
        String host = hostOf(url);
        String method = "GET";
        ObjectNode out = Json.MAPPER.createObjectNode();
        try {
            JsonNode o = Json.MAPPER.readTree(optionsJson);
            method = o.path("method").asText("GET").toUpperCase(Locale.ROOT);
            JsonNode t = o.get("timeout");
            if (t != null && !t.isNull() && !(t.isNumber() && t.asDouble() > 0)) {
                throw new FetchException("fetch: timeout must be a number of milliseconds above 0");
            }
            long timeoutMs = t == null || t.isNull() ? 0 : Math.max(1, (long) Math.ceil(t.asDouble()));
            byte[] body = o.hasNonNull("body") ? o.get("body").asText().getBytes(StandardCharsets.UTF_8) : null;
            OutboundFetch.Request request = new OutboundFetch.Request(method, url, headers(o.get("headers")), body, timeoutMs);
            OutboundFetch.Response r = app.services().fetch().fetch(app.appId(), allowList(), request, inv.deadlineNanos());
            inv.log("info", "fetch " + method + " " + host + (r.host().equals(host) ? "" : " → " + r.host()) + " " + r.status()
                    + " in " + millis(start) + " ms" + (r.redirects() == 0 ? "" : r.redirects() == 1 ? " (1 redirect)" : " (" + r.redirects() + " redirects)"));
            out.put("status", r.status());
            out.set("headers", Json.MAPPER.valueToTree(r.headers()));
            out.put("body", new String(r.body(), charset(r.headers().get("content-type"))));
            out.put("url", r.url());
            out.put("redirected", r.redirects() > 0);
        } catch (FetchException e) {
            inv.log("warn", "fetch " + method + " " + host + " failed in " + millis(start) + " ms: " + e.getMessage());
            out.removeAll();
            out.put("error", e.getMessage());
        } catch (IOException e) {
            out.removeAll();
            out.put("error", "fetch: the options are not valid JSON");
        }
        return out.toString();
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The host of a URL for the log, never its path or query. */
    private static String hostOf(String url) {
        try {
            String h = new URI(url).getHost();
            return h == null ? "(no host)" : h.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }

    /** The app's own list (manifest.json) and the owner's (its env var FAZT_FETCH_ALLOW): a host must be on both. */
    private FetchAllowList allowList() {
        try {
            return FetchAllowList.fromManifest(app.index().manifest())
                    .and(FetchAllowList.fromOwnerSetting(app.services().envVars().all(app.appId()).get(FetchAllowList.OWNER_KEY)));
        } catch (IllegalArgumentException e) {
            throw new FetchException("fetch refused: " + e.getMessage()); // fail closed on a list fazt cannot read
        }
    }

    /** The headers to send, with each {@code {{secret:NAME}}} replaced by the app's env var NAME. */
    private List<OutboundFetch.Header> headers(JsonNode node) {
        List<OutboundFetch.Header> list = new ArrayList<>();
        if (node == null || node.isNull()) return list;
        Map<String, String> env = null;
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String value = f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString();
            Matcher m = SECRET.matcher(value);
            if (!m.find()) {
                list.add(new OutboundFetch.Header(f.getKey(), value, false));
                continue;
            }
            if (env == null) env = app.services().envVars().all(app.appId());
            StringBuilder filled = new StringBuilder();
            m.reset();
            while (m.find()) {
                String name = m.group(1).trim();
                String secret = SECRET_NAME.matcher(name).matches() ? env.get(name) : null;
                if (secret == null && !SECRET_NAME.matcher(name).matches()) {
                    throw new FetchException("fetch: a secret placeholder in the header " + f.getKey()
                            + " does not name an env var (letters, digits and _)");
                }
                if (secret == null) {
                    throw new FetchException("fetch: no secret named '" + name + "' for the header " + f.getKey()
                            + "; set it with: fazt app env set " + app.name() + " " + name + " VALUE");
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(secret));
            }
            m.appendTail(filled);
            list.add(new OutboundFetch.Header(f.getKey(), filled.toString(), true));
        }
        return list;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException e) {
                        break;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
