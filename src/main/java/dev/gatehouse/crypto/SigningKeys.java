package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.domain.KeyStatus;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.store.FeedCache;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.SigningKeyStore;
import dev.gatehouse.store.SigningKeyStore.StoredKey;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * Each issuer's signing keys: created encrypted at rest, those that sign now or will sign next held
 * decrypted in memory so that signing a token does no I/O, and the public set served as JWKS. Which
 * key signs is decided at each signing from the keys' times, so a next key takes over at its
 * activation on every node without a reload. An entry is reloaded at once when the change feed
 * reports a rotation; while the feed works it is otherwise kept up to {@link #MAX_AGE} (which also
 * bounds how long a key past its publication stays in the JWKS), so that ten thousand issuers used in
 * turn do not each decrypt and parse their keys again every few seconds; when the feed fails,
 * {@link ChangeFeed#UNCHECKED_TTL} bounds staleness.
 */
public final class SigningKeys {
    static final Duration MAX_AGE = Duration.ofHours(1);
    private static final String INSTALLATION = "";

    /** A key that signs during its window: from {@code activatesAt} until {@code retiresAt} (null: no end yet). */
    public record SigningKey(String kid, JWSAlgorithm algorithm, JWSSigner signer, Instant activatesAt,
                             Instant retiresAt) {
        boolean signsAt(Instant now) {
            return KeyStatus.of(activatesAt, retiresAt, now) == KeyStatus.CURRENT;
        }

        /** The compact JWS of {@code claims}, typed {@code type}, signed with this key and naming it by kid. */
        public String sign(JOSEObjectType type, JWTClaimsSet claims) {
            var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(type).keyID(kid).build(), claims);
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException("signing failed", e);
            }
            return jwt.serialize();
        }
    }

    /** What an issuer publishes, and its keys that sign now or later (newest activation first), as loaded at one moment. */
    public record IssuerKeys(List<SigningKey> signers, JWKSet publicKeys, String jwksJson) {
        public Optional<SigningKey> activeAt(Instant now) {
            return signers.stream().filter(k -> k.signsAt(now)).findFirst();
        }

        /** The algorithms of the published keys: what a token of this issuer may be signed with. */
        public SequencedSet<String> algorithms() {
            var names = new LinkedHashSet<String>();
            for (JWK key : publicKeys.getKeys()) names.add(key.getAlgorithm().getName());
            return names;
        }
    }

    /** A generated key, its private half already encrypted, not yet stored. */
    record NewKey(String kid, SigningAlgorithm algorithm, String publicJwk, String privateJwkEncrypted) {
        StoredKey toStore(String tenantId, Instant created, Instant activatesAt) {
            return new StoredKey(kid, tenantId, algorithm, publicJwk, privateJwkEncrypted, created, activatesAt,
                    null, null);
        }
    }

    private final SigningKeyStore store;
    private final MasterKey masterKey;
    private final Clock clock;
    private final FeedCache<IssuerKeys> cache;

    public SigningKeys(SigningKeyStore store, MasterKey masterKey, ChangeFeed changes, Clock clock) {
        this.store = store;
        this.masterKey = masterKey;
        this.clock = clock;
        this.cache = new FeedCache<>(changes, ChangeFeed.Kind.SIGNING_KEYS, MAX_AGE, 100_000, this::load);
    }

    /** Creates a key for an issuer (tenant id, or null for the installation) that signs from now on. */
    public StoredKey create(String tenantId, SigningAlgorithm algorithm) {
        Instant now = clock.instant();
        StoredKey stored = generate(algorithm).toStore(tenantId, now, now);
        store.insert(stored);
        invalidate(tenantId);
        return stored;
    }

    public IssuerKeys forIssuer(String tenantId) {
        return cache.get(tenantId == null ? INSTALLATION : tenantId);
    }

    /** The key the issuer signs with now. */
    public Optional<SigningKey> active(String tenantId) {
        return forIssuer(tenantId).activeAt(clock.instant());
    }

    /** The issuer's keys changed: reload them here now, and on the other nodes at their next poll. */
    public void invalidate(String tenantId) {
        cache.invalidate(tenantId == null ? INSTALLATION : tenantId);
    }

    /** A fresh key pair for {@code algorithm} with a random kid; RSA takes a noticeable moment. */
    NewKey generate(SigningAlgorithm algorithm) {
        JWK key = newJwk(algorithm, RandomValues.alphanumeric(24));
        return new NewKey(key.getKeyID(), algorithm, key.toPublicJWK().toJSONString(),
                masterKey.encrypt(key.toJSONString(), key.getKeyID()));
    }

    private IssuerKeys load(String issuer) {
        Instant now = clock.instant();
        List<StoredKey> keys = store.published(issuer.isEmpty() ? null : issuer, now);
        var publicKeys = new ArrayList<JWK>();
        var signers = new ArrayList<SigningKey>();
        for (StoredKey k : keys) {
            publicKeys.add(parse(k.publicJwk()));
            // Only keys that sign now or later are decrypted; a retired one is needed only to verify.
            if (k.status(now) != KeyStatus.RETIRED) signers.add(signer(k));
        }
        JWKSet set = new JWKSet(publicKeys);
        return new IssuerKeys(List.copyOf(signers), set, set.toString(true));
    }

    private SigningKey signer(StoredKey k) {
        JWK privateKey = parse(masterKey.decrypt(k.privateJwkEncrypted(), k.kid()));
        JWSAlgorithm algorithm = jwsAlgorithm(k.algorithm());
        try {
            JWSSigner signer = switch (k.algorithm()) {
                // An RSA signature takes most of a millisecond: off the request's virtual thread.
                case RS256 -> new OffloadedSigner(new RSASSASigner(privateKey.toRSAKey()));
                case ES256 -> new ECDSASigner(privateKey.toECKey());
                case EdDSA -> new EdDsaSigner(privateKey.toOctetKeyPair());
            };
            return new SigningKey(k.kid(), algorithm, signer, k.activatesAt(), k.retiresAt());
        } catch (JOSEException e) {
            throw new IllegalStateException("stored signing key " + k.kid() + " is unusable", e);
        }
    }

    private static JWSAlgorithm jwsAlgorithm(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256 -> JWSAlgorithm.RS256;
            case ES256 -> JWSAlgorithm.ES256;
            case EdDSA -> JWSAlgorithm.EdDSA;
        };
    }

    private static JWK newJwk(SigningAlgorithm algorithm, String kid) {
        try {
            return switch (algorithm) {
                case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).generate();
                case EdDSA -> Ed25519Keys.generate(kid);
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
