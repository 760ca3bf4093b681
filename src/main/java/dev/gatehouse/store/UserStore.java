package dev.gatehouse.store;

import dev.gatehouse.domain.User;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users and their role assignments. */
public final class UserStore {
    private static final String COLUMNS = "id, tenant_id, email, display_name, password_hash, enabled,"
            + " installation_admin, created, updated";

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public void insert(User u) {
        db.update("INSERT INTO users (" + COLUMNS + ", email_normalized) VALUES (?,?,?,?,?,?,?,?,?,?)",
                u.id(), u.tenantId(), u.email(), u.displayName(), u.passwordHash(), u.enabled(),
                u.installationAdmin(), u.created(), u.updated(), User.normalizeEmail(u.email()));
        writeRoles(u);
    }

    public void update(User u) {
        db.update("UPDATE users SET email = ?, email_normalized = ?, display_name = ?, password_hash = ?,"
                        + " enabled = ?, updated = ? WHERE id = ?",
                u.email(), User.normalizeEmail(u.email()), u.displayName(), u.passwordHash(), u.enabled(),
                u.updated(), u.id());
        db.update("DELETE FROM user_roles WHERE user_id = ?", u.id());
        writeRoles(u);
    }

    /**
     * Replaces a password hash with an equivalent one (the same password, current parameters), unless
     * the password changed in the meantime; the user's update time stays, as nothing the user or an
     * administrator sees changed. True when replaced.
     */
    public boolean replacePasswordHash(String tenantId, String id, String oldHash, String newHash) {
        return db.update("UPDATE users SET password_hash = ? WHERE tenant_id = ? AND id = ? AND password_hash = ?",
                newHash, tenantId, id, oldHash) == 1;
    }

    public boolean delete(String tenantId, String id) {
        return db.update("DELETE FROM users WHERE tenant_id = ? AND id = ?", tenantId, id) == 1;
    }

    public Optional<User> byId(String tenantId, String id) {
        return first(db.query("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? AND id = ?",
                UserStore::map, tenantId, id));
    }

    public Optional<User> byEmail(String tenantId, String email) {
        if (!isStorable(email)) return Optional.empty();
        return first(db.query("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? AND email_normalized = ?",
                UserStore::map, tenantId, User.normalizeEmail(email)));
    }

    /** Every tenant's user with this email: the sign-in asks for a tenant when there are several. */
    public List<User> byEmailInAnyTenant(String email) {
        if (!isStorable(email)) return List.of();
        return withRoles(db.query("SELECT " + COLUMNS + " FROM users WHERE email_normalized = ? ORDER BY tenant_id",
                UserStore::map, User.normalizeEmail(email)));
    }

    public List<User> search(String tenantId, String search, int offset, int limit) {
        return withRoles(db.query("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? AND " + SEARCH
                        + " ORDER BY email_normalized OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                UserStore::map, tenantId, search, Database.containsPattern(search), Database.containsPattern(search), offset, limit));
    }

    public long count(String tenantId, String search) {
        return db.count("SELECT COUNT(*) FROM users WHERE tenant_id = ? AND " + SEARCH,
                tenantId, search, Database.containsPattern(search), Database.containsPattern(search));
    }

    public long countRoleHolders(String tenantId, String role) {
        return db.count("SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id"
                + " WHERE u.tenant_id = ? AND r.role_name = ? AND u.enabled = TRUE", tenantId, role);
    }

    /** PostgreSQL text cannot hold U+0000, so no stored email has it, and a query with it would fail. */
    private static boolean isStorable(String email) {
        return email.indexOf('\0') < 0;
    }

    private static final String SEARCH = "(CAST(? AS VARCHAR(200)) IS NULL OR email_normalized LIKE ? ESCAPE '!'"
            + " OR LOWER(display_name) LIKE ? ESCAPE '!')";

    private Optional<User> first(List<User> users) {
        return users.isEmpty() ? Optional.empty() : Optional.of(withRoles(users).get(0));
    }

    private List<User> withRoles(List<User> users) {
        if (users.isEmpty()) return users;
        Map<String, List<String>> roles = new HashMap<>();
        String placeholders = String.join(",", Collections.nCopies(users.size(), "?"));
        db.query("SELECT user_id, role_name FROM user_roles WHERE user_id IN (" + placeholders + ") ORDER BY role_name",
                rs -> roles.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)),
                users.stream().map(User::id).toArray());
        return users.stream().map(u -> new User(u.id(), u.tenantId(), u.email(), u.displayName(), u.passwordHash(),
                u.enabled(), u.installationAdmin(), roles.getOrDefault(u.id(), List.of()), u.created(), u.updated()))
                .toList();
    }

    private void writeRoles(User u) {
        db.batch("INSERT INTO user_roles (user_id, role_name) VALUES (?, ?)",
                u.roles().stream().map(r -> new Object[] {u.id(), r}).toList());
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("tenant_id"), rs.getString("email"),
                rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getBoolean("installation_admin"), List.of(), Database.instant(rs, "created"),
                Database.instant(rs, "updated"));
    }
}
