package fazt.server.cli;

import fazt.core.FaztException;
import fazt.core.Health;
import fazt.core.InstanceLock;
import fazt.core.Node;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Owner;
import fazt.core.identity.OwnerAccount;
import fazt.core.identity.Scope;
import fazt.core.peers.Pairing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fazt server …}: set up, run and configure an instance. */
@Command(name = "server", description = "Set up, run and configure this instance.", mixinStandardHelpOptions = true,
        subcommands = {ServerCommands.Init.class, ServerCommands.Start.class, ServerCommands.Status.class,
                ServerCommands.SetConfig.class, ServerCommands.SetCredentials.class, ServerCommands.CreateKey.class,
                ServerCommands.Pair.class, CertCommands.SetCert.class, CertCommands.Certs.class, CertCommands.RemoveCert.class})
final class ServerCommands {

    @Command(name = "init", description = "Create data.db and set the owner's sign-in (and a domain) without starting.",
            mixinStandardHelpOptions = true)
    static final class Init implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--domain", description = "A real domain to serve apps under (e.g. example.com).") String domain;
        @Option(names = "--username", description = "The owner's username (default admin).") String username;
        @Option(names = "--password", interactive = true, arity = "0..1", description = "The owner's password (at least 8 "
                + "characters); give the option without a value to be asked for it (it then stays out of the shell history); "
                + "without the option a password is generated and printed once.") String password;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (username != null && password == null) throw FaztException.invalid("--username needs --password");
            try (InstanceOptions.Connection c = instance.connect()) {
                Node node = c.node();
                if (domain != null) node.setConfig("domain", domain);
                PrintWriter out = spec.commandLine().getOut();
                Health health = node.health();
                out.println("data  " + health.dataPath());
                out.println("domain  " + health.baseDomains().get(0));
                if (password != null) {
                    out.println("owner  " + node.setOwnerCredentials(username == null ? Owner.DEFAULT_USERNAME : username, password).username());
                } else {
                    ServerRunner.printGeneratedPassword(node, out);
                }
            }
            return 0;
        }
    }

    @Command(name = "set-credentials", description = "Change the owner's username and password; signs the owner out everywhere.",
            mixinStandardHelpOptions = true)
    static final class SetCredentials implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--username", description = "The owner's username (default: keep the current one).") String username;
        @Option(names = "--password", required = true, interactive = true, arity = "0..1", description = "The new password "
                + "(at least 8 characters); give the option without a value to be asked for it.") String password;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (InstanceOptions.Connection c = instance.connect()) {
                OwnerAccount.CredentialsSet set = c.node().setOwnerCredentials(username, password);
                spec.commandLine().getOut().println("owner  " + set.username() + " (password changed; "
                        + set.sessionsEnded() + " session(s) ended)");
            }
            return 0;
        }
    }

    @Command(name = "start", description = "Run the instance headless in the foreground.", mixinStandardHelpOptions = true)
    static final class Start implements Callable<Integer> {
        @Option(names = "--data", description = "Path of data.db or its folder (env FAZT_DATA).") String data;
        @Option(names = "--port", description = "Port for this run (default 4698; 80 when HTTPS is on).") Integer port;
        @Option(names = "--bind", description = "Address to listen on for this run (default: all interfaces).") String bind;
        @Mixin HttpsOptions https;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return ServerRunner.run(data, port, bind, https.flags(), spec.commandLine().getOut());
        }
    }

    @Command(name = "status", description = "Say whether the instance runs, and its health. Exit 0 when running, 1 when not.",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path file = instance.dataFile();
            Optional<InstanceLock.Holder> holder = InstanceLock.readHolder(file);
            if (holder.isEmpty() || holder.get().port() == 0) {
                if (instance.json) Output.json(out, Map.of("running", false, "data_path", file.toString()));
                else out.println("not running (data " + file + ")");
                return 1;
            }
            try (InstanceOptions.Connection c = instance.connect()) {
                Health h = c.node().health();
                if (instance.json) {
                    Map<String, Object> all = new LinkedHashMap<>();
                    all.put("running", true);
                    all.put("pid", holder.get().pid());
                    all.put("port", holder.get().port());
                    all.put("health", h);
                    Output.json(out, all);
                } else {
                    out.println("running  pid " + holder.get().pid() + ", port " + holder.get().port());
                    out.println("status   " + h.status() + ", version " + h.version() + ", up " + h.uptimeSeconds() + " s");
                    out.println("data     " + h.dataPath());
                    out.println("domains  " + String.join(", ", h.baseDomains()));
                    out.println("memory   " + Output.bytes(h.memory().rssBytes()) + " resident (heap " + Output.bytes(h.memory().heapUsedBytes())
                            + " in use)");
                    out.println("apps     " + h.apps());
                    if (h.backups() != null) out.println("backups  " + h.backups().summary(Output::bytes));
                    if (h.certificates() != null) {
                        Health.Certificates certs = h.certificates();
                        out.println("https    " + certs.https() + " (certificates: " + certs.ok() + " ok, " + certs.pending() + " pending, "
                                + certs.failed() + " failed; 'fazt server certs' lists them)");
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "set-config", description = "Store settings in data.db (port, bind, domain and https apply at the next start).",
            mixinStandardHelpOptions = true)
    static final class SetConfig implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--port") Integer port;
        @Option(names = "--bind") String bind;
        @Mixin HttpsOptions https;
        @Option(names = "--versions-kept", description = "How many versions of each app to keep (default 10).") Integer versionsKept;
        @Option(names = "--max-upload-bytes") Long maxUpload;
        @Option(names = "--max-expanded-bytes") Long maxExpanded;
        @Option(names = "--max-files") Integer maxFiles;
        @Option(names = "--fetch-timeout-ms", description = "Default timeout of functions' fetches (default 10000).") Long fetchTimeout;
        @Option(names = "--fetch-max-response-bytes", description = "Largest response a fetch accepts (default 5 MB).") Long fetchMaxResponse;
        @Option(names = "--fetch-concurrency", description = "Fetches one app may have running at once (default 4).") Integer fetchConcurrency;
        @Option(names = "--fetch-allow-private", description = "Private addresses or CIDR ranges functions may fetch from, "
                + "comma-separated (default none; '' clears).") String fetchAllowPrivate;
        @Option(names = "--backup-dir", description = "Folder for scheduled backups.") Path backupDir;
        @Option(names = "--backup-every", description = "How often to back up while serving: 30m, 6h, 1d; off or 0 stops.") String backupEvery;
        @Option(names = "--backup-keep", description = "How many scheduled backups to keep (default 14).") Integer backupKeep;
        @Option(names = "--backup-to-peer", description = "A linked peer to send each scheduled backup to (\"\" for none).")
        String backupToPeer;
        @Option(names = "--desktop-on-close", description = "Closing the desktop window where there is no tray: ask, background "
                + "(keep serving) or quit.") String desktopOnClose;
        @Option(names = "--wal-checkpoints", description = "fazt (default), or litestream: Litestream replicates data.db "
                + "and runs every WAL checkpoint.") String walCheckpoints;
        @Option(names = "--http-idle-timeout-ms", description = "Close a connection idle this long (default 30000).") Long httpIdle;
        @Option(names = "--http-header-timeout-ms", description = "Close a connection whose request headers or TLS handshake "
                + "are not complete this long after they began (default 20000).") Long httpHeader;
        @Option(names = "--http-body-timeout-ms", description = "A request body's grace before --http-body-min-rate applies "
                + "(default 20000).") Long httpBody;
        @Option(names = "--http-body-min-rate", description = "Bytes a second a request body must average after its grace; "
                + "0: no minimum (default 500).") Long httpBodyRate;
        @Option(names = "--http-max-connections-per-ip", description = "Open connections one client address may hold "
                + "(default 256; trusted proxies are not limited).") Integer httpPerIp;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Object> given = new LinkedHashMap<>();
            given.put("port", port);
            given.put("bind", bind);
            given.putAll(https.flags());
            given.put("versions_kept", versionsKept);
            given.put("max_upload_bytes", maxUpload);
            given.put("max_expanded_bytes", maxExpanded);
            given.put("max_files", maxFiles);
            given.put("fetch_timeout_ms", fetchTimeout);
            given.put("fetch_max_response_bytes", fetchMaxResponse);
            given.put("fetch_concurrency", fetchConcurrency);
            given.put("fetch_allow_private", fetchAllowPrivate);
            given.put("backup_dir", backupDir == null ? null : backupDir.toAbsolutePath().normalize());
            given.put("backup_every", backupEvery);
            given.put("backup_keep", backupKeep);
            given.put("backup_to_peer", backupToPeer);
            given.put("desktop_on_close", desktopOnClose);
            given.put("wal_checkpoints", walCheckpoints);
            given.put("http_idle_timeout_ms", httpIdle);
            given.put("http_header_timeout_ms", httpHeader);
            given.put("http_body_timeout_ms", httpBody);
            given.put("http_body_min_rate", httpBodyRate);
            given.put("http_max_connections_per_ip", httpPerIp);
            given.values().removeIf(v -> v == null);
            if (given.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "name at least one setting to store");
            if (versionsKept != null && versionsKept < 1) throw FaztException.invalid("--versions-kept must be at least 1");
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                given.forEach((k, v) -> c.node().setConfig(k, String.valueOf(v)));
                Map<String, String> now = c.node().config();
                if (instance.json) Output.json(out, now);
                else now.forEach((k, v) -> out.println(k + " = " + v));
            }
            return 0;
        }
    }

    @Command(name = "create-key", description = "Create an API key; its token is printed once.", mixinStandardHelpOptions = true)
    static final class CreateKey implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--name", required = true, description = "What the key is for.") String name;
        @Option(names = "--scope", defaultValue = "admin", description = "read, deploy or admin (default admin).") String scope;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                ApiKeys.NewKey key = c.node().createKey(name, Scope.parse(scope));
                if (instance.json) {
                    Output.json(out, key);
                } else {
                    out.println(key.token());
                    spec.commandLine().getErr().println("key " + key.key().id() + " (" + key.key().scope()
                            + "): keep the token above safe; it is not shown again");
                }
            }
            return 0;
        }
    }

    @Command(name = "pair", description = "Print a one-time code (valid 10 minutes) that links this instance as a peer of another.",
            mixinStandardHelpOptions = true)
    static final class Pair implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                Pairing.Code code = c.node().newPairingCode();
                if (instance.json) {
                    Output.json(out, code);
                } else {
                    out.println(code.code());
                    String base = c.node().health().baseDomains().get(0);
                    int port = c.opened() != null ? c.opened().config().getInt("port")
                            : InstanceLock.readHolder(instance.dataFile()).orElseThrow().port();
                    spec.commandLine().getErr().println(ServerRunner.pairingHint(code, ServerRunner.adminUrl(base, port,
                            ServerRunner.httpsPort(c.node().config()))));
                }
            }
            return 0;
        }
    }
}
