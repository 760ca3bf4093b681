package dev.gatehouse.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens (by {@code jti}) revoked before they expire. Every node holds the whole list in
 * memory, so checking a token costs no I/O: loaded at start, extended by the change feed, and
 * trimmed of tokens that have expired anyway.
 */
public final class RevokedAccessTokens {
    private static final String SEPARATOR = " ";

    private final Database db;
    private final ChangeFeed changes;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    public RevokedAccessTokens(Database db, ChangeFeed changes, Clock clock) {
        this.db = db;
        this.changes = changes;
        this.clock = clock;
        changes.subscribe(ChangeFeed.Kind.REVOKED_ACCESS_TOKEN, this::remember);
    }

    /**
     * Reads the revoked tokens that have not expired yet: once at start, before requests are served.
     * The change feed, made before, delivers what is revoked from then on.
     */
    public void load() {
        db.query("SELECT jti, expires_at FROM revoked_access_tokens WHERE expires_at > ?",
                rs -> revoked.put(rs.getString(1), Database.instant(rs, "expires_at")), clock.instant());
    }

    /** Revokes the token with this jti, which would otherwise be valid until {@code expiresAt}. */
    public void revoke(String jti, Instant expiresAt) {
        if (revoked.putIfAbsent(jti, expiresAt) != null) return;
        db.inTransaction(() -> {
            if (db.count("SELECT COUNT(*) FROM revoked_access_tokens WHERE jti = ?", jti) == 0) {
                db.update("INSERT INTO revoked_access_tokens (jti, expires_at) VALUES (?, ?)", jti, expiresAt);
            }
            changes.publish(ChangeFeed.Kind.REVOKED_ACCESS_TOKEN, jti + SEPARATOR + expiresAt.getEpochSecond());
        });
    }

    public boolean isRevoked(String jti) {
        return jti != null && revoked.containsKey(jti);
    }

    /** Forgets tokens that have expired: in memory, and in the table in batches; returns rows deleted. */
    public int prune(int batch) {
        Instant now = clock.instant();
        revoked.values().removeIf(expiry -> !expiry.isAfter(now));
        return db.update("DELETE FROM revoked_access_tokens WHERE jti IN (SELECT jti FROM revoked_access_tokens"
                + " WHERE expires_at <= ? FETCH FIRST " + batch + " ROWS ONLY)", now);
    }

    private void remember(String item) {
        int space = item.indexOf(SEPARATOR);
        if (space < 0) return;
        try {
            revoked.put(item.substring(0, space), Instant.ofEpochSecond(Long.parseLong(item.substring(space + 1))));
        } catch (NumberFormatException ignored) {
            // not an event this version wrote
        }
    }
}
