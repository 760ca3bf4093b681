package dev.gatehouse.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A person of one tenant. The password hash never leaves the store and the sign-in code. */
public record User(String id, String tenantId, String email, String displayName, String passwordHash,
                   boolean enabled, boolean installationAdmin, List<String> roles,
                   Instant created, Instant updated) {

    public User {
        roles = List.copyOf(roles);
    }

    /** Emails are unique per tenant regardless of case. */
    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** The roles a token of this user carries: the tenant roles, plus the installation's when the user has it. */
    public List<String> tokenRoles() {
        if (!installationAdmin) return roles;
        var all = new ArrayList<>(roles);
        all.add(Role.INSTALLATION_ADMINISTRATOR);
        return List.copyOf(all);
    }
}
