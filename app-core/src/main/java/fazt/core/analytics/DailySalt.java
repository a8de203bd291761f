package fazt.core.analytics;

import fazt.core.db.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

/**
 * The secret mixed into visitor hashes, one per UTC day. It is stored in data.db so that a restart
 * keeps counting a returning visitor once; at the first event of a new day a new salt replaces
 * the old one, which is deleted, so no stored hash can be tied to an address afterwards.
 */
final class DailySalt {
    static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private volatile Day current;

    private record Day(long number, byte[] salt) {}

    DailySalt(Database db) {
        this.db = db;
    }

    /**
     * The salt of the day {@code timeMillis} falls on. An event of a day already replaced (one that
     * waited in the buffer across midnight) gets today's salt: the old one is gone on purpose.
     */
    byte[] forTime(long timeMillis) {
        long day = Math.floorDiv(timeMillis, DAY_MILLIS);
        Day d = current;
        if (d != null && day <= d.number()) return d.salt();
        synchronized (this) {
            d = current;
            if (d == null || day > d.number()) {
                d = new Day(day, loadOrCreate(day));
                current = d;
            }
            return d.salt();
        }
    }

    private byte[] loadOrCreate(long day) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return db.write(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO analytics_salts(day, salt) VALUES (?, ?)");
                    PreparedStatement drop = c.prepareStatement("DELETE FROM analytics_salts WHERE day < ?");
                    PreparedStatement read = c.prepareStatement("SELECT salt FROM analytics_salts WHERE day = ?")) {
                insert.setLong(1, day);
                insert.setBytes(2, fresh);
                insert.executeUpdate();
                drop.setLong(1, day);
                drop.executeUpdate();
                read.setLong(1, day);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        });
    }
}
