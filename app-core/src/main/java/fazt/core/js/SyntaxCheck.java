package fazt.core.js;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

/**
 * Parses an app's scripts with the engine and the wrappers the server uses, without running any
 * of them, and says where each one fails to parse ({@code fazt app validate}, and every deploy of
 * a folder before it is sent).
 */
public final class SyntaxCheck {
    /** A script that does not parse: its path ({@code api/x.js}), the line (0 when unknown) and what is wrong. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    private SyntaxCheck() {}

    /** The problems of {@code scripts} (path under the app, like {@code api/main.js} → source text), in the order given. */
    public static List<Problem> check(Map<String, String> scripts) {
        List<Problem> problems = new ArrayList<>();
        if (scripts.isEmpty()) return problems;
        try (Context context = JsEngine.shared().newContext()) {
            for (Map.Entry<String, String> s : scripts.entrySet()) {
                String path = s.getKey();
                String code = s.getValue();
                PolyglotException error = path.equals(ScriptWrappers.MAIN) ? mainError(context, code)
                        : parseError(context, ScriptWrappers.module(path.substring("api/".length()), code));
                if (error != null) {
                    problems.add(new Problem(path, line(error, code), ScriptErrors.describe(error).replaceFirst(" at line \\d+", "")));
                }
            }
        }
        return problems;
    }

    /** The line of the error; one the wrapper's closing line reports (the end of the file was reached) is the file's last. */
    private static int line(PolyglotException error, String code) {
        Integer line = ScriptErrors.line(error);
        if (line == null) return 0;
        return (int) Math.min(line, Math.max(1, code.lines().count()));
    }

    /** As the runtime does: a block, else a function body; the block's error when neither parses. */
    private static PolyglotException mainError(Context context, String code) {
        PolyglotException block = parseError(context, ScriptWrappers.mainAsBlock(code));
        if (block == null || parseError(context, ScriptWrappers.mainAsFunction(code)) == null) return null;
        return block;
    }

    private static PolyglotException parseError(Context context, org.graalvm.polyglot.Source source) {
        try {
            context.parse(source);
            return null;
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) throw e;
            return e;
        }
    }
}
