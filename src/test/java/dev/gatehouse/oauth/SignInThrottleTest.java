package dev.gatehouse.oauth;

import dev.gatehouse.crypto.MasterKey;
import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.SignInFailureStore;
import dev.gatehouse.testing.MutableClock;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3: failed sign-ins are throttled per account and per client address, for the lock-out period. */
class SignInThrottleTest {
    static final TenantSettings THREE_IN_FIVE_MINUTES = new TenantSettings(SigningAlgorithm.RS256, false, 3, 300);
    Database db;
    MutableClock clock;
    SignInThrottle throttle;

    @BeforeEach
    void setUp() {
        db = TestDatabase.openH2();
        clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
        var hasher = new SecretHasher(MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[32])),
                Path.of("unused")));
        throttle = new SignInThrottle(new SignInFailureStore(db), hasher, clock, 5);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void theAccountLocksAtItsLimitForTheLockoutPeriod() {
        assertThat(throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "ann@example.com", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "ANN@example.com", "10.0.0.2")).isEmpty();
        assertThat(throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "ann@example.com", "10.0.0.3"))
                .contains(Instant.parse("2026-11-23T12:05:00Z"));
        assertThat(throttle.lockedUntil("t1", "ann@example.com", "10.0.0.9")).contains(Instant.parse("2026-11-23T12:05:00Z"));
        assertThat(throttle.lockedUntil("t2", "ann@example.com", "10.0.0.9")).as("another tenant's account").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.lockedUntil("t1", "ann@example.com", "10.0.0.9")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountsCount() {
        throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "bob@example.com", "10.0.0.1");
        throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "bob@example.com", "10.0.0.1");
        throttle.succeeded("t1", "bob@example.com");
        assertThat(throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "bob@example.com", "10.0.0.1")).isEmpty();
    }

    @Test
    void oneAddressLocksAfterTheInstallationsLimitAcrossAccounts() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "user" + i + "@example.com", "10.9.9.9")).isEmpty();
        }
        assertThat(throttle.failed(THREE_IN_FIVE_MINUTES, "t1", "user4@example.com", "10.9.9.9")).isPresent();
        assertThat(throttle.lockedUntil("t1", "fresh@example.com", "10.9.9.9")).isPresent();
        assertThat(throttle.lockedUntil("t1", "fresh@example.com", "10.9.9.8")).isEmpty();
    }
}
