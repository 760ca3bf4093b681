package dev.gatehouse.admin;

import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.Role;

import java.util.Set;

/**
 * The caller of the admin API, from a verified access token: the tenant whose issuer signed it
 * (null for the installation issuer), its subject, client and roles.
 */
public record AdminPrincipal(String tenantId, String subject, String clientId, Set<String> roles, String ip) {

    public boolean isInstallationAdministrator() {
        return roles.contains(Role.INSTALLATION_ADMINISTRATOR);
    }

    public boolean isTenantAdministratorOf(String tenant) {
        return tenant.equals(tenantId) && roles.contains(Role.TENANT_ADMINISTRATOR);
    }

    /** A client-credentials token's subject is the client itself. */
    public Actor actor() {
        return new Actor(subject, subject.equals(clientId) ? Actor.CLIENT : Actor.USER, ip);
    }
}
