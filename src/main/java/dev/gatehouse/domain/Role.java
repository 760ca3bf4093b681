package dev.gatehouse.domain;

import java.time.Instant;
import java.util.List;

/** A named permission set of one tenant; built-in roles exist in every tenant. */
public record Role(String name, String description, boolean builtIn, Instant created) {

    public static final String TENANT_ADMINISTRATOR = "Tenant Administrator";
    /** Carried by tokens of installation administrators; not a tenant role. */
    public static final String INSTALLATION_ADMINISTRATOR = "Installation Administrator";

    public static final List<Role> BUILT_IN = List.of(
            builtIn(TENANT_ADMINISTRATOR, "Manages the tenant: clients, secrets, users, keys, events and settings"),
            builtIn("Skill Designer", "Designs skills"),
            builtIn("Skill User", "Runs skills"),
            builtIn("Manual Review Operator", "Reviews documents by hand"),
            builtIn("Processing Supervisor", "Supervises processing"));

    private static Role builtIn(String name, String description) {
        return new Role(name, description, true, Instant.EPOCH);
    }
}
