package dev.gatehouse.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Authorization codes by the keyed hash of their value. Redemption is one conditional update, so it happens once. */
public final class AuthorizationCodeStore {
    private static final String COLUMNS = "code_hash, tenant_id, client_id, user_id, session_id, redirect_uri,"
            + " code_challenge, nonce, scope, auth_time, created, expires_at, redeemed_at, replayed_at,"
            + " access_token_jti, access_token_expires_at";

    /** A code and everything it is bound to. */
    public record StoredCode(String codeHash, String tenantId, String clientId, String userId, String sessionId,
                             String redirectUri, String codeChallenge, String nonce, String scope, Instant authTime,
                             Instant created, Instant expiresAt, Instant redeemedAt, Instant replayedAt,
                             String accessTokenJti, Instant accessTokenExpiresAt) {}

    private final Database db;

    public AuthorizationCodeStore(Database db) {
        this.db = db;
    }

    public void insert(StoredCode c) {
        db.update("INSERT INTO authorization_codes (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                c.codeHash(), c.tenantId(), c.clientId(), c.userId(), c.sessionId(), c.redirectUri(),
                c.codeChallenge(), c.nonce(), c.scope(), c.authTime(), c.created(), c.expiresAt(), c.redeemedAt(),
                c.replayedAt(), c.accessTokenJti(), c.accessTokenExpiresAt());
    }

    public Optional<StoredCode> find(String codeHash) {
        return db.queryOne("SELECT " + COLUMNS + " FROM authorization_codes WHERE code_hash = ?",
                AuthorizationCodeStore::map, codeHash);
    }

    /** Marks the code used; true only for the one caller that used it first. */
    public boolean redeem(String codeHash, Instant now) {
        return db.update("UPDATE authorization_codes SET redeemed_at = ? WHERE code_hash = ? AND redeemed_at IS NULL",
                now, codeHash) == 1;
    }

    /** Records the access token issued from the code, so a replay can revoke it. */
    public void recordAccessToken(String codeHash, String jti, Instant expiresAt) {
        db.update("UPDATE authorization_codes SET access_token_jti = ?, access_token_expires_at = ? WHERE code_hash = ?",
                jti, expiresAt, codeHash);
    }

    public void markReplayed(String codeHash, Instant now) {
        db.update("UPDATE authorization_codes SET replayed_at = ? WHERE code_hash = ? AND replayed_at IS NULL",
                now, codeHash);
    }

    /**
     * The clients that got a code in a sign-in session: those a logout of the session concerns. Codes
     * are kept a day after expiry, longer than a session lives, so the list covers the whole session.
     */
    public List<String> clientsOfSession(String sessionId) {
        return db.query("SELECT DISTINCT client_id FROM authorization_codes WHERE session_id = ? ORDER BY client_id",
                rs -> rs.getString("client_id"), sessionId);
    }

    /** Removes up to {@code batch} codes that expired before {@code before}; returns how many. */
    public int prune(Instant before, int batch) {
        return db.update("DELETE FROM authorization_codes WHERE code_hash IN (SELECT code_hash FROM authorization_codes"
                + " WHERE expires_at <= ? FETCH FIRST " + batch + " ROWS ONLY)", before);
    }

    private static StoredCode map(ResultSet rs) throws SQLException {
        return new StoredCode(rs.getString("code_hash"), rs.getString("tenant_id"), rs.getString("client_id"),
                rs.getString("user_id"), rs.getString("session_id"), rs.getString("redirect_uri"),
                rs.getString("code_challenge"), rs.getString("nonce"), rs.getString("scope"),
                Database.instant(rs, "auth_time"), Database.instant(rs, "created"), Database.instant(rs, "expires_at"),
                Database.instant(rs, "redeemed_at"), Database.instant(rs, "replayed_at"),
                rs.getString("access_token_jti"), Database.instant(rs, "access_token_expires_at"));
    }
}
