package dev.gatehouse.oauth;

import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.RefreshTokenUsage;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.User;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.RefreshTokenStore;
import dev.gatehouse.store.RefreshTokenStore.StoredRefreshToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Refresh tokens: opaque 256-bit values stored only as a keyed hash. A family starts at the first
 * issuance and keeps its absolute expiry however often it rotates. With {@code OneTimeOnly} every
 * use rotates; a rotated token used again after {@link #REUSE_GRACE} (which absorbs a client's
 * concurrent retries) means it leaked, and the whole family is revoked (RFC 9700 §4.14.2).
 */
public final class RefreshTokens {
    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    static final Duration REUSE_GRACE = Duration.ofSeconds(10);
    private static final int MAX_VALUE_LENGTH = 100;

    /** A redeemed token: the stored grant it carries and the value the client should keep. */
    public record Redeemed(StoredRefreshToken grant, String value) {}

    private final Database db;
    private final RefreshTokenStore store;
    private final SecretHasher hasher;
    private final Clock clock;

    public RefreshTokens(Database db, RefreshTokenStore store, SecretHasher hasher, Clock clock) {
        this.db = db;
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Starts a new family for a user's grant to a client; returns the value, shown only to that client. */
    public String issue(Client client, Tenant tenant, User user, Set<String> scopes, Instant authTime, String sessionId) {
        Instant now = clock.instant();
        String value = RandomValues.secret();
        store.insert(new StoredRefreshToken(RandomValues.uuid(), hasher.hash(value), RandomValues.uuid(), tenant.id(),
                client.pk(), user.id(), sessionId, String.join(" ", scopes), authTime, now,
                now.plusSeconds(client.refreshTokenLifetime()), null, null));
        return value;
    }

    /** Exchanges a presented token of {@code client}: rotates it, or returns it as is for {@code ReUse} clients. */
    public Redeemed redeem(Client client, String presented) {
        StoredRefreshToken token = live(presented)
                .filter(t -> t.clientPk().equals(client.pk()))
                .orElseThrow(() -> OAuthError.invalidGrant("the refresh token is invalid, expired or revoked"));
        if (client.refreshTokenUsage() == RefreshTokenUsage.ReUse) return new Redeemed(token, presented);
        Instant now = clock.instant();
        Optional<Redeemed> rotated = db.inTransaction(() -> {
            boolean first = store.consume(token.id(), now);
            if (!first && token.consumedAt() != null && now.isAfter(token.consumedAt().plus(REUSE_GRACE))) {
                store.revokeFamily(token.familyId(), now); // committed: the answer below must not undo it
                return Optional.<Redeemed>empty();
            }
            String value = RandomValues.secret();
            store.insert(new StoredRefreshToken(RandomValues.uuid(), hasher.hash(value), token.familyId(),
                    token.tenantId(), token.clientPk(), token.userId(), token.sessionId(), token.scope(),
                    token.authTime(), now, token.expiresAt(), null, null));
            return Optional.of(new Redeemed(token, value));
        });
        if (rotated.isEmpty()) {
            log.warn("refresh token reuse detected: grant revoked (client {})", client.clientId());
            throw OAuthError.invalidGrant("the refresh token was already used; its grant is revoked");
        }
        return rotated.get();
    }

    /** A token that is neither revoked nor expired (it may have been rotated), by its value. */
    public Optional<StoredRefreshToken> live(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_VALUE_LENGTH) return Optional.empty();
        Instant now = clock.instant();
        return store.byHash(hasher.hash(presented))
                .filter(t -> t.revokedAt() == null && now.isBefore(t.expiresAt()));
    }

    /** RFC 7009: revoking a refresh token ends its whole grant. Only the client it was issued to may. */
    public void revoke(Client client, String presented) {
        live(presented).filter(t -> t.clientPk().equals(client.pk()))
                .ifPresent(t -> store.revokeFamily(t.familyId(), clock.instant()));
    }
}
