package dev.gatehouse.store;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientSecret;
import dev.gatehouse.domain.RefreshTokenUsage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Clients (tenant and installation), their list-valued fields and their secrets. */
public final class ClientStore {
    private static final String COLUMNS = "id, client_id, tenant_id, client_name, enabled, allow_offline_access,"
            + " allow_remember_consent, back_channel_logout_session_required, back_channel_logout_uri,"
            + " require_client_secret, require_consent, allow_no_pkce, allow_ropc, allow_client_credentials,"
            + " access_token_lifetime, refresh_token_lifetime, refresh_token_usage, created, updated";

    /** The list-valued fields as stored in client_values.kind. */
    private enum Kind { redirect_uri, post_logout_redirect_uri, cors_origin, scope, role }

    private final Database db;

    public ClientStore(Database db) {
        this.db = db;
    }

    public void insert(Client c) {
        db.update("INSERT INTO clients (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                c.pk(), c.clientId(), c.tenantId(), c.clientName(), c.enabled(), c.allowOfflineAccess(),
                c.allowRememberConsent(), c.backChannelLogoutSessionRequired(), c.backChannelLogoutUri(),
                c.requireClientSecret(), c.requireConsent(), c.allowNoPkce(), c.allowRopc(),
                c.allowClientCredentials(), c.accessTokenLifetime(), c.refreshTokenLifetime(),
                c.refreshTokenUsage(), c.created(), c.updated());
        writeValues(c);
    }

    public void update(Client c) {
        db.update("UPDATE clients SET client_name = ?, enabled = ?, allow_offline_access = ?, allow_remember_consent = ?,"
                        + " back_channel_logout_session_required = ?, back_channel_logout_uri = ?,"
                        + " require_client_secret = ?, require_consent = ?, allow_no_pkce = ?, allow_ropc = ?,"
                        + " allow_client_credentials = ?, access_token_lifetime = ?, refresh_token_lifetime = ?,"
                        + " refresh_token_usage = ?, updated = ? WHERE id = ?",
                c.clientName(), c.enabled(), c.allowOfflineAccess(), c.allowRememberConsent(),
                c.backChannelLogoutSessionRequired(), c.backChannelLogoutUri(), c.requireClientSecret(),
                c.requireConsent(), c.allowNoPkce(), c.allowRopc(), c.allowClientCredentials(),
                c.accessTokenLifetime(), c.refreshTokenLifetime(), c.refreshTokenUsage(), c.updated(), c.pk());
        db.update("DELETE FROM client_values WHERE client_pk = ?", c.pk());
        writeValues(c);
    }

    public boolean delete(String pk) {
        return db.update("DELETE FROM clients WHERE id = ?", pk) == 1;
    }

    /** By public client id, whatever its tenant: the protocol endpoints find the tenant from it. */
    public Optional<Client> byClientId(String clientId) {
        return first(db.query("SELECT " + COLUMNS + " FROM clients WHERE client_id = ?", ClientStore::map, clientId));
    }

