package fazt.server;

import fazt.core.FaztException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** What a request may carry: its body, read up to a limit, and whether it comes from the site it is sent to. */
public final class IncomingRequests {
    /** How much of a too-large body is still read (and dropped) so the client gets its 413. */
    static final long DRAIN_LIMIT = 32L * 1024 * 1024;

    private IncomingRequests() {}

    /**
     * Whether a request carries an {@code Origin} equal to its own host: a page of this very site
     * sent it, not another site and not one of the instance's other subdomains (which are
     * same-site, so SameSite cookies alone do not stop them). Either scheme: behind a proxy that
     * terminates TLS the request itself arrives as http.
     */
    public static boolean isSameOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (origin == null || host == null) return false;
        return origin.equalsIgnoreCase("https://" + host) || origin.equalsIgnoreCase("http://" + host);
    }

    /**
     * Reads the whole body, refusing (413) one longer than {@code max} bytes. The excess of a body
     * up to {@link #DRAIN_LIMIT} past the limit is read and dropped first, so the client has sent
     * everything and can read the 413; a larger one is refused at once and the connection closes.
     */
    public static byte[] readBody(Request request, long max) {
        long declared = request.getLength();
        if (declared == 0) return new byte[0];
        try (InputStream in = Request.asInputStream(request)) {
            if (declared > max) {
                if (declared - max <= DRAIN_LIMIT) drain(in, declared);
                throw tooLarge(max);
            }
            if (declared > 0 && declared < Integer.MAX_VALUE - 8) return readDeclared(in, (int) declared);
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            byte[] buf = new byte[8 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + (long) n > max) {
                    drain(in, DRAIN_LIMIT);
                    throw tooLarge(max);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw FaztException.invalid("the request body could not be read: " + e.getMessage());
        }
    }

    /** A body of a known length, read into one array of that size (a deploy's zip is not copied again). */
    private static byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] body = new byte[declared];
        int n = in.readNBytes(body, 0, declared);
        if (n < declared) throw new IOException("the body ended after " + n + " of " + declared + " bytes");
        return body;
    }

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long read = 0;
        int n;
        while (read < limit && (n = in.read(buf)) > 0) read += n;
    }

    private static FaztException tooLarge(long max) {
        return new FaztException(FaztException.Kind.TOO_LARGE, "BODY_TOO_LARGE",
                "the request body is larger than the limit of " + max + " bytes");
    }
}
