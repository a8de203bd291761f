package fazt.core.js;

import org.graalvm.polyglot.Source;

/**
 * How app scripts are wrapped before they are parsed, for the runtime and for {@link SyntaxCheck}
 * alike. Every wrapper starts on line 1, so line numbers in errors match the file.
 */
final class ScriptWrappers {
    static final String MAIN = "api/main.js";

    private ScriptWrappers() {}

    /** {@code api/main.js} as a block, so its last expression is the response. */
    static Source mainAsBlock(String code) {
        return build("{" + code + "\n}", MAIN);
    }

    /** {@code api/main.js} as a function body, for scripts that use a top-level {@code return}. */
    static Source mainAsFunction(String code) {
        return build("(function () {" + code + "\n})()", MAIN);
    }

    /** A module ({@code api/<path>}) as a CommonJS wrapper function. */
    static Source module(String path, String code) {
        return build("(function (module, exports, require) {" + code + "\n})", "api/" + path);
    }

    private static Source build(String code, String name) {
        return Source.newBuilder("js", code, name).cached(true).buildLiteral();
    }
}
