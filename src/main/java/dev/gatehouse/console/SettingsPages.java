package dev.gatehouse.console;

import dev.gatehouse.admin.TenantService;
import dev.gatehouse.console.Console.Action;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.ValidationErrors;
import dev.gatehouse.domain.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's tenant settings page: signing algorithm, exact redirect URI matching and sign-in
 * throttling. Saved through {@link TenantService}, which validates and audits the change and, for a new
 * algorithm, rotates to a key of it.
 */
public final class SettingsPages {
    private static final String BASE = ConsoleSessions.PATH + "/settings";

    private static final Map<String, String> NOTICES = Map.of(
            "saved", "The settings were saved.",
            "algorithm", "The settings were saved. A key of the new algorithm was published; it signs once the lead time has passed.");

    private final TenantService tenants;

    public SettingsPages(TenantService tenants) {
        this.tenants = tenants;
    }

    void register(RoutesConfig r, Function<Action, Handler> guard) {
        r.get(BASE, guard.apply(this::show));
        r.post(BASE, guard.apply(this::save));
    }

    private void show(Context ctx, ConsoleSession s) {
        TenantSettings current = s.tenant().settings();
        var values = new HashMap<String, String>();
        values.put("signingAlgorithm", current.signingAlgorithm().name());
        values.put("signInMaxFailures", String.valueOf(current.signInMaxFailures()));
        values.put("signInLockoutSeconds", String.valueOf(current.signInLockoutSeconds()));
        render(ctx, s, values, current.exactRedirectUris(), Map.of(), Forms.notice(ctx, NOTICES), 200);
    }

    private void save(Context ctx, ConsoleSession s) {
        var errors = new ValidationErrors();
        String algorithmName = ctx.formParam("signingAlgorithm");
        Optional<SigningAlgorithm> algorithm = Optional.empty();
        try {
            algorithm = Optional.of(SigningAlgorithm.parse(algorithmName));
        } catch (IllegalArgumentException e) {
            errors.add("signingAlgorithm", "must be one of " + SigningAlgorithm.NAMES);
        }
        boolean exact = Forms.checked(ctx, "exactRedirectUris");
        var changes = new TenantSettings.Changes(algorithm, Optional.of(exact),
                Forms.number(ctx, "signInMaxFailures", 1, TenantSettings.MAX_SIGN_IN_FAILURES, "signInMaxFailures", errors),
                Forms.number(ctx, "signInLockoutSeconds", 1, TenantSettings.MAX_LOCKOUT_SECONDS, "signInLockoutSeconds", errors));
        try {
            errors.throwIfAny();
            SigningAlgorithm before = s.tenant().settings().signingAlgorithm();
            TenantSettings saved = tenants.updateSettings(s.tenant(), changes, s.actor());
            String done = saved.signingAlgorithm() == before ? "saved" : "algorithm";
            ctx.redirect(BASE + "?done=" + done, HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            // Shown again as typed, so that the administrator corrects rather than retypes.
            var values = new HashMap<String, String>();
            for (String field : new String[] {"signingAlgorithm", "signInMaxFailures", "signInLockoutSeconds"}) {
                values.put(field, Forms.text(ctx, field).orElse(""));
            }
            render(ctx, s, values, exact, Forms.firstErrors(e.errors()), null, 400);
        }
    }

    private static void render(Context ctx, ConsoleSession s, Map<String, String> values, boolean exact,
                               Map<String, String> errors, String notice, int status) {
        Map<String, Object> params = ConsoleView.params(s);
        params.put("values", values);
        params.put("exactRedirectUris", exact);
        params.put("algorithms", Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList());
        params.put("errors", errors);
        params.put("notice", notice);
        ConsoleView.render(ctx, status, "settings", params);
    }
}
