package fazt.core.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code "schedules"} field of {@code manifest.json}, read and checked at deploy so that a bad
 * job is refused with a message naming it, and read again from the active version's manifest when
 * the scheduler loads it.
 */
public final class ScheduleManifest {
    /** Jobs one app may declare: enough for clean-ups, digests and polling, few enough to list on one screen. */
    public static final int MAX_JOBS = 20;
    private static final int MAX_PATH = 256;
    private static final Pattern PATH = Pattern.compile("/api(/[A-Za-z0-9._~-]+)+");
    private static final Set<String> FIELDS = Set.of("cron", "path", "tz", "catchUp");

    private ScheduleManifest() {}

    /** The jobs {@code manifest} declares, in order; none when it has no {@code schedules}. */
    public static List<Schedule> read(JsonNode manifest) {
        JsonNode list = manifest == null ? null : manifest.get("schedules");
        if (list == null || list.isNull()) return List.of();
        if (!list.isArray()) throw rejected("\"schedules\" must be a list of {\"cron\": ..., \"path\": ...} objects");
        if (list.size() > MAX_JOBS) throw rejected("\"schedules\" has " + list.size() + " jobs; an app may have at most " + MAX_JOBS);
        List<Schedule> out = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Schedule s = job(list.get(i), "schedules[" + i + "]");
            if (!paths.add(s.path())) {
                throw rejected("schedules[" + i + "]: two jobs call " + s.path() + "; give each job its own path (a cron list such as"
                        + " \"0 8,18 * * *\" runs one path at several times)");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static Schedule job(JsonNode item, String where) {
        if (!item.isObject()) throw rejected(where + " must be an object like {\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron\"}");
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) throw rejected(where + " has an unknown field \"" + name + "\"; the fields are cron, path, tz and catchUp");
        }
        JsonNode cronNode = item.get("cron");
        if (cronNode == null || !cronNode.isTextual()) throw rejected(where + ": \"cron\" is missing (a text like \"0 * * * *\" or \"@daily\")");
        CronExpression cron;
        try {
            cron = CronExpression.parse(cronNode.asText());
        } catch (FaztException e) {
            throw rejected(where + ": " + e.getMessage());
        }
        JsonNode pathNode = item.get("path");
        if (pathNode == null || !pathNode.isTextual()) throw rejected(where + ": \"path\" is missing (the function path to call, like \"/api/cron/digest\")");
        String path = pathNode.asText();
        if (path.length() > MAX_PATH || !PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")
                || path.contains("/./") || path.endsWith("/.")) {
            throw rejected(where + ": the path '" + path + "' must be a function path under /api/ (letters, digits, . _ ~ -,"
                    + " no query, at most " + MAX_PATH + " characters)");
        }
        ZoneId zone = ZoneId.of("UTC");
        JsonNode tz = item.get("tz");
        if (tz != null && !tz.isNull()) {
            if (!tz.isTextual()) throw rejected(where + ": \"tz\" must be a time zone name like \"Europe/Paris\"");
            try {
                zone = ZoneId.of(tz.asText());
            } catch (DateTimeException e) {
                throw rejected(where + ": '" + tz.asText() + "' is not a time zone; use a name like \"Europe/Paris\" or \"UTC\"");
            }
        }
        JsonNode catchUp = item.get("catchUp");
        if (catchUp != null && !catchUp.isNull() && !catchUp.isBoolean()) throw rejected(where + ": \"catchUp\" must be true or false");
        Schedule s = new Schedule(path, cron, zone, catchUp == null || catchUp.isNull() || catchUp.asBoolean());
        if (s.next(Instant.EPOCH.plusSeconds(86_400L * 365 * 50)).isEmpty()) {
            throw rejected(where + ": '" + cron.text() + "' never fires (no such day)");
        }
        return s;
    }

    private static FaztException rejected(String message) {
        return new FaztException(FaztException.Kind.INVALID, "INVALID_BUNDLE", "manifest.json: " + message);
    }
}
