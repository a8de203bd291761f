package fazt.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of serving a real domain, shared by {@code fazt --server}, {@code fazt server start}
 * (for that run) and {@code fazt server set-config} (stored): {@code --domain}, {@code --https},
 * {@code --https-port} and the ACME ones, mapped to their setting names.
 */
public final class HttpsOptions {
    @Option(names = "--domain", description = "A real domain to serve apps under (e.g. example.com).")
    String domain;

    @Option(names = "--https", description = "HTTPS: off, auto (certificates ordered by fazt) or manual (only 'set-cert' ones); "
            + "see docs/https.md. Default: the stored setting, off.")
    String https;

    @Option(names = "--https-port", description = "The HTTPS port (default 443).")
    Integer httpsPort;

    @Option(names = "--acme-directory", description = "The CA 'https auto' orders from: an https:// ACME directory URL or "
            + "acme://letsencrypt.org (the default).")
    String directory;

    @Option(names = "--acme-email", description = "A contact address the CA may write to about expiring certificates.")
    String email;

    @Option(names = "--acme-ca-file", description = "A PEM file of a private CA's root, trusted for the directory's own HTTPS.")
    String caFile;

    /** The options given, by setting name; none given: empty. */
    public Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (domain != null) flags.put("domain", domain);
        if (https != null) flags.put("https", https);
        if (httpsPort != null) flags.put("https_port", String.valueOf(httpsPort));
        if (directory != null) flags.put("acme_directory", directory);
        if (email != null) flags.put("acme_email", email);
        if (caFile != null) flags.put("acme_ca_file", caFile);
        return flags;
    }
}
