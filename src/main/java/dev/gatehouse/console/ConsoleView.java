package dev.gatehouse.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.util.HashMap;
import java.util.Map;

/**
 * Renders the console's pages from src/main/jte/console, compiled at build time. The pages load
 * their own stylesheet and script and nothing else, post forms only to Gatehouse, and are never
 * cached or framed.
 */
final class ConsoleView {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private ConsoleView() {}

    static void render(Context ctx, int status, String template, Map<String, Object> params) {
        var out = new StringOutput();
        ENGINE.render("console/" + template + ".jte", params, out);
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** A page that only says something: an error, a refusal, the signed-out notice. */
    static void message(Context ctx, int status, String title, String text, ConsoleSession session) {
        var params = new HashMap<String, Object>();
        params.put("title", title);
        params.put("text", text);
        params.put("session", session);
        render(ctx, status, "message", params);
    }
}
