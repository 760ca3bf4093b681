package dev.gatehouse.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Browser sessions of the sign-in pages, by the keyed hash of the cookie value. */
public final class SessionStore {
    private static final String COLUMNS = "id_hash, sid, csrf_token, tenant_id, user_id, auth_time, pending, created, expires_at";

    /**
     * One session. {@code tenantId}, {@code userId} and {@code authTime} are set once someone signed in;
     * {@code pending} is the authorization request being answered (JSON), if any.
     */
    public record StoredSession(String idHash, String sid, String csrfToken, String tenantId, String userId,
                                Instant authTime, String pending, Instant created, Instant expiresAt) {
        public boolean signedIn() {
            return userId != null;
        }
    }

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    public void insert(StoredSession s) {
        db.update("INSERT INTO sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)", s.idHash(), s.sid(),
                s.csrfToken(), s.tenantId(), s.userId(), s.authTime(), s.pending(), s.created(), s.expiresAt());
    }

    /** The session unless it has expired. */
    public Optional<StoredSession> find(String idHash, Instant now) {
        return db.queryOne("SELECT " + COLUMNS + " FROM sessions WHERE id_hash = ? AND expires_at > ?",
                SessionStore::map, idHash, now);
    }

    public void updatePending(String idHash, String pending) {
        db.update("UPDATE sessions SET pending = ? WHERE id_hash = ?", pending, idHash);
    }

    /** Replaces a session by another (a new cookie value after sign-in), in one transaction. */
    public void replace(String oldIdHash, StoredSession replacement) {
        db.inTransaction(() -> {
            delete(oldIdHash);
            insert(replacement);
        });
    }

    public void delete(String idHash) {
        db.update("DELETE FROM sessions WHERE id_hash = ?", idHash);
    }

    /** Deletes every session a user signed in to; returns their sids. */
    public List<String> deleteUser(String userId) {
        return db.inTransaction(() -> {
            List<String> sids = db.query("SELECT sid FROM sessions WHERE user_id = ?", rs -> rs.getString(1), userId);
            db.update("DELETE FROM sessions WHERE user_id = ?", userId);
            return sids;
        });
    }

    /** Removes up to {@code batch} expired sessions; returns how many. */
    public int prune(Instant now, int batch) {
        return db.update("DELETE FROM sessions WHERE id_hash IN (SELECT id_hash FROM sessions WHERE expires_at <= ?"
                + " FETCH FIRST " + batch + " ROWS ONLY)", now);
    }

    private static StoredSession map(ResultSet rs) throws SQLException {
        return new StoredSession(rs.getString("id_hash"), rs.getString("sid"), rs.getString("csrf_token"),
                rs.getString("tenant_id"), rs.getString("user_id"), Database.instant(rs, "auth_time"),
                rs.getString("pending"), Database.instant(rs, "created"), Database.instant(rs, "expires_at"));
    }
}
