package dev.gatehouse.domain;

import java.time.Instant;

/** An isolated organisation: its own users, clients, roles, keys, events and settings. */
public record Tenant(String id, String name, String displayName, boolean enabled,
                     TenantSettings settings, Instant created, Instant updated) {

    public Tenant withEnabled(boolean value, Instant now) {
        return new Tenant(id, name, displayName, value, settings, created, now);
    }

    public Tenant withDisplayName(String value, Instant now) {
        return new Tenant(id, name, value, enabled, settings, created, now);
    }

    public Tenant withSettings(TenantSettings value, Instant now) {
        return new Tenant(id, name, displayName, enabled, value, created, now);
    }
}
