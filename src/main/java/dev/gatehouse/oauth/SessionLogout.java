package dev.gatehouse.oauth;

import dev.gatehouse.store.RefreshTokenStore;

import java.time.Clock;

/**
 * What ending a sign-in session means for the clients of it: the refresh tokens bound to the session
 * stop working, and back-channel clients are told. The sign-in pages call it for every logout.
 */
public final class SessionLogout {
    private final RefreshTokenStore refreshTokens;
    private final BackChannelLogout backChannel;
    private final Clock clock;

    public SessionLogout(RefreshTokenStore refreshTokens, BackChannelLogout backChannel, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.backChannel = backChannel;
        this.clock = clock;
    }

    public void sessionEnded(String tenantId, String userId, String sid) {
        refreshTokens.revokeSession(sid, clock.instant());
        backChannel.sessionEnded(tenantId, userId, sid);
    }
}
