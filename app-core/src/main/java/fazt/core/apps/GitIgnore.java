package fazt.core.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one {@code .gitignore} file, as git reads them for the folder it sits in: blank
 * lines and {@code #} comments are skipped ({@code \#} and {@code \!} start a literal), {@code !}
 * re-includes, a trailing {@code /} matches folders only, a {@code /} at the start or in the middle
 * anchors the pattern to the folder (otherwise it matches at any depth), {@code *} and {@code ?}
 * stay within one path segment, {@code [abc]} is a character class, and {@code **} spans segments
 * ({@code **}{@code /x}, {@code x/**}, {@code a/**}{@code /b}). As in git, nothing inside an ignored
 * folder can be re-included. Nested {@code .gitignore} files are not read.
 */
public final class GitIgnore {
    private record Rule(Pattern pattern, boolean dirOnly, boolean negate) {}

    static final GitIgnore NONE = new GitIgnore(List.of());

    private final List<Rule> rules;

    private GitIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /** The rules of {@code file}; no rules when it does not exist. */
    public static GitIgnore load(Path file) {
        if (!Files.isRegularFile(file)) return NONE;
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rules of a .gitignore's text. */
    public static GitIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            Rule r = rule(line);
            if (r != null) rules.add(r);
        }
        return new GitIgnore(rules);
    }

    /**
     * Whether {@code path} (relative, {@code /}-separated) is ignored: it, or a folder it is in,
     * matches a rule that the later rules do not undo. {@code isDir} says whether it is a folder.
     */
    public boolean ignores(String path, boolean isDir) {
        if (rules.isEmpty()) return false;
        int slash = -1;
        while ((slash = path.indexOf('/', slash + 1)) >= 0) {
            if (matches(path.substring(0, slash), true)) return true;
        }
        return matches(path, isDir);
    }

    /** The last rule that matches this one path decides; its parent folders are not looked at. */
    boolean matches(String path, boolean isDir) {
        boolean ignored = false;
        for (Rule r : rules) {
            if (r.dirOnly && !isDir) continue;
            if (r.negate == ignored && r.pattern.matcher(path).matches()) ignored = !r.negate;
        }
        return ignored;
    }

    private static Rule rule(String raw) {
        String line = stripTrailingSpaces(raw);
        if (line.isEmpty() || line.startsWith("#")) return null;
        boolean negate = line.startsWith("!");
        if (negate) line = line.substring(1);
        else if (line.startsWith("\\#") || line.startsWith("\\!")) line = line.substring(1);
        boolean dirOnly = line.endsWith("/");
        if (dirOnly) line = line.substring(0, line.length() - 1);
        boolean anchored = line.contains("/");
        if (line.startsWith("/")) line = line.substring(1);
        if (line.isEmpty()) return null;
        String regex = (anchored || line.startsWith("**/") ? "" : "(?:.*/)?") + globToRegex(line);
        return new Rule(Pattern.compile(regex), dirOnly, negate);
    }

    /** Trailing spaces are dropped unless escaped with a backslash, as git does. */
    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) end--;
        return line.substring(0, end);
    }

    private static String globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && segmentStart && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    b.append(".*"); // x/** : everything inside x
                } else {
                    b.append("(?:.*/)?"); // **/ : zero or more folders
                    i++;
                }
                i++;
            } else if (c == '*') {
                b.append("[^/]*");
            } else if (c == '?') {
                b.append("[^/]");
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int close = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, close);
                if (set.startsWith("!")) set = "^" + set.substring(1);
                b.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else if (c == '\\' && i + 1 < n) {
                b.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.toString();
    }
}
