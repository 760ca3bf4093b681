package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 token endpoint and §4 secrets: a secret is accepted from startTime up to, not including, expiration. */
class ClientSecretTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRATION = Instant.parse("2026-07-01T00:00:00Z");
    private static final ClientSecret SECRET =
            new ClientSecret("s1", "pk", null, "hash", "abc", START, EXPIRATION, START);

    @Test
    void notValidBeforeItsStartTime() {
        assertThat(SECRET.isValidAt(START.minusMillis(1))).isFalse();
        assertThat(SECRET.isExpired(START.minusMillis(1))).isFalse();
    }

    @Test
    void validFromExactlyItsStartTime() {
        assertThat(SECRET.isValidAt(START)).isTrue();
        assertThat(SECRET.isExpired(START)).isFalse();
    }

    @Test
    void validUpToJustBeforeItsExpiration() {
        assertThat(SECRET.isValidAt(EXPIRATION.minusNanos(1))).isTrue();
        assertThat(SECRET.isExpired(EXPIRATION.minusNanos(1))).isFalse();
    }

    @Test
    void expiredFromExactlyItsExpiration() {
        assertThat(SECRET.isValidAt(EXPIRATION)).isFalse();
        assertThat(SECRET.isExpired(EXPIRATION)).isTrue();
    }

    @Test
    void expiredAfterItsExpiration() {
        assertThat(SECRET.isValidAt(EXPIRATION.plusSeconds(86_400))).isFalse();
        assertThat(SECRET.isExpired(EXPIRATION.plusSeconds(86_400))).isTrue();
    }
}
