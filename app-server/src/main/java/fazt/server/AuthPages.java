package fazt.server;

import fazt.core.identity.OAuthProviders;
import fazt.core.identity.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The few HTML pages of signing in: the login page, the invite page, errors. Self-contained (no
 * scripts, no external assets) and every value put into them is escaped.
 */
final class AuthPages {
    private static final String STYLE = "body{font:16px/1.5 system-ui,sans-serif;background:#f6f7f9;color:#1d2330;margin:0}"
            + "main{max-width:26rem;margin:12vh auto;background:#fff;border-radius:10px;padding:2rem;"
            + "box-shadow:0 1px 4px #0002}h1{font-size:1.3rem;margin:0 0 1rem}"
            + ".button,button{display:block;width:100%;box-sizing:border-box;margin:.5rem 0;padding:.65rem;"
            + "border:1px solid #c6cbd6;border-radius:6px;background:#fff;color:inherit;text-align:center;"
            + "text-decoration:none;font:inherit;cursor:pointer}.button:hover,button:hover{background:#eef1f6}"
            + "input,select{width:100%;box-sizing:border-box;padding:.5rem;margin:.2rem 0 .6rem;font:inherit}"
            + "fieldset{border:1px dashed #c6cbd6;border-radius:6px;margin-top:1.2rem}.muted{color:#5b6475;font-size:.9rem}"
            + ".error{color:#a11a1a}";
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private AuthPages() {}

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** What a button says for a provider. */
    static String label(String provider) {
        return switch (provider) {
            case OAuthProviders.GOOGLE -> "Google";
            case OAuthProviders.GITHUB -> "GitHub";
            default -> provider.substring(0, 1).toUpperCase(Locale.ROOT) + provider.substring(1);
        };
    }

    /**
     * The sign-in page: a button per enabled provider and, when allowed, the development form.
     * {@code redirect} has already been checked.
     */
    static String login(String app, String redirect, List<OAuthProviders.Provider> providers, boolean devLogin,
            Users.User signedIn) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Sign in").append(app == null || app.isBlank() ? "" : " to " + escape(app)).append("</h1>");
        if (signedIn != null) {
            b.append("<p class=muted>You are signed in as ").append(escape(name(signedIn))).append(". <a href=\"")
                    .append(escape(redirect)).append("\">Continue</a></p>");
        }
        for (OAuthProviders.Provider p : providers) {
            b.append("<a class=button href=\"/auth/login/").append(escape(encode(p.name()))).append("?redirect=")
                    .append(escape(encode(redirect))).append("\">Sign in with ").append(escape(label(p.name()))).append("</a>");
        }
        if (providers.isEmpty() && !devLogin) {
            b.append("<p>No way to sign in has been set up yet. The owner can add one with "
                    + "<code>fazt auth provider</code>.</p>");
        }
        if (devLogin) {
            b.append("<fieldset><legend>Development sign-in</legend>")
                    .append("<p class=muted>For testing only: no password, pick who you are.</p>")
                    .append("<form method=post action=\"/auth/dev\">")
                    .append("<input type=hidden name=redirect value=\"").append(escape(redirect)).append("\">")
                    .append("<label>Email<input name=email type=email required placeholder=\"you@example.com\"></label>")
                    .append("<label>Role<select name=role><option>user</option><option>admin</option></select></label>")
                    .append("<button type=submit>Sign in for development</button></form></fieldset>");
        }
        return page("Sign in", b.toString());
    }

    static String error(String title, String message, String retry) {
        StringBuilder b = new StringBuilder("<h1>").append(escape(title)).append("</h1><p class=error>")
                .append(escape(message)).append("</p>");
        if (retry != null) b.append("<a class=button href=\"").append(escape(retry)).append("\">Start again</a>");
        return page(title, b.toString());
    }

    static String invite(String code, Users.User user) {
        return page("Invite", "<h1>Accept this invite</h1><p>Signed in as " + escape(name(user)) + ".</p>"
                + "<form method=post action=\"/auth/invite\"><input type=hidden name=code value=\"" + escape(code) + "\">"
                + "<button type=submit>Accept the invite</button></form>");
    }

    static String done(String title, String message, String next) {
        return page(title, "<h1>" + escape(title) + "</h1><p>" + escape(message) + "</p><a class=button href=\""
                + escape(next) + "\">Continue</a>");
    }

    private static String name(Users.User u) {
        return u.email() != null ? u.email() : u.name() != null ? u.name() : u.id();
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport "
                + "content=\"width=device-width,initial-scale=1\"><meta name=robots content=noindex><title>"
                + escape(title) + "</title><style>" + STYLE + "</style></head><body><main>" + body + "</main></body></html>";
    }

    /** Sends a page: never cached, never framed. */
    static void send(Response response, Callback callback, int status, String html) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Security-Policy", SECURITY_POLICY);
        Replies.send(response, callback, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
