package fazt.server.cli;

import fazt.core.identity.Invites;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.Users;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt auth …}: how app users sign in (SPEC §6.3): providers, users and their roles, invites. */
@Command(name = "auth", description = "Manage how app users sign in: providers, users, invites.", mixinStandardHelpOptions = true,
        subcommands = {AuthCommands.Provider.class, AuthCommands.Providers.class, AuthCommands.UsersCommand.class,
                AuthCommands.Invite.class, AuthCommands.InvitesCommand.class})
final class AuthCommands {

    @Command(name = "provider", mixinStandardHelpOptions = true,
            description = {"Set up or change a sign-in provider: google, github, or any name with --issuer for an "
                    + "OpenID Connect server (Keycloak, Authelia, …).",
                    "Options left out keep their stored values; a new provider is enabled unless --disable."})
    static final class Provider implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(paramLabel = "NAME", description = "google, github, or a name of your choice for an OpenID Connect issuer")
        String name;
        @Option(names = "--client-id", paramLabel = "ID", description = "The OAuth client id from the provider.") String clientId;
        @Option(names = "--client-secret", paramLabel = "SECRET", interactive = true, arity = "0..1",
                description = "The OAuth client secret from the provider; give the option without a value to be asked for it.")
        String clientSecret;
        @Option(names = "--issuer", paramLabel = "URL",
                description = "OpenID Connect issuer URL; for github, a GitHub Enterprise server's URL.") String issuer;
        @ArgGroup(exclusive = true) Switch onOff;
        @Option(names = "--remove", description = "Remove the provider.") boolean remove;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        static final class Switch {
            @Option(names = "--enable", description = "Offer this provider on the sign-in page.") boolean enable;
            @Option(names = "--disable", description = "Stop offering this provider.") boolean disable;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                if (remove) {
                    c.node().removeAuthProvider(name);
                    if (instance.json) Output.json(out, Map.of("deleted", name));
                    else out.println("removed provider " + name);
                    return 0;
                }
                Boolean enabled = onOff == null ? null : onOff.enable;
                OAuthProviders.Provider p = c.node().setAuthProvider(name, clientId, clientSecret, issuer, enabled);
                if (instance.json) {
                    Output.json(out, p);
                } else {
                    out.println("provider " + p.name() + " " + (p.enabled() ? "enabled" : "disabled")
                            + (p.issuer() == null ? "" : " (" + p.issuer() + ")"));
                    out.println("register this callback URL with the provider: <scheme>://<base domain>[:port]/auth/callback/"
                            + p.name());
                }
            }
            return 0;
        }
    }

    @Command(name = "providers", description = "List the sign-in providers (secrets are never shown).", mixinStandardHelpOptions = true)
    static final class Providers implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.authProviders(), (out, list) -> {
                if (list.isEmpty()) {
                    out.println("no providers; add one with: fazt auth provider google --client-id ID --client-secret SECRET");
                    return;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"NAME", "PROTOCOL", "ENABLED", "CLIENT ID", "SECRET", "ISSUER"});
                for (OAuthProviders.Provider p : list) {
                    rows.add(new String[] {p.name(), p.protocol(), p.enabled() ? "yes" : "no", p.clientId(),
                            p.secretSet() ? "set" : "missing", p.issuer() == null ? "-" : p.issuer()});
                }
                Output.table(out, rows);
            });
        }
    }

    @Command(name = "users", mixinStandardHelpOptions = true,
            description = {"List app users; with --user ID --role ROLE change a role; with --delete ID remove a user "
                    + "(their sessions end at once)."})
    static final class UsersCommand implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--user", paramLabel = "ID", description = "The user whose role --role sets.") String user;
        @Option(names = "--role", paramLabel = "ROLE", description = "user or admin.") String role;
        @Option(names = "--delete", paramLabel = "ID", description = "Delete this user.") String delete;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if ((user == null) != (role == null) || (delete != null && user != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "use --user ID --role ROLE together, or --delete ID alone, or nothing to list");
            }
            try (InstanceOptions.Connection c = instance.connect()) {
                if (delete != null) {
                    c.node().removeUser(delete);
                    if (instance.json) Output.json(out, Map.of("deleted", delete));
                    else out.println("deleted user " + delete);
                } else if (user != null) {
                    Users.User u = c.node().setUserRole(user, role);
                    if (instance.json) Output.json(out, u);
                    else out.println(u.id() + " is now " + u.role());
                } else {
                    List<Users.User> list = c.node().users();
                    if (instance.json) Output.json(out, list);
                    else printUsers(out, list);
                }
            }
            return 0;
        }

        private static void printUsers(PrintWriter out, List<Users.User> list) {
            if (list.isEmpty()) {
                out.println("no users yet");
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "EMAIL", "NAME", "ROLE", "PROVIDER", "LAST SIGN-IN"});
            for (Users.User u : list) {
                rows.add(new String[] {u.id(), u.email() == null ? "-" : u.email(), u.name() == null ? "-" : u.name(), u.role(),
                        u.provider(), u.lastLoginAt() == null ? "-" : Output.time(u.lastLoginAt())});
            }
            Output.table(out, rows);
        }
    }

    @Command(name = "invite", description = "Create an invite code that gives a role to whoever redeems it.",
            mixinStandardHelpOptions = true)
    static final class Invite implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "user or admin.") String role;
        @Option(names = "--uses", paramLabel = "N", defaultValue = "1", description = "How many people may redeem it (default 1).")
        int uses;
        @Option(names = "--days", paramLabel = "D", defaultValue = "7", description = "Days it stays valid; 0 never expires (default 7).")
        int days;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                Invites.Invite i = c.node().createInvite(role, uses, days);
                if (instance.json) {
                    Output.json(out, i);
                } else {
                    out.println("invite " + i.code() + " (role " + i.role() + ", " + i.maxUses() + " use"
                            + (i.maxUses() == 1 ? "" : "s") + (i.expiresAt() == null ? ", never expires" : ", until " + Output.time(i.expiresAt())) + ")");
                    out.println("share the link /auth/invite?code=" + i.code() + " on any host of this instance");
                }
            }
            return 0;
        }
    }

    @Command(name = "invites", description = "List invite codes; with --delete CODE remove one.", mixinStandardHelpOptions = true)
    static final class InvitesCommand implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--delete", paramLabel = "CODE", description = "Delete this invite.") String delete;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (delete != null) {
                try (InstanceOptions.Connection c = instance.connect()) {
                    c.node().removeInvite(delete);
                    if (instance.json) Output.json(out, Map.of("deleted", delete));
                    else out.println("deleted invite " + delete);
                }
                return 0;
            }
            return instance.show(out, n -> n.invites(), (o, list) -> {
                if (list.isEmpty()) {
                    o.println("no invites; create one with: fazt auth invite --role user");
                    return;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"CODE", "ROLE", "USES", "EXPIRES"});
                for (Invites.Invite i : list) {
                    rows.add(new String[] {i.code(), i.role(), i.uses() + "/" + i.maxUses(),
                            i.expiresAt() == null ? "never" : Output.time(i.expiresAt())});
                }
                Output.table(o, rows);
            });
        }
    }
}
