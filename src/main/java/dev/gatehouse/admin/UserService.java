package dev.gatehouse.admin;

import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.Page;
import dev.gatehouse.domain.PasswordPolicy;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.ValidationErrors;
import dev.gatehouse.domain.ValidationException;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.store.TenantStore;
import dev.gatehouse.store.UserCache;
import dev.gatehouse.store.UserStore;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The users of a tenant: create, change, set passwords, delete. Passwords are hashed with Argon2id; a
 * new password signs the user out everywhere.
 */
public final class UserService {
    /** Deliberately loose: one @, something on both sides, a dot in the domain or a single-label host. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    /**
     * Signs a user out everywhere (tenant id, user id): every session and refresh token ends. Called in
     * the transaction that gives the user a new password.
     */
    @FunctionalInterface
    public interface SignOutEverywhere {
        void userSignedOutEverywhere(String tenantId, String userId);
    }

    /** What a create or update sets; empty fields keep their current (or default) value. */
    public record Changes(Optional<String> email, Optional<String> displayName, Optional<String> password,
                          Optional<List<String>> roles, Optional<Boolean> enabled) {}

    private final Database db;
    private final UserStore users;
    private final UserCache cache;
    private final TenantStore tenants;
    private final PasswordHasher passwords;
    private final AuditLog audit;
    private final SignOutEverywhere signOut;
    private final Clock clock;

    public UserService(Database db, UserStore users, UserCache cache, TenantStore tenants, PasswordHasher passwords,
                       AuditLog audit, SignOutEverywhere signOut, Clock clock) {
        this.db = db;
        this.users = users;
        this.cache = cache;
        this.tenants = tenants;
        this.passwords = passwords;
        this.audit = audit;
        this.signOut = signOut;
        this.clock = clock;
    }

    public User create(Tenant tenant, Changes in, boolean installationAdmin, Actor actor) {
        check(tenant, null, in).throwIfAny();
        String email = in.email().orElseThrow().trim();
        String displayName = in.displayName().orElse(email); // defaults to the email
        String hash = in.password().map(passwords::hash).orElse(null);
        Instant now = clock.instant();
        var user = new User(RandomValues.uuid(), tenant.id(), email, displayName, hash, in.enabled().orElse(true),
                installationAdmin, distinct(in.roles().orElse(List.of())), now, now);
        try {
            db.inTransaction(() -> {
                if (users.byEmail(tenant.id(), email).isPresent()) throw duplicate(email);
                users.insert(user);
                audit.record(actor, tenant.id(), "user.created", "user", user.id(),
                        Map.of("email", email, "roles", user.roles()));
            });
        } catch (StoreException.DuplicateKeyException e) {
            throw duplicate(email);
        }
        cache.invalidate(tenant.id(), user.id());
        return user;
    }

    public User get(Tenant tenant, String userId) {
        return users.byId(tenant.id(), userId).orElseThrow(() -> new NotFoundException("no user '" + userId + "'"));
    }

    public Optional<User> byEmail(Tenant tenant, String email) {
        return users.byEmail(tenant.id(), email);
    }

    public Page<User> list(Tenant tenant, String search, int offset, int limit) {
        return new Page<>(users.search(tenant.id(), search, offset, limit), users.count(tenant.id(), search));
    }

    /** Applies {@code in} to the user; a PUT passes every field, a PATCH only those it names. */
    public User update(Tenant tenant, String userId, Changes in, Actor actor) {
        User existing = get(tenant, userId);
        check(tenant, existing, in).throwIfAny();
        String email = in.email().map(String::trim).orElse(existing.email());
        String displayName = in.displayName().orElse(existing.displayName());
        String hash = in.password().map(passwords::hash).orElse(existing.passwordHash());
        var user = new User(existing.id(), existing.tenantId(), email, displayName, hash,
                in.enabled().orElse(existing.enabled()), existing.installationAdmin(),
                in.roles().map(UserService::distinct).orElse(existing.roles()), existing.created(), clock.instant());
        try {
            db.inTransaction(() -> {
                var clash = users.byEmail(tenant.id(), email);
                if (clash.isPresent() && !clash.get().id().equals(userId)) throw duplicate(email);
                keepAnAdministrator(tenant, existing, user);
                users.update(user);
                audit.record(actor, tenant.id(), "user.updated", "user", userId,
                        Map.of("email", email, "roles", user.roles(), "enabled", user.enabled(),
                                "passwordChanged", in.password().isPresent()));
                if (in.password().isPresent()) signOut.userSignedOutEverywhere(tenant.id(), userId);
            });
        } catch (StoreException.DuplicateKeyException e) {
            throw duplicate(email);
        }
        cache.invalidate(tenant.id(), userId);
        return user;
    }

