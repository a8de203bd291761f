package fazt.core.net;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a cap; a longer body (announced or as it arrives) fails with
 * {@link TooLarge} and the download is cancelled, so a fetch never holds more than the cap.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body was longer than the cap. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final long cap;
    private final long announced;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /** {@code bodiless}: an answer to HEAD, whose Content-Length describes a body that is not sent. */
    LimitedBody(HttpResponse.ResponseInfo info, long cap, boolean bodiless) {
        this.cap = cap;
        this.announced = bodiless ? -1 : info.headers().firstValueAsLong("content-length").orElse(-1);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (announced > cap) fail(s);
        else s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) return;
        for (ByteBuffer b : items) {
            if ((long) bytes.size() + b.remaining() > cap) {
                fail(subscription);
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    private void fail(Flow.Subscription s) {
        s.cancel();
        result.completeExceptionally(new TooLarge());
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
