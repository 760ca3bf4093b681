package dev.gatehouse.crypto;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.SigningKeyStore;
import dev.gatehouse.store.SigningKeyStore.StoredKey;
import dev.gatehouse.store.TenantStore;
import dev.gatehouse.testing.MutableClock;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §3 keys: per issuer, stored encrypted at rest with the master key; JWKS shows the next key before
 * it signs and keeps a retired key until it expires.
 */
class SigningKeysTest {
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final MasterKey MASTER =
            MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), Path.of("unused"));

    private static Database db;
    private static TenantStore tenants;
    private static SigningKeyStore store;
    private final MutableClock clock = new MutableClock(START);

    @BeforeAll
    static void openDatabase() {
        db = TestDatabase.openH2();
        tenants = new TenantStore(db);
        store = new SigningKeyStore(db);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    private SigningKeys keys() {
        return new SigningKeys(store, MASTER, new ChangeFeed(db, clock), clock);
    }

    private static String newTenant() {
        String id = RandomValues.uuid();
        tenants.insert(new Tenant(id, "t-" + id.substring(0, 8), "Tenant", true, TenantSettings.defaults(),
                START, START));
        return id;
    }

    @Test
    void anIssuerWithoutKeysHasNoActiveKeyAndAnEmptyJwks() {
        var issuer = keys().forIssuer(newTenant());
        assertThat(issuer.activeAt(clock.instant())).isEmpty();
        assertThat(issuer.publicKeys().getKeys()).isEmpty();
        assertThat(issuer.jwksJson()).isEqualTo("{\"keys\":[]}");
    }

    @Test
    void aCreatedRs256KeySignsFromNowOn() throws Exception {
        String tenant = newTenant();
        var keys = keys();
        StoredKey stored = keys.create(tenant, SigningAlgorithm.RS256);
        assertThat(stored.tenantId()).isEqualTo(tenant);
        assertThat(stored.algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(stored.created()).isEqualTo(START);
        assertThat(stored.activatesAt()).isEqualTo(START);
        assertThat(stored.retiresAt()).isNull();
        assertThat(stored.expiresAt()).isNull();
        assertThat(stored.kid()).matches("[A-Za-z0-9]{24}");

        var active = keys.active(tenant).orElseThrow();
        assertThat(active.kid()).isEqualTo(stored.kid());
        assertThat(active.algorithm()).isEqualTo(JWSAlgorithm.RS256);
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(active.kid()).build(), new Payload("hi"));
        jws.sign(active.signer());
        var published = keys.forIssuer(tenant).publicKeys().getKeyByKeyId(stored.kid()).toRSAKey();
        assertThat(published.getModulus().decode().length * 8).isEqualTo(2048);
        assertThat(jws.verify(new RSASSAVerifier(published))).isTrue();
    }

    @Test
    void aCreatedEs256KeySignsFromNowOn() throws Exception {
        String tenant = newTenant();
        var keys = keys();
        StoredKey stored = keys.create(tenant, SigningAlgorithm.ES256);
        var active = keys.active(tenant).orElseThrow();
        assertThat(active.kid()).isEqualTo(stored.kid());
        assertThat(active.algorithm()).isEqualTo(JWSAlgorithm.ES256);
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(active.kid()).build(), new Payload("hi"));
        jws.sign(active.signer());
        ECKey published = keys.forIssuer(tenant).publicKeys().getKeyByKeyId(stored.kid()).toECKey();
        assertThat(published.getCurve()).isEqualTo(Curve.P_256);
        assertThat(jws.verify(new ECDSAVerifier(published))).isTrue();
    }

    @Test
    void thePrivateHalfIsStoredEncryptedAndBoundToItsKid() throws Exception {
        String tenant = newTenant();
        StoredKey stored = keys().create(tenant, SigningAlgorithm.ES256);
        StoredKey row = store.published(tenant, START).getFirst();
        assertThat(row.privateJwkEncrypted()).isEqualTo(stored.privateJwkEncrypted()).startsWith("v1:");
        JWK privateKey = JWK.parse(MASTER.decrypt(row.privateJwkEncrypted(), row.kid()));
        assertThat(privateKey.isPrivate()).isTrue();
        assertThat(privateKey.toPublicJWK().toJSONString()).isEqualTo(row.publicJwk());
        assertThat(row.privateJwkEncrypted()).doesNotContain(privateKey.toECKey().getD().toString());
        assertThatThrownBy(() -> MASTER.decrypt(row.privateJwkEncrypted(), "another-kid"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theJwksPublishesOnlyPublicHalvesWithKidUseAndAlg() throws Exception {
        String tenant = newTenant();
        var keys = keys();
        StoredKey stored = keys.create(tenant, SigningAlgorithm.RS256);
        String json = keys.forIssuer(tenant).jwksJson();
        JWKSet parsed = JWKSet.parse(json);
        assertThat(parsed.getKeys()).hasSize(1);
        JWK key = parsed.getKeys().getFirst();
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyID()).isEqualTo(stored.kid());
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(json).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
    }

    @Test
    void eachIssuerHasItsOwnKeys() {
        String a = newTenant();
        String b = newTenant();
        var keys = keys();
        StoredKey keyA = keys.create(a, SigningAlgorithm.ES256);
        StoredKey keyB = keys.create(b, SigningAlgorithm.ES256);
        assertThat(keys.active(a).orElseThrow().kid()).isEqualTo(keyA.kid());
        assertThat(keys.active(b).orElseThrow().kid()).isEqualTo(keyB.kid());
        assertThat(keys.forIssuer(a).publicKeys().getKeyByKeyId(keyB.kid())).isNull();
        assertThat(keys.forIssuer(b).publicKeys().getKeyByKeyId(keyA.kid())).isNull();
        assertThat(keys.forIssuer(null).publicKeys().getKeyByKeyId(keyA.kid())).isNull();
    }

    @Test
    void theInstallationIssuerIsKeyedByNoTenant() {
        var keys = keys();
        StoredKey installation = keys.create(null, SigningAlgorithm.ES256);
        assertThat(installation.tenantId()).isNull();
        assertThat(keys.forIssuer(null).publicKeys().getKeyByKeyId(installation.kid())).isNotNull();
        assertThat(keys.forIssuer(newTenant()).publicKeys().getKeys()).isEmpty();
    }

    @Test
    void aNewerKeyTakesOverSigningAndTheOlderStaysPublished() {
        String tenant = newTenant();
        var keys = keys();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        clock.advance(Duration.ofMinutes(5));
        StoredKey second = keys.create(tenant, SigningAlgorithm.ES256);
        var issuer = keys.forIssuer(tenant);
        assertThat(issuer.activeAt(clock.instant()).orElseThrow().kid()).isEqualTo(second.kid());
        assertThat(issuer.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(second.kid(), first.kid());
    }

    @Test
    void theNextKeyIsPublishedBeforeItSigns() {
        String tenant = newTenant();
        var keys = keys();
        StoredKey current = keys.create(tenant, SigningAlgorithm.ES256);
        StoredKey next = insert(tenant, START.plus(Duration.ofDays(1)), null, null);
        keys.invalidate(tenant);
        var issuer = keys.forIssuer(tenant);
        assertThat(issuer.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(next.kid(), current.kid());
        assertThat(issuer.activeAt(clock.instant()).orElseThrow().kid()).isEqualTo(current.kid());
    }

    @Test
    void aRetiredKeyStaysPublishedButNoLongerSigns() {
        String tenant = newTenant();
        StoredKey retired = insert(tenant, START.minus(Duration.ofDays(30)), START.minusSeconds(1),
                START.plus(Duration.ofDays(1)));
        var issuer = keys().forIssuer(tenant);
        assertThat(issuer.activeAt(clock.instant())).isEmpty();
        assertThat(issuer.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(retired.kid());
    }

    @Test
    void aKeySignsUntilTheMomentItRetires() {
        String tenant = newTenant();
        StoredKey key = insert(tenant, START.minus(Duration.ofDays(30)), START.plusSeconds(1), null);
        assertThat(keys().active(tenant).orElseThrow().kid()).isEqualTo(key.kid());
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys().active(tenant)).isEmpty();
    }

    @Test
    void anExpiredKeyIsNoLongerPublished() {
        String tenant = newTenant();
        insert(tenant, START.minus(Duration.ofDays(30)), START.minus(Duration.ofDays(2)), START);
        var issuer = keys().forIssuer(tenant);
        assertThat(issuer.publicKeys().getKeys()).isEmpty();
        assertThat(issuer.activeAt(clock.instant())).isEmpty();
    }

    @Test
    void keysAddedElsewhereAreSeenAfterInvalidation() {
        String tenant = newTenant();
        var keys = keys();
        assertThat(keys.active(tenant)).isEmpty();
        StoredKey added = insert(tenant, START, null, null); // as another node would
        assertThat(keys.active(tenant)).as("cached").isEmpty();
        keys.invalidate(tenant);
        assertThat(keys.active(tenant).orElseThrow().kid()).isEqualTo(added.kid());
    }

    @Test
    void keysStayCachedWhileTheFeedPollsAndAreReloadedAfterItFellSilent() {
        String tenant = newTenant();
        var feed = new ChangeFeed(db, clock);
        var keys = new SigningKeys(store, MASTER, feed, clock);
        assertThat(keys.active(tenant)).isEmpty();
        StoredKey added = insert(tenant, START, null, null); // written without a change event
        for (int minute = 0; minute < 5; minute++) {
            clock.advance(Duration.ofSeconds(5));
            feed.poll();
            assertThat(keys.active(tenant)).as("kept while the feed works").isEmpty();
        }
        clock.advance(ChangeFeed.UNCHECKED_TTL.plusSeconds(1)); // no poll in this time
        assertThat(keys.active(tenant).orElseThrow().kid()).as("reloaded: the feed may have missed it")
                .isEqualTo(added.kid());
    }

    @Test
    void aKeyEncryptedUnderAnotherMasterKeyCannotSign() {
        String tenant = newTenant();
        keys().create(tenant, SigningAlgorithm.ES256);
        var otherMaster = MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                29, 30, 31, 32})), Path.of("unused"));
        var keys = new SigningKeys(store, otherMaster, new ChangeFeed(db, clock), clock);
        assertThatThrownBy(() -> keys.forIssuer(tenant))
                .hasRootCauseInstanceOf(javax.crypto.AEADBadTagException.class);
    }

    /** Stores an ES256 key the way another node or a rotation would. */
    private static StoredKey insert(String tenantId, Instant activatesAt, Instant retiresAt, Instant expiresAt) {
        try {
            String kid = RandomValues.alphanumeric(24);
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
            var stored = new StoredKey(kid, tenantId, SigningAlgorithm.ES256, key.toPublicJWK().toJSONString(),
                    MASTER.encrypt(key.toJSONString(), kid), activatesAt, activatesAt, retiresAt, expiresAt);
            store.insert(stored);
            return stored;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
