package dev.gatehouse.oauth;

import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.User;
import dev.gatehouse.store.SignInFailureStore;
import dev.gatehouse.store.SignInFailureStore.Failures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Throttles failed sign-ins, per account (tenant and email) with the tenant's
 * {@code signInMaxFailures}/{@code signInLockoutSeconds}, and per client IP with the installation's
 * {@code GATEHOUSE_SIGNIN_IP_MAX_FAILURES} over the same period. Failures within one lockout period of each other
 * count together; reaching the limit locks the key for the lockout period. The counts live in the
 * database, so every node sees them; keys are hashed, so the table names no email or address.
 * Both ways of presenting a password use it: the sign-in pages and the password grant.
 */
public final class SignInThrottle {
    private final SignInFailureStore store;
    private final SecretHasher hasher;
    private final Clock clock;
    /** Failed sign-ins from one client IP, across accounts, before it is locked out. */
    private final int ipMaxFailures;

    public SignInThrottle(SignInFailureStore store, SecretHasher hasher, Clock clock, int ipMaxFailures) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.ipMaxFailures = ipMaxFailures;
    }

    /** Until when this account or this address may not try, if it is locked now. */
    public Optional<Instant> lockedUntil(String tenantId, String email, String ip) {
        Instant now = clock.instant();
        Instant a = locked(accountKey(tenantId, email), now);
        Instant b = locked(ipKey(ip), now);
        if (a == null) return Optional.ofNullable(b);
        if (b == null) return Optional.of(a);
        return Optional.of(a.isAfter(b) ? a : b);
    }

    /** Counts a failure; returns until when a key is now locked, if this failure locked one. */
    public Optional<Instant> failed(TenantSettings settings, String tenantId, String email, String ip) {
        Instant now = clock.instant();
        Duration lockout = Duration.ofSeconds(settings.signInLockoutSeconds());
        Instant a = count(accountKey(tenantId, email), settings.signInMaxFailures(), lockout, now);
        Instant b = count(ipKey(ip), ipMaxFailures, lockout, now);
        if (a == null) return Optional.ofNullable(b);
        if (b == null) return Optional.of(a);
        return Optional.of(a.isAfter(b) ? a : b);
    }

    public void succeeded(String tenantId, String email) {
        store.delete(accountKey(tenantId, email));
    }

    private Instant locked(String key, Instant now) {
        return store.find(key).map(Failures::lockedUntil).filter(until -> until.isAfter(now)).orElse(null);
    }

    private Instant count(String key, int max, Duration period, Instant now) {
        var previous = store.find(key);
        int count = 1;
        if (previous.isPresent()) {
            Failures f = previous.get();
            boolean lockOver = f.lockedUntil() != null && !f.lockedUntil().isAfter(now);
            boolean recent = f.lastFailure().plus(period).isAfter(now);
            if (recent && !lockOver) count = f.count() + 1;
        }
        Instant lockedUntil = count >= Math.max(1, max) ? now.plus(period) : null;
        store.save(key, new Failures(lockedUntil == null ? count : 0, now, lockedUntil));
        return lockedUntil;
    }

    private String accountKey(String tenantId, String email) {
        return hasher.hash("signin-account:" + (tenantId == null ? "*" : tenantId) + ":" + User.normalizeEmail(email));
    }

    private String ipKey(String ip) {
        return hasher.hash("signin-ip:" + ip);
    }
}