    public void setPassword(Tenant tenant, String userId, String password, Actor actor) {
        User existing = get(tenant, userId);
        PasswordPolicy.problem(password, existing.email()).ifPresent(p -> {
            throw ValidationException.of("password", p);
        });
        String hash = passwords.hash(password);
        var user = new User(existing.id(), existing.tenantId(), existing.email(), existing.displayName(), hash,
                existing.enabled(), existing.installationAdmin(), existing.roles(), existing.created(), clock.instant());
        db.inTransaction(() -> {
            users.update(user);
            audit.record(actor, tenant.id(), "user.password.set", "user", userId, Map.of());
            signOut.userSignedOutEverywhere(tenant.id(), userId);
        });
        cache.invalidate(tenant.id(), userId);
    }

    public void delete(Tenant tenant, String userId, Actor actor) {
        User existing = get(tenant, userId);
        db.inTransaction(() -> {
            keepAnAdministrator(tenant, existing, null);
            if (!users.delete(tenant.id(), userId)) throw new NotFoundException("no user '" + userId + "'");
            audit.record(actor, tenant.id(), "user.deleted", "user", userId, Map.of());
        });
        cache.invalidate(tenant.id(), userId);
    }

    /**
     * A tenant keeps at least one enabled user with Tenant Administrator, so that a person can always
     * administer it: the last one can be neither disabled, nor stripped of the role, nor deleted.
     */
    private void keepAnAdministrator(Tenant tenant, User before, User after) {
        boolean was = before.enabled() && before.roles().contains(Role.TENANT_ADMINISTRATOR);
        boolean still = after != null && after.enabled() && after.roles().contains(Role.TENANT_ADMINISTRATOR);
        if (was && !still && users.countRoleHolders(tenant.id(), Role.TENANT_ADMINISTRATOR) <= 1) {
            throw new ConflictException("this is the tenant's last enabled Tenant Administrator; make another user"
                    + " Tenant Administrator first");
        }
    }

    /** Every rule {@code in} breaks as a create ({@code existing} null) or as a change of {@code existing}. */
    public ValidationErrors check(Tenant tenant, User existing, Changes in) {
        var errors = new ValidationErrors();
        if (existing == null && in.email().isEmpty()) errors.add("email", "is required");
        String email = in.email().map(String::trim).orElse(existing == null ? "" : existing.email());
        String displayName = in.displayName().orElse(existing == null ? email : existing.displayName());
        if (!errors.has("email") && (!EMAIL.matcher(email).matches() || email.length() > 320)) {
            errors.add("email", "must be an email address");
        }
        if (displayName.isBlank() || displayName.length() > 200) {
            errors.add("displayName", "must be 1 to 200 characters and not blank");
        }
        in.password().flatMap(p -> PasswordPolicy.problem(p, email)).ifPresent(p -> errors.add("password", p));
        in.roles().ifPresent(roles -> {
            Set<String> known = tenants.roles(tenant.id()).stream().map(Role::name).collect(Collectors.toSet());
            for (int i = 0; i < roles.size(); i++) {
                if (!known.contains(roles.get(i))) errors.add("roles[" + i + "]", "'" + roles.get(i) + "' is not a role here");
            }
        });
        return errors;
    }

    private static List<String> distinct(List<String> roles) {
        return List.copyOf(new LinkedHashSet<>(roles));
    }

    private static ConflictException duplicate(String email) {
        return new ConflictException("a user with email '" + email + "' exists in this tenant");
    }
}
