package dev.gatehouse.store;

import dev.gatehouse.domain.KeyStatus;
import dev.gatehouse.domain.SigningAlgorithm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Signing keys per issuer (a tenant, or the installation when tenantId is null). */
public final class SigningKeyStore {

    /** A stored key; the private half is still encrypted. */
    public record StoredKey(String kid, String tenantId, SigningAlgorithm algorithm, String publicJwk,
                            String privateJwkEncrypted, Instant created, Instant activatesAt,
                            Instant retiresAt, Instant expiresAt) {
        public KeyStatus status(Instant now) {
            return KeyStatus.of(activatesAt, retiresAt, now);
        }
    }

    private static final String COLUMNS =
            "kid, tenant_id, algorithm, public_jwk, private_jwk_enc, created, activates_at, retires_at, expires_at";

    private final Database db;

    public SigningKeyStore(Database db) {
        this.db = db;
    }

    public void insert(StoredKey k) {
        db.update("INSERT INTO signing_keys (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)",
                k.kid(), k.tenantId(), k.algorithm(), k.publicJwk(), k.privateJwkEncrypted(), k.created(),
                k.activatesAt(), k.retiresAt(), k.expiresAt());
    }

    /**
     * Keys of one issuer that are still published (not past their expiry), newest activation first; of two
     * that activate together (an immediate rotation), the one that has not been replaced comes first.
     */
    public List<StoredKey> published(String tenantId, Instant now) {
        return db.query("SELECT " + COLUMNS + " FROM signing_keys WHERE " + issuer(tenantId)
                + " AND (expires_at IS NULL OR expires_at > ?)"
                + " ORDER BY activates_at DESC, retires_at DESC NULLS FIRST, created DESC",
                SigningKeyStore::map, params(tenantId, now));
    }

    /**
     * Locks the issuer until the transaction ends, so that rotations of one issuer, on any node, happen one
     * after the other: a tenant's row first, as every change of a tenant does (inserting a key takes a share
     * lock on it in PostgreSQL, so locking it later could deadlock), then the keys' rows in one order.
     */
    public void lock(String tenantId) {
        if (tenantId != null) db.query("SELECT id FROM tenants WHERE id = ? FOR UPDATE", rs -> rs.getString(1), tenantId);
        db.query("SELECT kid FROM signing_keys WHERE " + issuer(tenantId) + " ORDER BY kid FOR UPDATE",
                rs -> rs.getString(1), params(tenantId));
    }

    /** The key stops signing at {@code retiresAt} and leaves the JWKS at {@code expiresAt}. */
    public void retire(String kid, Instant retiresAt, Instant expiresAt) {
        db.update("UPDATE signing_keys SET retires_at = ?, expires_at = ? WHERE kid = ?", retiresAt, expiresAt, kid);
    }

    public void delete(String kid) {
        db.update("DELETE FROM signing_keys WHERE kid = ?", kid);
    }

    /**
     * The issuers (a tenant id, or null for the installation) whose signing key has signed since
     * {@code before} or earlier and has no successor yet: a rotation sets a key's retires_at.
     */
    public List<String> issuersSigningSince(Instant before) {
        return db.query("SELECT DISTINCT tenant_id FROM signing_keys WHERE retires_at IS NULL AND activates_at <= ?",
                rs -> rs.getString(1), before);
    }

    /** Deletes keys no longer published, in batches; returns how many. */
    public int deleteExpired(Instant now, int batch) {
        return db.update("DELETE FROM signing_keys WHERE kid IN (SELECT kid FROM signing_keys WHERE expires_at <= ?"
                + " FETCH FIRST " + batch + " ROWS ONLY)", now);
    }

    private static String issuer(String tenantId) {
        return tenantId == null ? "tenant_id IS NULL" : "tenant_id = ?";
    }

    private static Object[] params(String tenantId, Object... more) {
        if (tenantId == null) return more;
        Object[] all = new Object[more.length + 1];
        all[0] = tenantId;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    private static StoredKey map(ResultSet rs) throws SQLException {
        return new StoredKey(rs.getString("kid"), rs.getString("tenant_id"),
                SigningAlgorithm.parse(rs.getString("algorithm")), rs.getString("public_jwk"),
                rs.getString("private_jwk_enc"), Database.instant(rs, "created"),
                Database.instant(rs, "activates_at"), Database.instant(rs, "retires_at"),
                Database.instant(rs, "expires_at"));
    }
}
