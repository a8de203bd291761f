package fazt.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Asks a yes/no question on the terminal; without a terminal the answer is no. */
final class Confirm {
    private Confirm() {}

    static boolean ask(CommandLine.Model.CommandSpec spec, String question) throws IOException {
        if (System.console() == null) return false;
        spec.commandLine().getErr().print(question + " [y/N] ");
        spec.commandLine().getErr().flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes"));
    }
}
