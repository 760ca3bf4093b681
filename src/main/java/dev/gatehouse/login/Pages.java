package dev.gatehouse.login;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the sign-in pages from the templates under src/main/jte, compiled at build time. Each page
 * gets a Content-Security-Policy that allows its own stylesheet and forms and nothing else; a page
 * whose form may end in a redirect to the client also allows that client's origin as a form target,
 * because browsers apply form-action to the redirects that follow a form submission.
 */
public final class Pages {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, int status, String template, Map<String, Object> params, String clientRedirectUri) {
        var out = new StringOutput();
        ENGINE.render(template + ".jte", params, out);
        ctx.header("Content-Security-Policy", policy(clientRedirectUri));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    static String policy(String clientRedirectUri) {
        String formAction = "'self'";
        String origin = origin(clientRedirectUri);
        if (origin != null) formAction += " " + origin;
        return "default-src 'none'; style-src 'self'; img-src 'self'; form-action " + formAction
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** The CSP source expression for a redirect URI: its origin, or its scheme for a native app's URI. */
    static String origin(String uri) {
        if (uri == null) return null;
        try {
            URI u = URI.create(uri);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.matches("[a-z][a-z0-9+.-]*")) return null;
            if (u.getRawAuthority() == null) return scheme + ":";
            String authority = u.getRawAuthority();
            if (!authority.matches("[A-Za-z0-9.:\\[\\]-]+")) return null;
            return scheme + "://" + authority;
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
