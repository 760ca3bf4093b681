package dev.gatehouse.crypto;

import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.store.Caches;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.SigningKeyStore;
import dev.gatehouse.store.SigningKeyStore.StoredKey;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each issuer's signing keys: created encrypted at rest, the current one held decrypted in memory
 * so that signing a token does no I/O, and the public set served as JWKS. Entries refresh every
 * {@link #REFRESH} so keys rotated on another node are picked up.
 */
public final class SigningKeys {
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final String INSTALLATION = "";

    /** The key an issuer signs with now. */
    public record ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer) {}

    /** What an issuer publishes and signs with, as loaded at one moment. */
    public record IssuerKeys(Optional<ActiveKey> active, JWKSet publicKeys, String jwksJson) {}

    private final SigningKeyStore store;
    private final MasterKey masterKey;
    private final Clock clock;
    private final LoadingCache<String, IssuerKeys> cache;

    private final ChangeFeed changes;

    public SigningKeys(SigningKeyStore store, MasterKey masterKey, ChangeFeed changes, Clock clock) {
        this.store = store;
        this.masterKey = masterKey;
        this.changes = changes;
        this.clock = clock;
        this.cache = Caches.builder()
                .refreshAfterWrite(REFRESH)
                .expireAfterAccess(Duration.ofHours(1))
                .maximumSize(100_000)
                .build(this::load);
        changes.subscribe(ChangeFeed.Kind.SIGNING_KEYS, cache::invalidate);
    }

    /** Creates a key for an issuer (tenant id, or null for the installation) that signs from now on. */
    public StoredKey create(String tenantId, SigningAlgorithm algorithm) {
        Instant now = clock.instant();
        JWK key = generate(algorithm);
        var stored = new StoredKey(key.getKeyID(), tenantId, algorithm, key.toPublicJWK().toJSONString(),
                masterKey.encrypt(key.toJSONString(), key.getKeyID()), now, now, null, null);
        store.insert(stored);
        invalidate(tenantId);
        return stored;
    }

    public IssuerKeys forIssuer(String tenantId) {
        return cache.get(tenantId == null ? INSTALLATION : tenantId);
    }

    /** The issuer's keys changed: reload them here now, and on the other nodes at their next poll. */
    public void invalidate(String tenantId) {
        String issuer = tenantId == null ? INSTALLATION : tenantId;
        cache.invalidate(issuer);
        changes.publish(ChangeFeed.Kind.SIGNING_KEYS, issuer);
    }

    private IssuerKeys load(String issuer) {
        Instant now = clock.instant();
        List<StoredKey> keys = store.published(issuer.isEmpty() ? null : issuer, now);
        var publicKeys = new ArrayList<JWK>();
        ActiveKey active = null;
        for (StoredKey k : keys) {
            publicKeys.add(parse(k.publicJwk()));
            boolean signsNow = !k.activatesAt().isAfter(now) && (k.retiresAt() == null || k.retiresAt().isAfter(now));
            if (active == null && signsNow) active = activate(k);
        }
        JWKSet set = new JWKSet(publicKeys);
        return new IssuerKeys(Optional.ofNullable(active), set, set.toString(true));
    }

    private ActiveKey activate(StoredKey k) {
        JWK privateKey = parse(masterKey.decrypt(k.privateJwkEncrypted(), k.kid()));
        try {
            return switch (k.algorithm()) {
                case RS256 -> new ActiveKey(k.kid(), JWSAlgorithm.RS256, new RSASSASigner(privateKey.toRSAKey()));
                case ES256 -> new ActiveKey(k.kid(), JWSAlgorithm.ES256, new ECDSASigner(privateKey.toECKey()));
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("stored signing key " + k.kid() + " is unusable", e);
        }
    }

    private static JWK generate(SigningAlgorithm algorithm) {
        String kid = RandomValues.alphanumeric(24);
        try {
            return switch (algorithm) {
                case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored key is not a JWK", e);
        }
    }

}
