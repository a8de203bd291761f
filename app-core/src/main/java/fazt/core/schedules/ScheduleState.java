package fazt.core.schedules;

import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code schedule_state} rows (migration V9): per job, until when its ticks were dealt with
 * and how its latest run went. Writes go through the database's single writer.
 */
final class ScheduleState {
    /** One job's row; the {@code last*} fields are null until it has run. */
    record Row(long handledUntil, Long lastRunAt, String lastTrigger, Integer lastStatus, String lastOutcome,
            Long lastDurationMs) {}

    /** A run or a tick that ends after its app was deleted leaves no row behind. */
    private static final String APP_EXISTS = " WHERE EXISTS (SELECT 1 FROM apps WHERE id = ?)";

    private final Database db;

    ScheduleState(Database db) {
        this.db = db;
    }

    /** The app's rows by path. */
    Map<String, Row> rows(String appId) {
        return db.read(c -> {
            Map<String, Row> out = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT path, handled_until, last_run_at, last_trigger, last_status,"
                    + " last_outcome, last_duration_ms FROM schedule_state WHERE app_id = ?")) {
                p.setString(1, appId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Row(rs.getLong(2), (Long) nullable(rs.getObject(3)), rs.getString(4),
                                (Integer) rs.getObject(5), rs.getString(6), (Long) nullable(rs.getObject(7))));
                    }
                }
            }
            return out;
        });
    }

    /** SQLite gives small integers back as Integer; the times and durations are longs. */
    private static Object nullable(Object o) {
        return o instanceof Number n ? (Object) n.longValue() : null;
    }

    /** Every tick of the job up to {@code until} has been dealt with. */
    void handled(String appId, String path, long until) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schedule_state(app_id, path, handled_until) SELECT ?, ?, ?"
                    + APP_EXISTS + " ON CONFLICT(app_id, path) DO UPDATE SET handled_until = excluded.handled_until")) {
                p.setString(1, appId);
                p.setString(2, path);
                p.setLong(3, until);
                p.setString(4, appId);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Keeps only the rows of {@code paths} (the jobs of the version now active). */
    void keepOnly(String appId, Collection<String> paths) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT path FROM schedule_state WHERE app_id = ?");
                    PreparedStatement d = c.prepareStatement("DELETE FROM schedule_state WHERE app_id = ? AND path = ?")) {
                p.setString(1, appId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (paths.contains(rs.getString(1))) continue;
                        d.setString(1, appId);
                        d.setString(2, rs.getString(1));
                        d.addBatch();
                    }
                }
                d.executeBatch();
            }
            return null;
        });
    }

    /** How a run went; a job without a row yet gets one, its ticks handled up to the run's start. */
    void recordRun(String appId, String path, long startedAt, String trigger, int status, String outcome, long durationMs) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schedule_state(app_id, path, handled_until, last_run_at,"
                    + " last_trigger, last_status, last_outcome, last_duration_ms) SELECT ?, ?, ?, ?, ?, ?, ?, ?" + APP_EXISTS
                    + " ON CONFLICT(app_id, path) DO UPDATE SET last_run_at = excluded.last_run_at,"
                    + " last_trigger = excluded.last_trigger, last_status = excluded.last_status,"
                    + " last_outcome = excluded.last_outcome, last_duration_ms = excluded.last_duration_ms")) {
                p.setString(1, appId);
                p.setString(2, path);
                p.setLong(3, startedAt);
                p.setLong(4, startedAt);
                p.setString(5, trigger);
                p.setInt(6, status);
                p.setString(7, outcome);
                p.setLong(8, durationMs);
                p.setString(9, appId);
                p.executeUpdate();
            }
            return null;
        });
    }

    void deleteApp(String appId) {
        db.deleteAppRows("schedule_state", appId);
    }
}
