package fazt.core.analytics;

import fazt.core.FaztException;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import fazt.core.db.WriteBuffer;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Short links (SPEC §7): {@code /r/{slug}} on any host answers 302 to the destination and counts
 * a click. Slugs are {@code [a-z0-9-]{1,64}}; destinations are absolute http(s) URLs.
 *
 * <p>Anyone may ask for any slug, so a click costs a read, never a write of its own: clicks of
 * known slugs wait in memory and are added up in one write about once a second (like analytics
 * events), and an unknown slug touches nothing. Reading the list stores the waiting clicks first.
 */
public final class ShortLinks implements AutoCloseable {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,64}");
    public static final int MAX_DESTINATION = 2048;
    private static final int FLUSH_AT = 5000;
    private static final int MAX_PENDING = 100_000;
    private static final int CHUNK = 5000;

    private final Database db;
    private final WriteBuffer<String> clicks;

    public ShortLinks(Database db) {
        this(db, Duration.ofSeconds(1));
    }

    /** {@code flushInterval}: how long clicks wait in memory at most, unless many wait. */
    ShortLinks(Database db, Duration flushInterval) {
        this.db = db;
        this.clicks = new WriteBuffer<>("short link clicks", flushInterval, FLUSH_AT, MAX_PENDING, CHUNK, this::storeClicks);
    }

    public static boolean isSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    private static String checkSlug(String slug) {
        if (slug == null || slug.isEmpty()) throw FaztException.invalid("slug is required: 1 to 64 characters of a-z, 0-9 and '-'");
        if (!isSlug(slug)) {
            throw FaztException.invalid("slug must be 1 to 64 characters of a-z, 0-9 and '-', not '" + slug + "'");
        }
        return slug;
    }

    static String checkDestination(String destination) {
        if (destination == null || destination.isBlank()) throw FaztException.invalid("url is required: an http:// or https:// address");
        String d = destination.trim();
        if (d.length() > MAX_DESTINATION) throw FaztException.invalid("url is longer than " + MAX_DESTINATION + " characters");
        URI uri;
        try {
            uri = new URI(d);
        } catch (URISyntaxException e) {
            throw FaztException.invalid("url is not a valid address: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw FaztException.invalid("url must start with http:// or https://, not '" + d + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw FaztException.invalid("url has no host: '" + d + "'");
        return d;
    }

    /** Every redirect, by slug. */
    public List<ShortLink> list() {
        clicks.flush();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT slug, destination, clicks, created_at FROM redirects ORDER BY slug");
                    ResultSet rs = p.executeQuery()) {
                List<ShortLink> out = new ArrayList<>();
                while (rs.next()) out.add(new ShortLink(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                return out;
            }
        });
    }

    /** Creates the redirect or points an existing one elsewhere; its clicks are kept. */
    public ShortLink set(String slug, String destination) {
        checkSlug(slug);
        String d = checkDestination(destination);
        clicks.flush();
        ShortLink link = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO redirects(slug, destination, clicks, created_at) VALUES (?, ?, 0, ?)"
                    + " ON CONFLICT(slug) DO UPDATE SET destination = excluded.destination")) {
                p.setString(1, slug);
                p.setString(2, d);
                p.setLong(3, System.currentTimeMillis());
                p.executeUpdate();
            }
            return find(c, slug).orElseThrow();
        });
        db.changes().publish(ChangeKind.SHORT_LINK_SET, null, slug);
        return link;
    }

    /** Removes a redirect; not-found when there is none. */
    public void remove(String slug) {
        checkSlug(slug);
        // its waiting clicks go first, so that a new redirect of the same slug starts at none
        clicks.flush();
        int n = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM redirects WHERE slug = ?")) {
                p.setString(1, slug);
                return p.executeUpdate();
            }
        });
        if (n == 0) throw FaztException.notFound("no redirect '" + slug + "'");
        db.changes().publish(ChangeKind.SHORT_LINK_REMOVED, null, slug);
    }

    /**
     * Where to send the visitor, counting a click (stored within about a second); empty for an
     * unknown slug. A click that comes while too many wait is not counted; the visitor is sent on.
     */
    public Optional<String> click(String slug) {
        Optional<String> to = destination(slug);
        if (to.isPresent()) clicks.add(slug);
        return to;
    }

    private void storeClicks(List<String> slugs) {
        Map<String, Long> counts = new HashMap<>();
        for (String slug : slugs) counts.merge(slug, 1L, Long::sum);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE redirects SET clicks = clicks + ? WHERE slug = ?")) {
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    p.setLong(1, e.getValue());
                    p.setString(2, e.getKey());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /** Where the slug points, without counting a click (for HEAD). */
    public Optional<String> destination(String slug) {
        if (!isSlug(slug)) return Optional.empty();
        return db.read(c -> find(c, slug).map(ShortLink::destination));
    }

    private static Optional<ShortLink> find(java.sql.Connection c, String slug) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT slug, destination, clicks, created_at FROM redirects WHERE slug = ?")) {
            p.setString(1, slug);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new ShortLink(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))) : Optional.empty();
            }
        }
    }

    /** Stops counting clicks, then stores every click still waiting. Call it before the database closes. */
    @Override
    public void close() {
        clicks.close();
    }
}
