package fazt.core.logs;

import fazt.core.FaztException;
import java.util.List;
import java.util.Locale;

/** The levels of function logs, least severe first: debug, info, warn, error. */
public final class LogLevels {
    public static final List<String> ALL = List.of("debug", "info", "warn", "error");

    private LogLevels() {}

    /** The level in lower case; an invalid-input error for anything but the four levels. */
    public static String check(String level) {
        String l = level == null ? "" : level.trim().toLowerCase(Locale.ROOT);
        if (!ALL.contains(l)) throw FaztException.invalid("level must be debug, info, warn or error, not '" + level + "'");
        return l;
    }

    /** The levels at or above {@code minimum}; every level when it is null. */
    public static List<String> atLeast(String minimum) {
        return minimum == null ? ALL : ALL.subList(ALL.indexOf(check(minimum)), ALL.size());
    }
}
