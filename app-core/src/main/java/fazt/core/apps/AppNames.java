package fazt.core.apps;

import fazt.core.FaztException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for app names and alias labels (SPEC §3.1). {@code root} and {@code 404} are the two
 * system apps: deploying them replaces the landing page of the base domain and the instance's
 * 404 page; they are never reachable as subdomains.
 */
public final class AppNames {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    public static final Set<String> RESERVED = Set.of("admin", "api", "www", "mail", "ftp", "smtp", "pop",
            "imap", "ns1", "ns2", "localhost", "root", "404");
    public static final String LANDING = "root";
    public static final String NOT_FOUND = "404";

    private AppNames() {}

    /** Normalises a requested app name ({@code blog.example.com} → {@code blog} for base {@code example.com}). */
    public static String normalize(String raw, Iterable<String> baseDomains) {
        if (raw == null || raw.isBlank()) throw FaztException.invalid("an app name is required");
        String name = raw.trim().toLowerCase(Locale.ROOT);
        for (String base : baseDomains) {
            if (!base.isEmpty() && name.endsWith("." + base)) {
                name = name.substring(0, name.length() - base.length() - 1);
                break;
            }
        }
        return name;
    }

    /** Checks a name for deploy: valid, and either not reserved or one of the system apps. */
    public static void checkDeployable(String name) {
        checkSyntax(name);
        if (RESERVED.contains(name) && !isSystemApp(name)) {
            throw new FaztException(FaztException.Kind.INVALID, "RESERVED_NAME",
                    "'" + name + "' is reserved; choose another name");
        }
    }

    /** Checks a subdomain label for an alias: valid and not reserved. */
    public static void checkAlias(String label) {
        checkSyntax(label);
        if (RESERVED.contains(label)) {
            throw new FaztException(FaztException.Kind.INVALID, "RESERVED_NAME",
                    "'" + label + "' is reserved and cannot be an alias");
        }
    }

    public static boolean isSystemApp(String name) {
        return LANDING.equals(name) || NOT_FOUND.equals(name);
    }

    private static void checkSyntax(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new FaztException(FaztException.Kind.INVALID, "INVALID_NAME",
                    "invalid name '" + name + "': use 1-63 lowercase letters, digits and inner hyphens");
        }
    }
}
