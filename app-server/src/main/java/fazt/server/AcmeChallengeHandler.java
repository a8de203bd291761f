package fazt.server;

import fazt.core.acme.Http01Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the CA's HTTP-01 fetches ({@code GET /.well-known/acme-challenge/{token}}) for a
 * validation under way, whatever the Host, before any host routing. Every other request, including
 * an unknown token (an app may serve its own), goes on to the handler it wraps.
 */
final class AcmeChallengeHandler extends Handler.Wrapper {
    private final Http01Tokens tokens;

    AcmeChallengeHandler(Http01Tokens tokens, Handler next) {
        super(next);
        this.tokens = tokens;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod())) {
            Optional<String> answer = tokens.answerForPath(Request.getPathInContext(request));
            if (answer.isPresent()) {
                Replies.send(response, callback, 200, "text/plain", answer.get().getBytes(StandardCharsets.US_ASCII));
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
