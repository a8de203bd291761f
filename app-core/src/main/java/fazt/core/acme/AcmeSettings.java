package fazt.core.acme;

import fazt.core.FaztException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which CA to order from and how.
 *
 * @param directory the CA's directory: an {@code https://} URL or an acme4j {@code acme://} URI
 *     such as {@code acme://letsencrypt.org} (the default) or {@code acme://pebble/127.0.0.1:14000}
 * @param trustedCaPem PEM certificates to trust for the directory's HTTPS endpoint (a private CA),
 *     on top of none: when given, only these are trusted
 * @param email a contact address for the account (the CA's expiry notices), if any
 * @param timeout how long one order may wait for the CA in all (validation, issuance)
 */
public record AcmeSettings(URI directory, Optional<String> trustedCaPem, Optional<String> email, Duration timeout) {
    public static final String LETS_ENCRYPT = "acme://letsencrypt.org";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+$");

    public AcmeSettings {
        String scheme = directory.getScheme() == null ? "" : directory.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("acme") || directory.getHost() == null) {
            throw FaztException.invalid("the ACME directory must be an https:// URL or an acme:// URI such as "
                    + LETS_ENCRYPT + ", not '" + directory + "'");
        }
        email.ifPresent(e -> {
            if (!EMAIL.matcher(e).matches()) {
                throw FaztException.invalid("the ACME contact must be one email address such as you@example.com, not '"
                        + e + "'");
            }
        });
        trustedCaPem.ifPresent(pem -> {
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw FaztException.invalid("the CA file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
        });
        if (timeout.isNegative() || timeout.isZero()) {
            throw FaztException.invalid("the ACME timeout must be positive, not " + timeout);
        }
    }

    /** Let's Encrypt's production CA, no contact, the default timeout. */
    public static AcmeSettings letsEncrypt() {
        return directory(LETS_ENCRYPT);
    }

    /** The CA at {@code directory} (see the record's description), no contact, the default timeout. */
    public static AcmeSettings directory(String directory) {
        URI uri;
        try {
            uri = URI.create(directory == null ? "" : directory.trim());
        } catch (IllegalArgumentException e) {
            throw FaztException.invalid("the ACME directory '" + directory + "' is not a URL: " + e.getMessage());
        }
        return new AcmeSettings(uri, Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
    }

    public AcmeSettings withEmail(String address) {
        return new AcmeSettings(directory, trustedCaPem, Optional.of(address.trim()), timeout);
    }

    public AcmeSettings withTrustedCaPem(String pem) {
        return new AcmeSettings(directory, Optional.of(pem), email, timeout);
    }

    /** Trusts the PEM certificates in {@code file} for the directory endpoint. */
    public AcmeSettings withCaFile(Path file) {
        try {
            return withTrustedCaPem(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw FaztException.invalid("cannot read the CA file " + file + ": " + e.getMessage());
        }
    }

    public AcmeSettings withTimeout(Duration limit) {
        return new AcmeSettings(directory, trustedCaPem, email, limit);
    }
}
