package dev.gatehouse.store;

import java.time.Instant;
import java.util.Optional;

/** Counts of failed sign-ins per key (an account or a client IP, hashed), shared by every node. */
public final class SignInFailureStore {
    public record Failures(int count, Instant lastFailure, Instant lockedUntil) {}

    private final Database db;

    public SignInFailureStore(Database db) {
        this.db = db;
    }

    public Optional<Failures> find(String keyHash) {
        return db.queryOne("SELECT failures, last_failure, locked_until FROM signin_failures WHERE key_hash = ?",
                rs -> new Failures(rs.getInt(1), Database.instant(rs, "last_failure"), Database.instant(rs, "locked_until")),
                keyHash);
    }

    public void save(String keyHash, Failures f) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = db.update("UPDATE signin_failures SET failures = ?, last_failure = ?, locked_until = ?"
                    + " WHERE key_hash = ?", f.count(), f.lastFailure(), f.lockedUntil(), keyHash);
            if (updated == 1) return;
            try {
                db.update("INSERT INTO signin_failures (key_hash, failures, last_failure, locked_until) VALUES (?,?,?,?)",
                        keyHash, f.count(), f.lastFailure(), f.lockedUntil());
                return;
            } catch (StoreException.DuplicateKeyException raced) {
                // another node inserted it first: update instead
            }
        }
    }

    public void delete(String keyHash) {
        db.update("DELETE FROM signin_failures WHERE key_hash = ?", keyHash);
    }
}
