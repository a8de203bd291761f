package fazt.core.acme;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP-01 answers waiting to be fetched by the CA: token → key authorization. The orderer puts
 * a token in before it asks the CA to validate and takes it out when validation has ended; the HTTP
 * connector answers {@code GET /.well-known/acme-challenge/{token}} from here, for any Host.
 */
public final class Http01Tokens {
    /** The path under which the CA fetches a token (RFC 8555 §8.3). */
    public static final String PATH_PREFIX = "/.well-known/acme-challenge/";

    private final Map<String, String> answers = new ConcurrentHashMap<>();

    /** The key authorization for {@code token}, or empty when no validation for it is under way. */
    public Optional<String> answer(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(answers.get(token));
    }

    /**
     * The answer for a request path such as {@code /.well-known/acme-challenge/abc}; empty for any
     * other path or an unknown token.
     */
    public Optional<String> answerForPath(String path) {
        if (path == null || !path.startsWith(PATH_PREFIX)) {
            return Optional.empty();
        }
        return answer(path.substring(PATH_PREFIX.length()));
    }

    void put(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    void remove(String token) {
        answers.remove(token);
    }

    /** How many validations are waiting; zero between orders. */
    public int pending() {
        return answers.size();
    }
}
