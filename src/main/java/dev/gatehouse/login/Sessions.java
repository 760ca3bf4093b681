package dev.gatehouse.login;

import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.UriRules;
import dev.gatehouse.store.SessionStore;
import dev.gatehouse.store.SessionStore.StoredSession;
import io.javalin.http.Context;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Server-side browser sessions. The cookie holds only a random 256-bit value; the database holds its
 * keyed hash, so a copy of the table opens no session. The cookie is HttpOnly, SameSite=Lax, and
 * Secure (with the {@code __Host-} prefix) unless Gatehouse is served over plain http on localhost.
 * Signing in replaces the session by a new one (new cookie value, new sid, new CSRF token), so a
 * session planted before sign-in is worthless after it.
 */
public final class Sessions {
    /** How long a sign-in that has not finished is kept. */
    static final Duration ANONYMOUS_LIFETIME = Duration.ofMinutes(30);
    /** How long a signed-in session lasts, from sign-in (absolute, never extended). */
    static final Duration SIGNED_IN_LIFETIME = Duration.ofHours(8);

    private final SessionStore store;
    private final SecretHasher hasher;
    private final Clock clock;
    private final boolean secure;
    private final String cookieName;

    public Sessions(SessionStore store, SecretHasher hasher, Clock clock, String baseUrl) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        URI base = URI.create(baseUrl);
        this.secure = !("http".equalsIgnoreCase(base.getScheme()) && UriRules.isLoopback(base.getHost()));
        this.cookieName = secure ? "__Host-gatehouse_session" : "gatehouse_session";
    }

    String cookieName() {
        return cookieName;
    }

    /** The browser's session, if it has a live one. */
    Optional<StoredSession> current(Context ctx) {
        String value = ctx.cookie(cookieName);
        if (value == null || value.isEmpty() || value.length() > 100) return Optional.empty();
        return store.find(hasher.hash(value), clock.instant());
    }

    /** The browser's session, or a new anonymous one (sent as a cookie). */
    StoredSession currentOrNew(Context ctx) {
        return current(ctx).orElseGet(() -> {
            Instant now = clock.instant();
            String value = RandomValues.secret();
            var s = new StoredSession(hasher.hash(value), RandomValues.secret(), RandomValues.secret(), null, null,
                    null, null, now, now.plus(ANONYMOUS_LIFETIME));
            store.insert(s);
            setCookie(ctx, value);
            return s;
        });
    }

    /** Replaces the session by a signed-in one for this user, keeping what is pending. */
    StoredSession signIn(Context ctx, StoredSession old, String tenantId, String userId) {
        Instant now = clock.instant();
        String value = RandomValues.secret();
        var s = new StoredSession(hasher.hash(value), RandomValues.secret(), RandomValues.secret(), tenantId, userId,
                now, old.pending(), now, now.plus(SIGNED_IN_LIFETIME));
        store.replace(old.idHash(), s);
        setCookie(ctx, value);
        return s;
    }

    StoredSession withPending(StoredSession s, String pending) {
        store.updatePending(s.idHash(), pending);
        return new StoredSession(s.idHash(), s.sid(), s.csrfToken(), s.tenantId(), s.userId(), s.authTime(), pending,
                s.created(), s.expiresAt());
    }

    void end(Context ctx, StoredSession s) {
        store.delete(s.idHash());
        ctx.header("Set-Cookie", cookieName + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** Synchronizer-token check: the form's token equals the session's, compared in constant time. */
    static boolean csrfMatches(StoredSession s, String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private void setCookie(Context ctx, String value) {
        ctx.header("Set-Cookie", cookieName + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }
}
