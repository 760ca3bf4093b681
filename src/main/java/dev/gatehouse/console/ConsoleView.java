package dev.gatehouse.console;

import dev.gatehouse.domain.Page;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.util.Collections;
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

    /** The values every console page needs: the signed-in session, for the layout. */
    static Map<String, Object> params(ConsoleSession s) {
        Map<String, Object> params = new HashMap<>();
        params.put("session", s);
        return params;
    }

    /** How a searchable listing finds one page of its items. */
    @FunctionalInterface
    interface Search {
        Page<?> find(String search, int offset, int limit);
    }

    /**
     * A listing searched by {@code ?q=} and paged by {@code ?page=}: the template gets the page's items
     * (as {@code template}), the total, the search and the pager's values.
     */
    static void renderSearch(Context ctx, ConsoleSession s, String template, Map<String, String> notices, Search search) {
        String q = Forms.query(ctx, "q");
        int page = Forms.page(ctx);
        var found = search.find(q, (page - 1) * Forms.PAGE_SIZE, Forms.PAGE_SIZE);
        Map<String, Object> params = params(s);
        params.put(template, found.items());
        params.put("total", found.total());
        params.put("search", q);
        params.put("filters", Forms.filters(Collections.singletonMap("q", q)));
        params.put("page", page);
        params.put("pageSize", Forms.PAGE_SIZE);
        params.put("notice", Forms.notice(ctx, notices));
        render(ctx, 200, template, params);
    }

    /** A page that asks before a deletion, posting to {@code action} or going back to {@code back}. */
    static void confirm(Context ctx, ConsoleSession s, String title, String question, String action, String back,
                        String button) {
        Map<String, Object> params = params(s);
        params.put("title", title);
        params.put("question", question);
        params.put("action", action);
        params.put("back", back);
        params.put("button", button);
        render(ctx, 200, "confirm", params);
    }
}
