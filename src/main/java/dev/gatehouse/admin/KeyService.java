package dev.gatehouse.admin;

import dev.gatehouse.crypto.KeyRotation;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.SigningKeyStore;
import dev.gatehouse.store.SigningKeyStore.StoredKey;
import dev.gatehouse.store.TenantStore;
import dev.gatehouse.store.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issuers' signing keys as administrators see them: listed, rotated on demand, and rotated on schedule
 * by a background task; every rotation is audited in its transaction.
 */
public final class KeyService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyService.class);
    /** How often each node looks for keys due for rotation; a rotation it finds waits the lead time anyway. */
    static final Duration CHECK_INTERVAL = Duration.ofMinutes(10);
    private static final Actor SCHEDULE = Actor.system("key-rotation");

    private final Database db;
    private final SigningKeyStore keys;
    private final KeyRotation rotation;
    private final TenantStore tenants;
    private final AuditLog audit;
    private final Clock clock;
    private volatile PeriodicTask scheduler;

    public KeyService(Database db, SigningKeyStore keys, KeyRotation rotation, TenantStore tenants, AuditLog audit,
                      Clock clock) {
        this.db = db;
        this.keys = keys;
        this.rotation = rotation;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tenant's published keys: next, current and retired, newest activation first. */
    public List<StoredKey> list(Tenant tenant) {
        return keys.published(tenant.id(), clock.instant());
    }

    /** Rotates to a new key of the tenant's signing algorithm. */
    public StoredKey rotate(Tenant tenant, boolean immediate, Actor actor) {
        return db.inTransaction(() -> {
            // The algorithm is read under the tenant's lock so that a settings change in flight is not undone.
            Tenant locked = tenants.byIdForUpdate(tenant.id())
                    .orElseThrow(() -> new NotFoundException("no tenant '" + tenant.name() + "'"));
            return rotate(locked.id(), locked.settings().signingAlgorithm(), immediate, actor);
        });
    }

    /** Rotates inside the caller's transaction and records it there. */
    StoredKey rotate(String tenantId, SigningAlgorithm algorithm, boolean immediate, Actor actor) {
        StoredKey key = rotation.rotate(tenantId, algorithm, immediate);
        record(actor, key, immediate);
        return key;
    }

    /** Rotates every issuer whose key is due, and forgets expired keys; returns how many issuers rotated. */
    public int rotateDue() {
        int rotated = 0;
        for (String issuer : rotation.candidates()) {
            try {
                Optional<StoredKey> key = db.inTransaction(() -> {
                    var k = rotation.rotateIfDue(issuer);
                    k.ifPresent(newKey -> record(SCHEDULE, newKey, false));
                    return k;
                });
                if (key.isPresent()) {
                    rotated++;
                    log.info("rotated the signing key of {} on schedule: {} signs from {}",
                            issuer == null ? "the installation" : "tenant " + issuer, key.get().kid(),
                            key.get().activatesAt());
                }
            } catch (RuntimeException e) {
                log.warn("scheduled key rotation of {} failed; retrying at the next check: {}",
                        issuer == null ? "the installation" : "tenant " + issuer, e.getMessage());
            }
        }
        rotation.deleteExpired();
        return rotated;
    }

    /** Checks for due keys now and every {@link #CHECK_INTERVAL} on a virtual thread, until {@link #close()}. */
    public void start() {
        scheduler = PeriodicTask.start("gatehouse-key-rotation", CHECK_INTERVAL, true, this::rotateDue);
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.close();
    }

    private void record(Actor actor, StoredKey key, boolean immediate) {
        audit.record(actor, key.tenantId(), "key.rotated", "key", key.kid(), Map.of("algorithm",
                key.algorithm().name(), "immediate", immediate, "activatesAt", key.activatesAt().toString()));
    }
}
