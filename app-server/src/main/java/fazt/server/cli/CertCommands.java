package fazt.server.cli;

import fazt.core.FaztException;
import fazt.core.tls.CertificateInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt server set-cert | certs | remove-cert}: the certificates HTTPS serves (docs/https.md). */
final class CertCommands {
    private CertCommands() {}

    @Command(name = "set-cert", description = "Serve your own certificate (e.g. a wildcard) over HTTPS; it wins for the names it covers.",
            mixinStandardHelpOptions = true)
    static final class SetCert implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Option(names = "--cert", required = true, paramLabel = "FULLCHAIN.pem",
                description = "The certificate and its issuers in PEM, leaf first.") Path cert;
        @Option(names = "--key", required = true, paramLabel = "KEY.pem", description = "Its private key in PEM (PKCS#8, unencrypted).")
        Path key;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String chainPem = read(cert, "--cert");
            String keyPem = read(key, "--key");
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                CertificateInfo info = c.node().importCertificate(chainPem, keyPem);
                if (instance.json) Output.json(out, info);
                else out.println("serving " + String.join(", ", info.names()) + " (issuer " + info.issuer() + ", valid until "
                        + Output.time(info.notAfter()) + ")");
            }
            return 0;
        }

        private static String read(Path file, String option) {
            try {
                if (Files.size(file) > 64 * 1024) throw FaztException.invalid(option + " " + file + " is too large for a PEM file");
                return Files.readString(file);
            } catch (IOException e) {
                throw FaztException.invalid(option + ": cannot read " + file + " (" + e.getMessage() + ")");
            }
        }
    }

    @Command(name = "certs", description = "List the certificates HTTPS serves: names, issuer, expiry, source, state and error.",
            mixinStandardHelpOptions = true)
    static final class Certs implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.certificates(), Certs::print);
        }

        private static void print(PrintWriter out, List<CertificateInfo> certs) {
            if (certs.isEmpty()) {
                out.println("no certificates (import one with 'fazt server set-cert'; see docs/https.md)");
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAMES", "ISSUER", "EXPIRES", "SOURCE", "STATE", "ERROR"});
            for (CertificateInfo i : certs) {
                rows.add(new String[] {String.join(" ", i.names()), i.issuer() == null ? "-" : i.issuer(),
                        i.notAfter() == 0 ? "-" : Output.time(i.notAfter()), i.source(), i.state(), i.error() == null ? "" : i.error()});
            }
            Output.table(out, rows);
        }
    }

    @Command(name = "remove-cert", description = "Stop serving a certificate you imported (named by its first name).",
            mixinStandardHelpOptions = true)
    static final class RemoveCert implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(paramLabel = "NAME") String name;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                c.node().removeCertificate(name);
                if (instance.json) Output.json(out, Map.of("deleted", name));
                else out.println("removed the certificate " + name);
            }
            return 0;
        }
    }
}
