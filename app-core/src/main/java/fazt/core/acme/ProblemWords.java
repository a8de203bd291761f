package fazt.core.acme;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import org.shredzone.acme4j.Problem;

/** Turns the CA's problem documents and network failures into one line of words for a person. */
final class ProblemWords {
    private ProblemWords() {}

    /** The CA's detail (or title, or type), with the details of any sub-problems per name. */
    static String of(Problem problem) {
        String main = problem.getDetail().or(problem::getTitle).orElse(problem.getType().toString());
        if (problem.getSubProblems().isEmpty()) {
            return main;
        }
        return main + " (" + problem.getSubProblems().stream()
                .map(sub -> sub.getIdentifier().map(id -> id.getValue() + ": ").orElse("") + of(sub))
                .collect(Collectors.joining("; ")) + ")";
    }

    /** Why the CA could not be talked to, from the deepest cause that says something. */
    static String ofNetwork(Throwable failure, AcmeSettings settings) {
        String where = "the ACME directory " + settings.directory();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return where + " has a certificate this server does not trust"
                        + (settings.trustedCaPem().isPresent() ? " (it is not signed by the given CA file)"
                                : "; for a private CA give its CA file");
            }
            if (t instanceof ConnectException) {
                return where + " could not be reached: connection refused";
            }
            if (t instanceof UnknownHostException) {
                return where + " could not be reached: unknown host " + t.getMessage();
            }
            if (t instanceof HttpTimeoutException) {
                return where + " did not answer in time";
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
