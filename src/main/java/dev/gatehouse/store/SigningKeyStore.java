package dev.gatehouse.store;

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
                            Instant retiresAt, Instant expiresAt) {}

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

    /** Keys of one issuer that are still published (not past their expiry), newest first. */
    public List<StoredKey> published(String tenantId, Instant now) {
        String where = tenantId == null ? "tenant_id IS NULL" : "tenant_id = ?";
        Object[] params = tenantId == null ? new Object[] {now} : new Object[] {tenantId, now};
        return db.query("SELECT " + COLUMNS + " FROM signing_keys WHERE " + where
                + " AND (expires_at IS NULL OR expires_at > ?) ORDER BY activates_at DESC, created DESC",
                SigningKeyStore::map, params);
    }

    private static StoredKey map(ResultSet rs) throws SQLException {
        return new StoredKey(rs.getString("kid"), rs.getString("tenant_id"),
                SigningAlgorithm.parse(rs.getString("algorithm")), rs.getString("public_jwk"),
                rs.getString("private_jwk_enc"), Database.instant(rs, "created"),
                Database.instant(rs, "activates_at"), Database.instant(rs, "retires_at"),
                Database.instant(rs, "expires_at"));
    }
}
