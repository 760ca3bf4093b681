package dev.gatehouse.admin;

import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.TenantSettings;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code …/settings}: the tenant's signing algorithm, redirect URI matching and sign-in throttling. */
public final class SettingsResource {
    private static final Set<String> FIELDS = Set.of("signingAlgorithm", "exactRedirectUris", "signInMaxFailures",
            "signInLockoutSeconds");

    private final TenantService tenants;
    private final AdminAccess access;

    public SettingsResource(TenantService tenants, AdminAccess access) {
        this.tenants = tenants;
        this.access = access;
    }

    public void get(Context ctx) {
        ctx.json(render(access.tenant(ctx).tenant().settings()));
    }

    /** PUT: fields left out return to their defaults. */
    public void replace(Context ctx) {
        var scope = access.tenant(ctx);
        var changes = read(ctx).orDefaults();
        ctx.json(render(tenants.updateSettings(scope.tenant(), changes, scope.principal().actor())));
    }

    public void patch(Context ctx) {
        var scope = access.tenant(ctx);
        var changes = read(ctx);
        ctx.json(render(tenants.updateSettings(scope.tenant(), changes, scope.principal().actor())));
    }

    private static TenantSettings.Changes read(Context ctx) {
        var json = JsonRequest.read(ctx, FIELDS);
        Optional<SigningAlgorithm> algorithm = json.string("signingAlgorithm").flatMap(name -> {
            try {
                return Optional.of(SigningAlgorithm.parse(name));
            } catch (IllegalArgumentException e) {
                json.error("signingAlgorithm", "must be one of " + SigningAlgorithm.NAMES);
                return Optional.empty();
            }
        });
        var changes = new TenantSettings.Changes(algorithm, json.bool("exactRedirectUris"),
                json.integer("signInMaxFailures"), json.integer("signInLockoutSeconds"));
        json.finish(changes.check());
        return changes;
    }

    static Map<String, Object> render(TenantSettings s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("signingAlgorithm", s.signingAlgorithm().name());
        m.put("exactRedirectUris", s.exactRedirectUris());
        m.put("signInMaxFailures", s.signInMaxFailures());
        m.put("signInLockoutSeconds", s.signInLockoutSeconds());
        return m;
    }
}
