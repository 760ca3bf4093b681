package dev.gatehouse.store;

import java.time.Instant;
import java.util.Optional;

/** Consents users asked to have remembered: the scope granted to a client, per user. */
public final class ConsentStore {
    private final Database db;

    public ConsentStore(Database db) {
        this.db = db;
    }

    /** The remembered scope (space-separated), if any. */
    public Optional<String> find(String userId, String clientId) {
        return db.queryOne("SELECT scope FROM consents WHERE user_id = ? AND client_id = ?",
                rs -> rs.getString(1), userId, clientId);
    }

    public void save(String userId, String clientId, String scope, Instant now) {
        db.inTransaction(() -> {
            db.update("DELETE FROM consents WHERE user_id = ? AND client_id = ?", userId, clientId);
            db.update("INSERT INTO consents (user_id, client_id, scope, created) VALUES (?,?,?,?)",
                    userId, clientId, scope, now);
        });
    }
}
