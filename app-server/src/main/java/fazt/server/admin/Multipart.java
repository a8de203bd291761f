package fazt.server.admin;

import fazt.core.FaztException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code multipart/form-data} body already in memory, split into named parts. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final Map<String, byte[]> parts;

    private Multipart(Map<String, byte[]> parts) {
        this.parts = parts;
    }

    byte[] bytes(String name) {
        return parts.get(name);
    }

    String text(String name) {
        byte[] b = parts.get(name);
        return b == null ? null : new String(b, StandardCharsets.UTF_8).trim();
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static Multipart parse(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) throw FaztException.invalid("multipart body without a boundary");
        byte[] delimiter = ("--" + (m.group(1) != null ? m.group(1) : m.group(2))).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new HashMap<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) throw FaztException.invalid("malformed multipart body: no boundary found");
        while (true) {
            int afterDelimiter = pos + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) break;
            int headersStart = afterDelimiter + 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) throw FaztException.invalid("malformed multipart body: part without headers");
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) throw FaztException.invalid("malformed multipart body: truncated part");
            int contentEnd = next - 2; // the CRLF before the delimiter
            if (contentEnd < contentStart) throw FaztException.invalid("malformed multipart body");
            Matcher n = NAME.matcher(headers);
            if (n.find()) parts.put(n.group(1), Arrays.copyOfRange(body, contentStart, contentEnd));
            pos = next;
        }
        return new Multipart(parts);
    }

    private static boolean startsWith(byte[] body, int at, String s) {
        return at + s.length() <= body.length && body[at] == s.charAt(0) && body[at + 1] == s.charAt(1);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        byte first = needle[0];
        int last = hay.length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (hay[i] != first) continue;
            for (int j = 1; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
