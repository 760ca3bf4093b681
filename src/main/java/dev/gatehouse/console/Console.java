package dev.gatehouse.console;

import dev.gatehouse.console.ConsoleSessions.Outcome;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * The web console at /console: its routes, and the guard every page passes. A page is served only to
 * a signed-in Tenant Administrator; a form is accepted only with the session's CSRF token. Anyone
 * else is sent to sign in, and comes back to the page they asked for.
 */
public final class Console {
    /** A console page or form handler, given the administrator's session. */
    @FunctionalInterface
    interface Action {
        void handle(Context ctx, ConsoleSession session) throws Exception;
    }

    private final ConsoleSessions sessions;
    private final ConsoleSignIn signIn;
    private final ClientPages clients;
    private final UserPages users;
    private final KeyPages keys;
    private final EventPages events;
    private final SettingsPages settings;

    public Console(ConsoleSessions sessions, ConsoleSignIn signIn, ClientPages clients, UserPages users,
                   KeyPages keys, EventPages events, SettingsPages settings) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.clients = clients;
        this.users = users;
        this.keys = keys;
        this.events = events;
        this.settings = settings;
    }

    public void register(RoutesConfig r) {
        String c = ConsoleSessions.PATH;
        r.get(c, ctx -> ctx.redirect(c + "/clients", HttpStatus.SEE_OTHER));
        r.get(c + "/", ctx -> ctx.redirect(c + "/clients", HttpStatus.SEE_OTHER));
        r.get(c + "/login", signIn::login);
        r.get(c + "/callback", signIn::callback);
        r.post(c + "/logout", this::logout);
        r.get(c + "/signed-out", signIn::signedOut);
        r.get(c + "/static/console.css", ctx -> asset(ctx, "console.css", "text/css; charset=utf-8"));
        r.get(c + "/static/console.js", ctx -> asset(ctx, "console.js", "text/javascript; charset=utf-8"));
        clients.register(r, this::guard);
        users.register(r, this::guard);
        keys.register(r, this::guard);
        events.register(r, this::guard);
        settings.register(r, this::guard);
    }

    /** A route of the console for {@code action}: sign-in, role and CSRF checks first. */
    Handler guard(Action action) {
        return ctx -> {
            switch (sessions.resolve(ctx)) {
                case Outcome.SignedIn(ConsoleSession session) -> {
                    if (ctx.method() == HandlerType.POST
                            && !ConsoleSessions.csrfMatches(session.csrf(), ctx.formParam("csrf"))) {
                        ConsoleView.message(ctx, 403, "Form expired",
                                "This form is no longer valid. Go back, reload the page and try again.", session);
                        return;
                    }
                    action.handle(ctx, session);
                }
                case Outcome.Refused(String reason, String csrf) -> refused(ctx, reason, csrf);
                case Outcome.NotSignedIn() -> signIn.start(ctx, ctx.method() == HandlerType.GET ? requested(ctx) : null);
            }
        };
    }

    private void logout(Context ctx) {
        String csrf = switch (sessions.resolve(ctx)) {
            case Outcome.SignedIn(ConsoleSession session) -> session.csrf();
            case Outcome.Refused(String reason, String token) -> token;
            case Outcome.NotSignedIn() -> null;
        };
        if (csrf != null && !ConsoleSessions.csrfMatches(csrf, ctx.formParam("csrf"))) {
            ConsoleView.message(ctx, 403, "Form expired",
                    "This form is no longer valid. Go back, reload the page and try again.", null);
            return;
        }
        signIn.logout(ctx);
    }

    private static void refused(Context ctx, String reason, String csrf) {
        Map<String, Object> params = new HashMap<>();
        params.put("reason", reason);
        params.put("csrf", csrf);
        ConsoleView.render(ctx, 403, "refused", params);
    }

    private static String requested(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null ? "" : "?" + query);
    }

    private static void asset(Context ctx, String name, String type) {
        ctx.contentType(type).header("Cache-Control", "public, max-age=3600")
                .result(Console.class.getResourceAsStream("/static/" + name));
    }

    /** An error on a console page, shown as a page of the console. */
    public static void showError(Context ctx, int status, String text) {
        ConsoleView.message(ctx, status, status == 404 ? "Not found" : "Something went wrong", text, null);
    }
}
