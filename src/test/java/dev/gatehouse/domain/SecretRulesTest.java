package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** SPEC §4 secrets: startTime defaults to now, expiration to six calendar months, 1 day to 3 years after start. */
class SecretRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-15T12:34:56.789Z");

    @Test
    void withNothingGivenTheSecretStartsNowAndExpiresSixCalendarMonthsLater() {
        var w = SecretRules.window(NOW, null, null);
        assertThat(w.startTime()).isEqualTo(NOW);
        assertThat(w.expiration()).isEqualTo(Instant.parse("2026-07-15T12:34:56.789Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "2025-08-31T10:00:00Z, 2026-02-28T10:00:00Z",
            "2023-08-31T10:00:00Z, 2024-02-29T10:00:00Z",
            "2025-08-29T00:00:00Z, 2026-02-28T00:00:00Z",
            "2025-12-31T23:59:59Z, 2026-06-30T23:59:59Z",
            "2026-03-31T00:00:00Z, 2026-09-30T00:00:00Z",
            "2026-02-28T08:00:00Z, 2026-08-28T08:00:00Z"})
    void theDefaultExpirationClampsToTheLastDayOfAShorterMonth(Instant now, Instant expected) {
        assertThat(SecretRules.window(now, null, null).expiration()).isEqualTo(expected);
    }

    @Test
    void theDefaultExpirationCountsFromCreationNotFromAGivenStartTime() {
        Instant start = NOW.minus(Duration.ofDays(10));
        var w = SecretRules.window(NOW, start, null);
        assertThat(w.startTime()).isEqualTo(start);
        assertThat(w.expiration()).isEqualTo(Instant.parse("2026-07-15T12:34:56.789Z"));
    }

    @Test
    void givenTimesAreKept() {
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        Instant end = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(SecretRules.window(NOW, start, end)).isEqualTo(new SecretRules.Window(start, end));
    }

    @Test
    void expirationExactlyOneDayAfterStartIsAccepted() {
        Instant end = NOW.plus(Duration.ofDays(1));
        assertThat(SecretRules.window(NOW, null, end).expiration()).isEqualTo(end);
    }

    @Test
    void expirationLessThanOneDayAfterStartIsRefused() {
        assertThatThrownBy(() -> SecretRules.window(NOW, null, NOW.plus(Duration.ofDays(1)).minusMillis(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(entry("expiration", List.of("must be at least one day after startTime"))));
    }

    @Test
    void expirationBeforeStartIsRefused() {
        Instant start = NOW.plus(Duration.ofDays(30));
        assertThatThrownBy(() -> SecretRules.window(NOW, start, NOW.plus(Duration.ofDays(2))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(entry("expiration", List.of("must be at least one day after startTime"))));
    }

    @Test
    void expirationExactlyThreeCalendarYearsAfterStartIsAccepted() {
        Instant end = Instant.parse("2029-01-15T12:34:56.789Z");
        assertThat(SecretRules.window(NOW, null, end).expiration()).isEqualTo(end);
    }

    @Test
    void expirationMoreThanThreeYearsAfterStartIsRefused() {
        assertThatThrownBy(() -> SecretRules.window(NOW, null, Instant.parse("2029-01-15T12:34:56.790Z")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(entry("expiration", List.of("must be at most three years after startTime"))));
    }

    @Test
    void threeYearsCountFromTheStartTimeNotFromNow() {
        Instant start = NOW.plus(Duration.ofDays(100));
        Instant end = start.plus(Duration.ofDays(3 * 365));
        assertThat(SecretRules.window(NOW, start, end).expiration()).isEqualTo(end);
    }

    @Test
    void anExpirationInThePastIsRefusedEvenWhenTheWindowIsLongEnough() {
        Instant start = NOW.minus(Duration.ofDays(10));
        assertThatThrownBy(() -> SecretRules.window(NOW, start, NOW.minus(Duration.ofDays(2))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(entry("expiration", List.of("must be in the future"))));
    }

    @Test
    void anExpirationOfExactlyNowIsRefused() {
        Instant start = NOW.minus(Duration.ofDays(10));
        assertThatThrownBy(() -> SecretRules.window(NOW, start, NOW))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(entry("expiration", List.of("must be in the future"))));
        assertThat(SecretRules.window(NOW, start, NOW.plusMillis(1)).expiration()).isEqualTo(NOW.plusMillis(1));
    }

    @Test
    void aStartTimeInThePastIsAllowed() {
        Instant start = NOW.minus(Duration.ofDays(400));
        assertThat(SecretRules.window(NOW, start, NOW.plus(Duration.ofDays(1))).startTime()).isEqualTo(start);
    }
}
