package dev.gatehouse.domain;

import java.time.Instant;

/**
 * One secret of a client. Only a keyed hash of the value is kept; {@code valueDisplay} is its
 * first three characters so people can tell secrets apart.
 */
public record ClientSecret(String id, String clientPk, String description, String valueHash,
                           String valueDisplay, Instant startTime, Instant expiration, Instant created) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiration);
    }

    /** Inside its validity window: started and not yet expired. */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(startTime) && now.isBefore(expiration);
    }
}
