package dev.gatehouse.console;

import dev.gatehouse.admin.KeyService;
import dev.gatehouse.config.Settings.KeySchedule;
import dev.gatehouse.console.Console.Action;
import dev.gatehouse.domain.ConflictException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * The console's signing key page: the tenant's published keys and Rotate, scheduled (the new key is
 * published at once and signs after the lead time) or immediate. Rotation goes through
 * {@link KeyService}, which audits it.
 */
public final class KeyPages {
    private static final String BASE = ConsoleSessions.PATH + "/keys";

    private static final Map<String, String> NOTICES = Map.of(
            "scheduled", "A new key was published. It signs once the lead time has passed.",
            "immediate", "A new key was published and signs from now on.");

    private final KeyService keys;
    private final KeySchedule schedule;
    private final Clock clock;

    public KeyPages(KeyService keys, KeySchedule schedule, Clock clock) {
        this.keys = keys;
        this.schedule = schedule;
        this.clock = clock;
    }

    void register(RoutesConfig r, Function<Action, Handler> guard) {
        r.get(BASE, guard.apply((ctx, s) -> list(ctx, s, Forms.notice(ctx, NOTICES), null, 200)));
        r.post(BASE + "/rotate", guard.apply(this::rotate));
    }

    private void list(Context ctx, ConsoleSession s, String notice, String error, int status) {
        Map<String, Object> params = ConsoleView.params(s);
        params.put("keys", keys.list(s.tenant()));
        params.put("now", clock.instant());
        params.put("schedule", schedule);
        params.put("notice", notice);
        params.put("error", error);
        ConsoleView.render(ctx, status, "keys", params);
    }

    private void rotate(Context ctx, ConsoleSession s) {
        boolean immediate = Forms.checked(ctx, "immediate");
        try {
            keys.rotate(s.tenant(), immediate, s.actor());
            ctx.redirect(BASE + "?done=" + (immediate ? "immediate" : "scheduled"), HttpStatus.SEE_OTHER);
        } catch (ConflictException full) {
            // The JWKS holds a bounded number of keys; the service says when the next one leaves it.
            list(ctx, s, null, full.getMessage(), 409);
        }
    }
}
