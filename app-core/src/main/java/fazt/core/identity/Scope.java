package fazt.core.identity;

import fazt.core.FaztException;
import java.util.Locale;

/** What an API key may do. Each scope includes the ones before it: read ⊂ deploy ⊂ admin. */
public enum Scope {
    /** Look at apps, versions, files, aliases and health. */
    READ,
    /** Also deploy and roll back. */
    DEPLOY,
    /** Everything: delete apps, change aliases, manage keys. */
    ADMIN;

    public boolean allows(Scope needed) {
        return compareTo(needed) >= 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw FaztException.invalid("scope must be read, deploy or admin, not '" + s + "'");
        }
    }
}
