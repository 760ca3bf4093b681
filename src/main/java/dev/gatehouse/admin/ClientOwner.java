package dev.gatehouse.admin;

import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.Tenant;
import io.javalin.http.Context;

/**
 * Whose clients a route manages: a tenant's (tenant admin API) or the installation's (tenant null),
 * after checking the caller may.
 */
public record ClientOwner(Tenant tenant, Actor actor) {

    @FunctionalInterface
    public interface Resolver {
        ClientOwner resolve(Context ctx);
    }

    public static Resolver ofTenant(AdminAccess access) {
        return ctx -> {
            var scope = access.tenant(ctx);
            return new ClientOwner(scope.tenant(), scope.principal().actor());
        };
    }

    public static Resolver ofInstallation(AdminAccess access) {
        return ctx -> new ClientOwner(null, access.installationAdministrator(ctx).actor());
    }
}
