package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A client secret's validity window: it starts at {@code startTime} (default now) and expires at
 * {@code expiration} (default six calendar months after creation), which must lie between one day
 * and three years after the start.
 */
public final class SecretRules {
    public static final int MAX_SECRETS_PER_CLIENT = 20;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    private SecretRules() {}

    public record Window(Instant startTime, Instant expiration) {}

    public static Window window(Instant now, Instant startTime, Instant expiration) {
        Instant start = startTime == null ? now : startTime;
        Instant end = expiration == null ? now.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant() : expiration;
        var errors = new ValidationErrors();
        if (end.isBefore(start.plus(Duration.ofDays(1)))) {
            errors.add("expiration", "must be at least one day after startTime");
        } else if (end.isAfter(start.atOffset(ZoneOffset.UTC).plusYears(3).toInstant())) {
            errors.add("expiration", "must be at most three years after startTime");
        } else if (!end.isAfter(now)) {
            errors.add("expiration", "must be in the future");
        }
        errors.throwIfAny();
        return new Window(start, end);
    }
}