    /**
     * Clients of one tenant, or installation clients when {@code tenantId} is null, whose name or
     * one of whose roles contains {@code search} (case-insensitive).
     */
    public List<Client> search(String tenantId, String search, int offset, int limit) {
        return withValues(db.query("SELECT " + COLUMNS + " FROM clients c WHERE " + scope(tenantId) + " AND " + SEARCH
                        + " ORDER BY LOWER(client_name), client_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                ClientStore::map, params(tenantId, search, offset, limit)));
    }

    public long count(String tenantId, String search) {
        return db.count("SELECT COUNT(*) FROM clients c WHERE " + scope(tenantId) + " AND " + SEARCH,
                params(tenantId, search));
    }

    private static final String SEARCH = "(CAST(? AS VARCHAR(200)) IS NULL OR LOWER(c.client_name) LIKE ? ESCAPE '!'"
            + " OR EXISTS (SELECT 1 FROM client_values v WHERE v.client_pk = c.id AND v.kind = 'role'"
            + " AND LOWER(v.item) LIKE ? ESCAPE '!'))";

    private static String scope(String tenantId) {
        return tenantId == null ? "c.tenant_id IS NULL" : "c.tenant_id = ?";
    }

    private static Object[] params(String tenantId, String search, Object... tail) {
        var list = new ArrayList<>();
        if (tenantId != null) list.add(tenantId);
        String like = Database.containsPattern(search);
        list.add(search);
        list.add(like);
        list.add(like);
        Collections.addAll(list, tail);
        return list.toArray();
    }

    // ---- secrets

    public void insertSecret(ClientSecret s) {
        db.update("INSERT INTO client_secrets (id, client_pk, description, value_hash, value_display, start_time,"
                        + " expiration, created) VALUES (?,?,?,?,?,?,?,?)",
                s.id(), s.clientPk(), s.description(), s.valueHash(), s.valueDisplay(), s.startTime(),
                s.expiration(), s.created());
    }

    public List<ClientSecret> secrets(String clientPk) {
        return db.query("SELECT id, client_pk, description, value_hash, value_display, start_time, expiration, created"
                        + " FROM client_secrets WHERE client_pk = ? ORDER BY created, id",
                ClientStore::mapSecret, clientPk);
    }

    public long countSecrets(String clientPk) {
        return db.count("SELECT COUNT(*) FROM client_secrets WHERE client_pk = ?", clientPk);
    }

    public boolean deleteSecret(String clientPk, String secretId) {
        return db.update("DELETE FROM client_secrets WHERE client_pk = ? AND id = ?", clientPk, secretId) == 1;
    }

    // ---- mapping

    private Optional<Client> first(List<Client> clients) {
        return clients.isEmpty() ? Optional.empty() : Optional.of(withValues(clients).get(0));
    }

    private List<Client> withValues(List<Client> clients) {
        if (clients.isEmpty()) return clients;
        Map<String, Map<Kind, List<String>>> values = new HashMap<>();
        String placeholders = String.join(",", Collections.nCopies(clients.size(), "?"));
        db.query("SELECT client_pk, kind, item FROM client_values WHERE client_pk IN (" + placeholders + ")"
                        + " ORDER BY client_pk, kind, position",
                rs -> values.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .computeIfAbsent(Kind.valueOf(rs.getString(2)), k -> new ArrayList<>())
                        .add(rs.getString(3)),
                clients.stream().map(Client::pk).toArray());
        return clients.stream().map(c -> {
            var v = values.getOrDefault(c.pk(), Map.of());
            return new Client(c.pk(), c.clientId(), c.tenantId(), c.clientName(), c.enabled(),
                    c.allowOfflineAccess(), c.allowRememberConsent(), c.backChannelLogoutSessionRequired(),
                    c.backChannelLogoutUri(), c.requireClientSecret(), c.requireConsent(), c.allowNoPkce(),
                    c.allowRopc(), c.allowClientCredentials(),
                    v.getOrDefault(Kind.cors_origin, List.of()),
                    v.getOrDefault(Kind.scope, List.of()),
                    v.getOrDefault(Kind.post_logout_redirect_uri, List.of()),
                    v.getOrDefault(Kind.redirect_uri, List.of()),
                    v.getOrDefault(Kind.role, List.of()),
                    c.accessTokenLifetime(), c.refreshTokenLifetime(), c.refreshTokenUsage(), c.created(), c.updated());
        }).toList();
    }

    private void writeValues(Client c) {
        var rows = new ArrayList<Object[]>();
        addRows(rows, c.pk(), Kind.redirect_uri, c.redirectUris());
        addRows(rows, c.pk(), Kind.post_logout_redirect_uri, c.postLogoutRedirectUris());
        addRows(rows, c.pk(), Kind.cors_origin, c.allowedCorsOrigins());
        addRows(rows, c.pk(), Kind.scope, c.allowedScopes());
        addRows(rows, c.pk(), Kind.role, c.roles());
        db.batch("INSERT INTO client_values (client_pk, kind, position, item) VALUES (?,?,?,?)", rows);
    }

    private static void addRows(List<Object[]> rows, String pk, Kind kind, List<String> values) {
        for (int i = 0; i < values.size(); i++) rows.add(new Object[] {pk, kind.name(), i, values.get(i)});
    }

    private static Client map(ResultSet rs) throws SQLException {
        return new Client(
                rs.getString("id"), rs.getString("client_id"), rs.getString("tenant_id"), rs.getString("client_name"),
                rs.getBoolean("enabled"), rs.getBoolean("allow_offline_access"), rs.getBoolean("allow_remember_consent"),
                rs.getBoolean("back_channel_logout_session_required"), rs.getString("back_channel_logout_uri"),
                rs.getBoolean("require_client_secret"), rs.getBoolean("require_consent"),
                rs.getBoolean("allow_no_pkce"), rs.getBoolean("allow_ropc"), rs.getBoolean("allow_client_credentials"),
                List.of(), List.of(), List.of(), List.of(), List.of(),
                rs.getInt("access_token_lifetime"), rs.getInt("refresh_token_lifetime"),
                RefreshTokenUsage.valueOf(rs.getString("refresh_token_usage")),
                Database.instant(rs, "created"), Database.instant(rs, "updated"));
    }

    private static ClientSecret mapSecret(ResultSet rs) throws SQLException {
        return new ClientSecret(rs.getString("id"), rs.getString("client_pk"), rs.getString("description"),
                rs.getString("value_hash"), rs.getString("value_display"), Database.instant(rs, "start_time"),
                Database.instant(rs, "expiration"), Database.instant(rs, "created"));
    }
}
