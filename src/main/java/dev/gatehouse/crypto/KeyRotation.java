package dev.gatehouse.crypto;

import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.SigningKeys.NewKey;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.KeyStatus;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.SigningKeyStore;
import dev.gatehouse.store.SigningKeyStore.StoredKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replaces issuers' signing keys. A rotation publishes the new key at once and lets it sign only after
 * the lead time (at once when immediate), so relying parties' cached JWKS hold it before they meet it;
 * the key it replaces signs until then and stays published until every token it may have signed has
 * expired. A next key that has not signed yet is simply replaced. Rotations of one issuer are
 * serialised by locking its keys, so a scheduled rotation that several nodes attempt happens once.
 * Each rotation joins the caller's transaction, if there is one.
 */
public final class KeyRotation {
    /**
     * How long a key stays published after it retires: the longest lifetime an access token can have,
     * plus the clock skew the verifier allows after expiry.
     */
    static final Duration RETENTION = Duration.ofSeconds(Client.MAX_LIFETIME).plus(JwtVerifier.CLOCK_SKEW);
    /** Rotations on demand stop here so that the JWKS stays small; scheduled ones never add more than one a period. */
    static final int MAX_PUBLISHED = 20;
    private static final int DELETE_BATCH = 1000;

    private final Database db;
    private final SigningKeyStore store;
    private final SigningKeys keys;
    private final Settings.KeySchedule schedule;
    private final Clock clock;

    public KeyRotation(Database db, SigningKeyStore store, SigningKeys keys, Settings.KeySchedule schedule, Clock clock) {
        this.db = db;
        this.store = store;
        this.keys = keys;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Rotates the issuer (a tenant id, or null for the installation) to a new key of {@code algorithm}. */
    public StoredKey rotate(String tenantId, SigningAlgorithm algorithm, boolean immediate) {
        NewKey key = keys.generate(algorithm); // before the lock: an RSA key takes a moment
        return db.inTransaction(() -> {
            Instant now = clock.instant();
            List<StoredKey> published = locked(tenantId, now);
            List<StoredKey> staying = published.stream().filter(k -> k.status(now) != KeyStatus.NEXT).toList();
            if (staying.size() >= MAX_PUBLISHED) throw full(staying);
            return replace(tenantId, published, key, immediate, now);
        });
    }

    /**
     * Rotates the issuer to a new key of the algorithm it signs with, if its key has signed for the
     * rotation interval and no next key is published. Empty when it was not due, for instance because
     * another node rotated it a moment ago.
     */
    public Optional<StoredKey> rotateIfDue(String tenantId) {
        Instant checked = clock.instant();
        var due = dueKey(store.published(tenantId, checked), checked);
        if (due.isEmpty()) return Optional.empty();
        NewKey key = keys.generate(due.get().algorithm());
        return db.inTransaction(() -> {
            Instant now = clock.instant();
            List<StoredKey> published = locked(tenantId, now);
            var stillDue = dueKey(published, now);
            if (stillDue.isEmpty() || stillDue.get().algorithm() != key.algorithm()) return Optional.empty();
            return Optional.of(replace(tenantId, published, key, false, now));
        });
    }

    /** The issuers whose key may be due, for {@link #rotateIfDue} to decide; none when the schedule is off. */
    public List<String> candidates() {
        if (schedule.rotationInterval().isZero()) return List.of();
        return store.issuersSigningSince(clock.instant().minus(schedule.rotationInterval()));
    }

    /** Forgets keys that are no longer published; returns how many. */
    public int deleteExpired() {
        return store.deleteExpired(clock.instant(), DELETE_BATCH);
    }

    /** Read after taking the lock, so a rotation that committed meanwhile is seen. */
    private List<StoredKey> locked(String tenantId, Instant now) {
        store.lock(tenantId);
        return store.published(tenantId, now);
    }

    private StoredKey replace(String tenantId, List<StoredKey> published, NewKey key, boolean immediate, Instant now) {
        boolean signing = published.stream().anyMatch(k -> k.status(now) == KeyStatus.CURRENT);
        // With no key signing, waiting for the lead time would leave the issuer unable to issue tokens.
        Instant activation = immediate || !signing ? now : now.plus(schedule.leadTime());
        for (StoredKey k : published) {
            switch (k.status(now)) {
                case NEXT -> store.delete(k.kid()); // it never signed, so no token needs it
                case CURRENT -> store.retire(k.kid(), activation, activation.plus(RETENTION));
                case RETIRED -> { }
            }
        }
        StoredKey stored = key.toStore(tenantId, now, activation);
        store.insert(stored);
        keys.invalidate(tenantId);
        return stored;
    }

    /** The key signing now, if it has signed for the rotation interval and no next key is published. */
    private Optional<StoredKey> dueKey(List<StoredKey> published, Instant now) {
        Duration interval = schedule.rotationInterval();
        if (interval.isZero() || published.stream().anyMatch(k -> k.status(now) == KeyStatus.NEXT)) {
            return Optional.empty();
        }
        return published.stream().filter(k -> k.status(now) == KeyStatus.CURRENT).findFirst()
                .filter(k -> !k.activatesAt().plus(interval).isAfter(now));
    }

    private static ConflictException full(List<StoredKey> staying) {
        String next = staying.stream().map(StoredKey::expiresAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).map(at -> "; the next leaves the JWKS at " + at).orElse("");
        return new ConflictException("The issuer already publishes " + MAX_PUBLISHED + " keys, the most it may."
                + " A retired key stays published until every token it signed has expired" + next + ".");
    }
}
