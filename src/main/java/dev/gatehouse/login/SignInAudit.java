package dev.gatehouse.login;

import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.store.AuditStore;

import java.time.Clock;

/**
 * Sign-in events in the tenant's audit log: who signed in or out or failed to, when, from which address,
 * for which client. Only for accounts that exist: what was typed into the email field of an unknown
 * account is never stored (people type passwords there).
 */
final class SignInAudit {
    private final AuditStore store;
    private final Clock clock;

    SignInAudit(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void signedIn(String tenantId, String userId, String ip, String clientId) {
        append(tenantId, userId, ip, "user.signed_in", clientId == null ? null : "{\"clientId\":\"" + clientId + "\"}");
    }

    void signedOut(String tenantId, String userId, String ip) {
        append(tenantId, userId, ip, "user.signed_out", null);
    }

    void failed(String tenantId, String userId, String ip, boolean lockedOut) {
        append(tenantId, userId, ip, lockedOut ? "user.locked_out" : "user.sign_in_failed", null);
    }

    private void append(String tenantId, String userId, String ip, String action, String details) {
        store.append(new AuditEvent(0, tenantId, clock.instant(), userId, Actor.USER, action, "user", userId, ip, details));
    }
}
