package dev.gatehouse.crypto;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.gatehouse.config.Settings;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.KeyStatus;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §3 keys: rotated on schedule and on demand; the JWKS shows the next key before it signs and keeps
 * the previous key until every token it signed has expired. Time is moved by hand.
 */
class KeyRotationTest {
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration LEAD = Duration.ofHours(1);
    private static final Duration INTERVAL = Duration.ofDays(90);
    private static final Duration YEAR_AND_SKEW = Duration.ofSeconds(31_536_000 + 30);
    private static final MasterKey MASTER =
            MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), Path.of("unused"));

    private static Database db;
    private static TenantStore tenants;
    private static SigningKeyStore store;
    private final MutableClock clock = new MutableClock(START);
    private final SigningKeys keys = new SigningKeys(store, MASTER, new ChangeFeed(db, clock), clock);
    private final KeyRotation rotation = rotation(keys);

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

    /** A node's view: its own cache over the shared database. */
    private KeyRotation rotation(SigningKeys nodeKeys) {
        return new KeyRotation(db, store, nodeKeys, new Settings.KeySchedule(INTERVAL, LEAD), clock);
    }

    private static String newTenant() {
        String id = RandomValues.uuid();
        tenants.insert(new Tenant(id, "t-" + id.substring(0, 8), "Tenant", true, TenantSettings.defaults(),
                START, START));
        return id;
    }

    private List<String> jwks(String tenant) {
        return keys.forIssuer(tenant).publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private String signingKid(String tenant) {
        return keys.active(tenant).orElseThrow().kid();
    }

    private StoredKey row(String tenant, String kid) {
        return store.published(tenant, clock.instant()).stream().filter(k -> k.kid().equals(kid)).findFirst()
                .orElseThrow(() -> new AssertionError(kid + " is not published"));
    }

    @Test
    void aRotationPublishesTheNextKeyAtOnceAndItSignsAfterTheLeadTime() {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        clock.advance(Duration.ofMinutes(5));
        StoredKey next = rotation.rotate(tenant, SigningAlgorithm.ES256, false);

        assertThat(next.created()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(next.activatesAt()).isEqualTo(next.created().plus(LEAD));
        assertThat(next.retiresAt()).isNull();
        assertThat(next.expiresAt()).isNull();
        assertThat(next.status(clock.instant())).isEqualTo(KeyStatus.NEXT);
        assertThat(jwks(tenant)).containsExactly(next.kid(), first.kid());
        assertThat(signingKid(tenant)).isEqualTo(first.kid());
        StoredKey current = row(tenant, first.kid());
        assertThat(current.status(clock.instant())).isEqualTo(KeyStatus.CURRENT);
        assertThat(current.retiresAt()).isEqualTo(next.activatesAt());
        assertThat(current.expiresAt()).isEqualTo(next.activatesAt().plus(YEAR_AND_SKEW));

        clock.advance(LEAD.minusMillis(1));
        assertThat(signingKid(tenant)).isEqualTo(first.kid());
        clock.advance(Duration.ofMillis(1));
        // The cached entry switches by itself at the activation time: no reload, no database.
        assertThat(signingKid(tenant)).isEqualTo(next.kid());
        assertThat(jwks(tenant)).containsExactly(next.kid(), first.kid());
        assertThat(row(tenant, first.kid()).status(clock.instant())).isEqualTo(KeyStatus.RETIRED);
    }

    @Test
    void aRetiredKeyStaysPublishedUntilTheLongestTokenItSignedHasExpired() {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        StoredKey next = rotation.rotate(tenant, SigningAlgorithm.ES256, false);
        Instant expiry = next.activatesAt().plus(YEAR_AND_SKEW);

        clock.set(expiry.minusMillis(1));
        keys.invalidate(tenant);
        assertThat(jwks(tenant)).containsExactly(next.kid(), first.kid());
        clock.set(expiry);
        keys.invalidate(tenant);
        assertThat(jwks(tenant)).containsExactly(next.kid());
        assertThat(signingKid(tenant)).isEqualTo(next.kid());
    }

    @Test
    void anImmediateRotationSignsAtOnceAndKeepsTheOldKeyForVerification() throws Exception {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        var oldSigner = keys.active(tenant).orElseThrow();
        var signedBefore = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(first.kid()).build(),
                new Payload("before"));
        signedBefore.sign(oldSigner.signer());
        clock.advance(Duration.ofMinutes(1));

        StoredKey fresh = rotation.rotate(tenant, SigningAlgorithm.ES256, true);
        assertThat(fresh.activatesAt()).isEqualTo(clock.instant());
        assertThat(fresh.status(clock.instant())).isEqualTo(KeyStatus.CURRENT);
        assertThat(signingKid(tenant)).isEqualTo(fresh.kid());
        StoredKey old = row(tenant, first.kid());
        assertThat(old.status(clock.instant())).isEqualTo(KeyStatus.RETIRED);
        assertThat(old.retiresAt()).isEqualTo(clock.instant());
        assertThat(old.expiresAt()).isEqualTo(clock.instant().plus(YEAR_AND_SKEW));
        var published = keys.forIssuer(tenant).publicKeys().getKeyByKeyId(first.kid()).toECKey();
        assertThat(signedBefore.verify(new ECDSAVerifier(published))).isTrue();
    }

    @Test
    void rotatingAgainWhileANextKeyWaitsReplacesItSinceItNeverSigned() {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        StoredKey waiting = rotation.rotate(tenant, SigningAlgorithm.ES256, false);
        clock.advance(Duration.ofMinutes(30));
        StoredKey replacement = rotation.rotate(tenant, SigningAlgorithm.ES256, false);

        assertThat(jwks(tenant)).containsExactly(replacement.kid(), first.kid());
        assertThat(store.published(tenant, clock.instant())).extracting(StoredKey::kid).doesNotContain(waiting.kid());
        assertThat(replacement.activatesAt()).isEqualTo(clock.instant().plus(LEAD));
        assertThat(row(tenant, first.kid()).retiresAt()).isEqualTo(replacement.activatesAt());
        assertThat(signingKid(tenant)).isEqualTo(first.kid());

        StoredKey emergency = rotation.rotate(tenant, SigningAlgorithm.ES256, true);
        assertThat(jwks(tenant)).containsExactly(emergency.kid(), first.kid());
        assertThat(signingKid(tenant)).isEqualTo(emergency.kid());
    }

    @Test
    void aRotationToAnotherAlgorithmPublishesAKeyOfThatAlgorithm() throws Exception {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.RS256);
        StoredKey eddsa = rotation.rotate(tenant, SigningAlgorithm.EdDSA, false);
        assertThat(eddsa.algorithm()).isEqualTo(SigningAlgorithm.EdDSA);
        assertThat(keys.forIssuer(tenant).algorithms()).containsExactly("EdDSA", "RS256");
        assertThat(keys.active(tenant).orElseThrow().algorithm()).isEqualTo(JWSAlgorithm.RS256);

        clock.advance(LEAD);
        var signer = keys.active(tenant).orElseThrow();
        assertThat(signer.kid()).isEqualTo(eddsa.kid());
        assertThat(signer.algorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(signer.kid()).build(), new Payload("x"));
        jws.sign(signer.signer());
        var published = (OctetKeyPair) keys.forIssuer(tenant).publicKeys().getKeyByKeyId(eddsa.kid());
        assertThat(jws.verify(new EdDsaVerifier(published))).isTrue();
        assertThat(jwks(tenant)).containsExactly(eddsa.kid(), first.kid());
    }

    @Test
    void anIssuerWithNoSigningKeyGetsOneThatSignsAtOnce() {
        String tenant = newTenant();
        StoredKey key = rotation.rotate(tenant, SigningAlgorithm.ES256, false);
        assertThat(key.activatesAt()).isEqualTo(clock.instant());
        assertThat(signingKid(tenant)).isEqualTo(key.kid());
    }

    @Test
    void theInstallationIssuerRotatesLikeATenant() {
        var installation = rotation.rotate(null, SigningAlgorithm.ES256, true);
        assertThat(installation.tenantId()).isNull();
        assertThat(keys.active(null).orElseThrow().kid()).isEqualTo(installation.kid());
    }

    @Test
    void rotationsOnDemandStopAtTwentyPublishedKeysNotCountingAWaitingOne() {
        String tenant = newTenant();
        keys.create(tenant, SigningAlgorithm.ES256);
        for (int i = 1; i < KeyRotation.MAX_PUBLISHED - 1; i++) {
            clock.advance(Duration.ofSeconds(1));
            rotation.rotate(tenant, SigningAlgorithm.ES256, true);
        }
        assertThat(jwks(tenant)).hasSize(19);
        rotation.rotate(tenant, SigningAlgorithm.ES256, false);
        assertThat(jwks(tenant)).hasSize(20);
        // the waiting key is replaced, so it does not count
        rotation.rotate(tenant, SigningAlgorithm.ES256, false);
        assertThat(jwks(tenant)).hasSize(20);

        clock.advance(LEAD);
        Instant oldestExpiry = store.published(tenant, clock.instant()).getLast().expiresAt();
        assertThatThrownBy(() -> rotation.rotate(tenant, SigningAlgorithm.ES256, true))
                .isInstanceOf(ConflictException.class)
                .hasMessage("The issuer already publishes 20 keys, the most it may. A retired key stays published until"
                        + " every token it signed has expired; the next leaves the JWKS at " + oldestExpiry + ".");
        assertThat(jwks(tenant)).hasSize(20);

        clock.set(oldestExpiry);
        keys.invalidate(tenant);
        assertThat(jwks(tenant)).hasSize(19);
        assertThat(rotation.rotate(tenant, SigningAlgorithm.ES256, true).status(clock.instant()))
                .isEqualTo(KeyStatus.CURRENT);
    }

    @Test
    void aScheduledRotationWaitsForTheIntervalAndForTheNextKeyToSign() {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(rotation.rotateIfDue(tenant)).isEmpty();
        assertThat(rotation.candidates()).doesNotContain(tenant);

        clock.advance(Duration.ofSeconds(1));
        assertThat(rotation.candidates()).contains(tenant);
        StoredKey next = rotation.rotateIfDue(tenant).orElseThrow();
        assertThat(next.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(next.activatesAt()).isEqualTo(clock.instant().plus(LEAD));
        assertThat(jwks(tenant)).containsExactly(next.kid(), first.kid());
        assertThat(rotation.rotateIfDue(tenant)).as("a next key already waits").isEmpty();
        assertThat(rotation.candidates()).doesNotContain(tenant);

        clock.advance(LEAD);
        assertThat(rotation.rotateIfDue(tenant)).as("the new key has only begun to sign").isEmpty();
        clock.advance(INTERVAL);
        assertThat(rotation.rotateIfDue(tenant)).isPresent();
    }

    @Test
    void aScheduledRotationKeepsTheAlgorithmTheIssuerSignsWith() {
        String tenant = newTenant();
        keys.create(tenant, SigningAlgorithm.EdDSA);
        clock.advance(INTERVAL);
        assertThat(rotation.rotateIfDue(tenant).orElseThrow().algorithm()).isEqualTo(SigningAlgorithm.EdDSA);
    }

    @Test
    void anIntervalOfZeroTurnsScheduledRotationOff() {
        String tenant = newTenant();
        keys.create(tenant, SigningAlgorithm.ES256);
        var off = new KeyRotation(db, store, keys, new Settings.KeySchedule(Duration.ZERO, LEAD), clock);
        clock.advance(Duration.ofDays(3650));
        assertThat(off.candidates()).isEmpty();
        assertThat(off.rotateIfDue(tenant)).isEmpty();
        assertThat(off.rotate(tenant, SigningAlgorithm.ES256, false).status(clock.instant())).isEqualTo(KeyStatus.NEXT);
    }

    @Test
    void twoNodesRotatingOnScheduleAtOnceRotateOnce() throws Exception {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        clock.advance(INTERVAL);
        var nodeA = rotation(new SigningKeys(store, MASTER, new ChangeFeed(db, clock), clock));
        var nodeB = rotation(new SigningKeys(store, MASTER, new ChangeFeed(db, clock), clock));
        var barrier = new CyclicBarrier(2);
        try (var pool = Executors.newFixedThreadPool(2)) {
            Callable<Optional<StoredKey>> a = () -> {
                barrier.await();
                return nodeA.rotateIfDue(tenant);
            };
            Callable<Optional<StoredKey>> b = () -> {
                barrier.await();
                return nodeB.rotateIfDue(tenant);
            };
            var results = pool.invokeAll(List.of(a, b));
            long rotated = 0;
            for (var r : results) rotated += r.get().isPresent() ? 1 : 0;
            assertThat(rotated).isEqualTo(1);
        }
        keys.invalidate(tenant);
        assertThat(jwks(tenant)).hasSize(2).contains(first.kid());
    }

    @Test
    void twoRotationsOnDemandAtOnceLeaveOneCurrentAndOneNextKey() throws Exception {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        var barrier = new CyclicBarrier(2);
        try (var pool = Executors.newFixedThreadPool(2)) {
            Callable<StoredKey> rotate = () -> {
                barrier.await();
                return rotation.rotate(tenant, SigningAlgorithm.ES256, false);
            };
            for (var r : pool.invokeAll(List.of(rotate, rotate))) r.get();
        }
        var published = store.published(tenant, clock.instant());
        assertThat(published).extracting(k -> k.status(clock.instant()))
                .containsExactly(KeyStatus.NEXT, KeyStatus.CURRENT);
        assertThat(published.getLast().kid()).isEqualTo(first.kid());
        assertThat(published.getLast().retiresAt()).isEqualTo(published.getFirst().activatesAt());
    }

    @Test
    void expiredKeysAreDeleted() {
        String tenant = newTenant();
        StoredKey first = keys.create(tenant, SigningAlgorithm.ES256);
        StoredKey second = rotation.rotate(tenant, SigningAlgorithm.ES256, true);
        clock.advance(YEAR_AND_SKEW.minusMillis(1));
        rotation.deleteExpired();
        assertThat(db.count("SELECT COUNT(*) FROM signing_keys WHERE kid = ?", first.kid())).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(rotation.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM signing_keys WHERE kid = ?", first.kid())).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM signing_keys WHERE kid = ?", second.kid())).isEqualTo(1);
    }
}
