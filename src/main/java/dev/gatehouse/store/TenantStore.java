package dev.gatehouse.store;

import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Tenants and their roles. */
public final class TenantStore {
    private static final String COLUMNS = "id, name, display_name, enabled, signing_algorithm, exact_redirect_uris,"
            + " signin_max_failures, signin_lockout_seconds, created, updated";

    private final Database db;

    public TenantStore(Database db) {
        this.db = db;
    }

    public void insert(Tenant t) {
        var s = t.settings();
        db.update("INSERT INTO tenants (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
                t.id(), t.name(), t.displayName(), t.enabled(), s.signingAlgorithm(), s.exactRedirectUris(),
                s.signInMaxFailures(), s.signInLockoutSeconds(), t.created(), t.updated());
    }

    /** Writes the display name and enabled flag; the settings have their own update so neither undoes the other. */
    public void update(Tenant t) {
        db.update("UPDATE tenants SET display_name = ?, enabled = ?, updated = ? WHERE id = ?",
                t.displayName(), t.enabled(), t.updated(), t.id());
    }

    public void updateSettings(Tenant t) {
        var s = t.settings();
        db.update("UPDATE tenants SET signing_algorithm = ?, exact_redirect_uris = ?, signin_max_failures = ?,"
                        + " signin_lockout_seconds = ?, updated = ? WHERE id = ?",
                s.signingAlgorithm(), s.exactRedirectUris(), s.signInMaxFailures(), s.signInLockoutSeconds(),
                t.updated(), t.id());
    }

    public boolean delete(String id) {
        return db.update("DELETE FROM tenants WHERE id = ?", id) == 1;
    }

    public Optional<Tenant> byId(String id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM tenants WHERE id = ?", TenantStore::map, id);
    }

    /** The tenant as committed, its row locked until the transaction ends: for a read-modify-write. */
    public Optional<Tenant> byIdForUpdate(String id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM tenants WHERE id = ? FOR UPDATE", TenantStore::map, id);
    }

    public Optional<Tenant> byName(String name) {
        return db.queryOne("SELECT " + COLUMNS + " FROM tenants WHERE name = ?", TenantStore::map, name);
    }

    /** Tenants whose name or display name contains {@code search} (case-insensitive; null: all), by name. */
    public List<Tenant> search(String search, int offset, int limit) {
        String like = Database.containsPattern(search);
        return db.query("SELECT " + COLUMNS + " FROM tenants WHERE " + SEARCH
                        + " ORDER BY name OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                TenantStore::map, search, like, like, offset, limit);
    }

    public long count(String search) {
        String like = Database.containsPattern(search);
        return db.count("SELECT COUNT(*) FROM tenants WHERE " + SEARCH, search, like, like);
    }

    public long count() {
        return db.count("SELECT COUNT(*) FROM tenants");
    }

    private static final String SEARCH = "(CAST(? AS VARCHAR(200)) IS NULL OR name LIKE ? ESCAPE '!'"
            + " OR LOWER(display_name) LIKE ? ESCAPE '!')";

    public void insertRole(String tenantId, Role role) {
        db.update("INSERT INTO roles (tenant_id, name, description, built_in, created) VALUES (?,?,?,?,?)",
                tenantId, role.name(), role.description(), role.builtIn(), role.created());
    }

    public List<Role> roles(String tenantId) {
        return db.query("SELECT name, description, built_in, created FROM roles WHERE tenant_id = ?"
                        + " ORDER BY built_in DESC, name",
                rs -> new Role(rs.getString("name"), rs.getString("description"), rs.getBoolean("built_in"),
                        Database.instant(rs, "created")),
                tenantId);
    }

    private static Tenant map(ResultSet rs) throws SQLException {
        return new Tenant(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getBoolean("enabled"),
                new TenantSettings(
                        SigningAlgorithm.parse(rs.getString("signing_algorithm")),
                        rs.getBoolean("exact_redirect_uris"),
                        rs.getInt("signin_max_failures"),
                        rs.getInt("signin_lockout_seconds")),
                Database.instant(rs, "created"),
                Database.instant(rs, "updated"));
    }
}
