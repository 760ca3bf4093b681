package dev.gatehouse.admin;

import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SigningKeys;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.Page;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.ValidationErrors;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.store.TenantStore;
import dev.gatehouse.store.TenantCache;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Creating, finding, renaming, disabling and deleting tenants, and their roles. */
public final class TenantService {
    /** A URL-safe slug; it must not look like a tenant id so that {T} in a path is never ambiguous. */
    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Path segments Gatehouse serves beside tenant names, e.g. /auth2/connect/token and /auth2/account/login. */
    private static final Set<String> RESERVED_NAMES = Set.of("account", "connect", "login", "logout", "console",
            "api", "auth2", "health", "metrics", "well-known", "static", "assets");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");

    private final Database db;
    private final TenantStore tenants;
    private final TenantCache cache;
    private final SigningKeys keys;
    private final KeyService keyService;
    private final AuditLog audit;
    private final Clock clock;

    public TenantService(Database db, TenantStore tenants, TenantCache cache, SigningKeys keys, KeyService keyService,
                         AuditLog audit, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.cache = cache;
        this.keys = keys;
        this.keyService = keyService;
        this.audit = audit;
        this.clock = clock;
    }

    public Tenant create(String name, String displayName, Actor actor) {
        var errors = new ValidationErrors();
        if (name == null || !NAME.matcher(name).matches() || UUID_SHAPE.matcher(name).matches()) {
            errors.add("name", "must be 1 to 63 lowercase letters, digits or '-', starting and ending with a letter"
                    + " or digit");
        } else if (RESERVED_NAMES.contains(name)) {
            errors.add("name", "is reserved");
        }
        String display = displayName == null ? name : displayName;
        if (display == null || display.isBlank() || display.length() > 200) {
            errors.add("displayName", "must be 1 to 200 characters and not blank");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        var tenant = new Tenant(RandomValues.uuid(), name, display, true, TenantSettings.defaults(), now, now);
        try {
            db.inTransaction(() -> {
                if (tenants.byName(name).isPresent()) throw new ConflictException("a tenant named '" + name + "' exists");
                tenants.insert(tenant);
                for (Role role : Role.BUILT_IN) {
                    tenants.insertRole(tenant.id(), new Role(role.name(), role.description(), true, now));
                }
                keys.create(tenant.id(), tenant.settings().signingAlgorithm());
                audit.record(actor, null, "tenant.created", "tenant", tenant.id(), Map.of("name", name));
            });
        } catch (StoreException.DuplicateKeyException e) {
            throw new ConflictException("a tenant named '" + name + "' exists");
        }
        keys.invalidate(tenant.id());
        cache.invalidate(tenant); // a lookup of the name before it existed is cached as "no such tenant"
        return tenant;
    }

    /** A tenant by id or by name, as {T} in a path accepts both. */
    public Optional<Tenant> find(String idOrName) {
        return cache.find(idOrName);
    }

    public Tenant get(String idOrName) {
        return find(idOrName).orElseThrow(() -> new NotFoundException("no tenant '" + idOrName + "'"));
    }

    public Page<Tenant> list(String search, int offset, int limit) {
        return new Page<>(tenants.search(search, offset, limit), tenants.count(search));
    }

    public Tenant update(Tenant tenant, Optional<String> displayName, Optional<Boolean> enabled, Actor actor) {
        var errors = new ValidationErrors();
        displayName.ifPresent(d -> {
            if (d.isBlank() || d.length() > 200) errors.add("displayName", "must be 1 to 200 characters and not blank");
        });
        errors.throwIfAny();
        Instant now = clock.instant();
        Tenant changed = tenant;
        if (displayName.isPresent()) changed = changed.withDisplayName(displayName.get(), now);
        if (enabled.isPresent()) changed = changed.withEnabled(enabled.get(), now);
        Tenant result = changed;
        db.inTransaction(() -> {
            tenants.update(result);
            audit.record(actor, null, enabled.isPresent() && !enabled.get() ? "tenant.disabled" : "tenant.updated",
                    "tenant", tenant.id(), Map.of("enabled", result.enabled(), "displayName", result.displayName()));
        });
        cache.invalidate(tenant);
        return result;
    }

    /**
     * Applies a change of settings to the tenant as committed (not as cached). A new signing algorithm
     * rotates to a key of that algorithm, published first and signing after the lead time.
     */
    public TenantSettings updateSettings(Tenant tenant, TenantSettings.Changes changes, Actor actor) {
        changes.check().throwIfAny();
        Tenant result = db.inTransaction(() -> {
            Tenant current = tenants.byIdForUpdate(tenant.id())
                    .orElseThrow(() -> new NotFoundException("no tenant '" + tenant.name() + "'"));
            TenantSettings before = current.settings();
            Tenant changed = current.withSettings(changes.applyTo(before), clock.instant());
            tenants.updateSettings(changed);
            audit.record(actor, tenant.id(), "tenant.settings.updated", "tenant", tenant.id(),
                    Map.of("changed", changedFields(before, changed.settings())));
            if (changed.settings().signingAlgorithm() != before.signingAlgorithm()) {
                keyService.rotate(tenant.id(), changed.settings().signingAlgorithm(), false, actor);
            }
            return changed;
        });
        cache.invalidate(result);
        return result.settings();
    }

    private static List<String> changedFields(TenantSettings before, TenantSettings after) {
        var changed = new ArrayList<String>();
        for (var field : TenantSettings.class.getRecordComponents()) {
            try {
                if (!Objects.equals(field.getAccessor().invoke(before), field.getAccessor().invoke(after))) {
                    changed.add(field.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return changed;
    }

    /** Deletes a tenant and everything in it; only a disabled tenant, so that no one deletes a live one by accident. */
    public void delete(Tenant tenant, Actor actor) {
        if (tenant.enabled()) throw new ConflictException("disable the tenant before deleting it");
        db.inTransaction(() -> {
            tenants.delete(tenant.id());
            audit.record(actor, null, "tenant.deleted", "tenant", tenant.id(), Map.of("name", tenant.name()));
        });
        cache.invalidate(tenant);
        keys.invalidate(tenant.id());
    }

    public List<Role> roles(Tenant tenant) {
        return tenants.roles(tenant.id());
    }

    public Role createRole(Tenant tenant, String name, String description, Actor actor) {
        var errors = new ValidationErrors();
        if (name == null || !ROLE_NAME.matcher(name).matches() || !name.equals(name.strip())) {
            errors.add("name", "must be 1 to 100 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        } else if (name.equals(Role.INSTALLATION_ADMINISTRATOR)) {
            errors.add("name", "is reserved");
        }
        if (description != null && description.length() > 500) errors.add("description", "must be at most 500 characters");
        errors.throwIfAny();
        var role = new Role(name, description, false, clock.instant());
        try {
            db.inTransaction(() -> {
                if (tenants.roles(tenant.id()).stream().anyMatch(r -> r.name().equalsIgnoreCase(name))) {
                    throw new ConflictException("a role named '" + name + "' exists");
                }
                tenants.insertRole(tenant.id(), role);
                audit.record(actor, tenant.id(), "role.created", "role", name, Map.of());
            });
        } catch (StoreException.DuplicateKeyException e) {
            throw new ConflictException("a role named '" + name + "' exists");
        }
        return role;
    }
}
