package dev.gatehouse.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Refresh tokens by the hash of their value, grouped in families that rotate from one issuance. */
public final class RefreshTokenStore {

    /** A stored refresh token; {@code consumedAt} is set once it has been rotated. */
    public record StoredRefreshToken(String id, String tokenHash, String familyId, String tenantId, String clientPk,
                                     String userId, String sessionId, String scope, Instant authTime, Instant created,
                                     Instant expiresAt, Instant consumedAt, Instant revokedAt) {}

    private static final String COLUMNS = "id, token_hash, family_id, tenant_id, client_pk, user_id, session_id, scope,"
            + " auth_time, created, expires_at, consumed_at, revoked_at";

    private final Database db;

    public RefreshTokenStore(Database db) {
        this.db = db;
    }

    public void insert(StoredRefreshToken t) {
        db.update("INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                t.id(), t.tokenHash(), t.familyId(), t.tenantId(), t.clientPk(), t.userId(), t.sessionId(), t.scope(),
                t.authTime(), t.created(), t.expiresAt(), t.consumedAt(), t.revokedAt());
    }

    public Optional<StoredRefreshToken> byHash(String tokenHash) {
        return db.queryOne("SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = ?", RefreshTokenStore::map,
                tokenHash);
    }

    /** Marks the token rotated; false when another request rotated it first. */
    public boolean consume(String id, Instant now) {
        return db.update("UPDATE refresh_tokens SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL", now, id) == 1;
    }

    /** Revokes every token of the family; returns how many were still live. */
    public int revokeFamily(String familyId, Instant now) {
        return db.update("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                now, familyId);
    }

    /** Revokes every refresh token of a user (a new password). */
    public int revokeUser(String userId, Instant now) {
        return db.update("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                now, userId);
    }

    /** Revokes every refresh token of a session (sign-out). */
    public int revokeSession(String sessionId, Instant now) {
        return db.update("UPDATE refresh_tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL",
                now, sessionId);
    }

    /** Deletes up to {@code batch} tokens that expired before {@code cutoff}; returns how many. */
    public int deleteExpired(Instant cutoff, int batch) {
        return db.update("DELETE FROM refresh_tokens WHERE id IN (SELECT id FROM refresh_tokens WHERE expires_at < ?"
                + " FETCH FIRST " + batch + " ROWS ONLY)", cutoff);
    }

    private static StoredRefreshToken map(ResultSet rs) throws SQLException {
        return new StoredRefreshToken(rs.getString("id"), rs.getString("token_hash"), rs.getString("family_id"),
                rs.getString("tenant_id"), rs.getString("client_pk"), rs.getString("user_id"),
                rs.getString("session_id"), rs.getString("scope"), Database.instant(rs, "auth_time"),
                Database.instant(rs, "created"), Database.instant(rs, "expires_at"),
                Database.instant(rs, "consumed_at"), Database.instant(rs, "revoked_at"));
    }
}
