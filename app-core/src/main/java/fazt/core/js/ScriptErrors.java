package fazt.core.js;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/** Turns an error from app code into the message of SPEC §4.3: {@code "<Type> at line N: message"}. */
final class ScriptErrors {
    private ScriptErrors() {}

    static String describe(PolyglotException e) {
        String type = "Error";
        String message = e.getMessage();
        if (e.isSyntaxError()) {
            type = "SyntaxError";
            message = firstProblem(message);
        } else if (e.isGuestException()) {
            Value g = e.getGuestObject();
            if (g != null && g.hasMembers() && g.hasMember("name") && g.hasMember("message")) {
                type = g.getMember("name").toString();
                message = g.getMember("message").toString();
            } else if (g != null && g.isString()) {
                message = g.asString();
            } else if (g != null) {
                message = g.toString();
            }
        }
        if (message != null && message.startsWith(type + ": ")) message = message.substring(type.length() + 2);
        Integer line = line(e);
        return type + (line != null ? " at line " + line : "") + ": " + message;
    }

    /** GraalJS reports {@code api/main.js:1:6 Expected ; but found is} plus a source excerpt: keep the words. */
    private static String firstProblem(String message) {
        if (message == null) return "invalid syntax";
        String first = message.split("\n", 2)[0];
        return first.replaceFirst("^SyntaxError: ", "").replaceFirst("^\\S+:\\d+:\\d+ ", "");
    }

    /** The line in app code where it happened: the error's own location, else the first app frame. */
    static Integer line(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        if (isApp(at)) return at.getStartLine();
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame() && isApp(f.getSourceLocation())) return f.getSourceLocation().getStartLine();
        }
        return null;
    }

    private static boolean isApp(SourceSection s) {
        return s != null && s.isAvailable() && s.getSource().getName().startsWith("api/");
    }

    /** Where the error happened, for the log: {@code api/lib.js:12}. */
    static String where(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        return isApp(at) ? at.getSource().getName() + ":" + at.getStartLine() : "";
    }
}
