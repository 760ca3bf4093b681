package dev.gatehouse.console;

import dev.gatehouse.admin.AdminPrincipal;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.User;

/**
 * A signed-in administrator in the console: the tenant they chose at sign-in, who they are now (the
 * user as stored, so a role taken away counts at once), and the CSRF token their forms carry.
 */
public record ConsoleSession(Tenant tenant, User user, AdminPrincipal principal, String csrf) {

    public Actor actor() {
        return principal.actor();
    }

    /** The tenant's display name, or its name. */
    public String tenantLabel() {
        return tenant.displayName() == null || tenant.displayName().isBlank() ? tenant.name() : tenant.displayName();
    }
}
