package dev.gatehouse.oauth;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.RefreshTokenStore;
import dev.gatehouse.store.SessionStore;

import java.time.Clock;

/**
 * What ending a sign-in session means for the clients of it: the refresh tokens bound to the session
 * stop working, and back-channel clients are told. The sign-in pages call it for every logout; a new
 * password ends every session of the user through it.
 */
public final class SessionLogout {
    private final Database db;
    private final SessionStore sessions;
    private final RefreshTokenStore refreshTokens;
    private final BackChannelLogout backChannel;
    private final Clock clock;

    public SessionLogout(Database db, SessionStore sessions, RefreshTokenStore refreshTokens,
                         BackChannelLogout backChannel, Clock clock) {
        this.db = db;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.backChannel = backChannel;
        this.clock = clock;
    }

    public void sessionEnded(String tenantId, String userId, String sid) {
        refreshTokens.revokeSession(sid, clock.instant());
        backChannel.sessionEnded(tenantId, userId, sid);
    }

    /**
     * Signs a user out everywhere, as a new password must (RFC 9700 §4.14.2 names a password change
     * among the events on which refresh tokens may be revoked): every session ends, every refresh token
     * of the user is revoked, whatever session it came from (the password grant's have none), and
     * back-channel clients of each session are told once the caller's transaction has committed.
     */
    public void userSignedOutEverywhere(String tenantId, String userId) {
        refreshTokens.revokeUser(userId, clock.instant());
        for (String sid : sessions.deleteUser(userId)) {
            db.afterCommit(() -> backChannel.sessionEnded(tenantId, userId, sid));
        }
    }
}
