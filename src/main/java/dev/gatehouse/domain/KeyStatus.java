package dev.gatehouse.domain;

import java.time.Instant;

/**
 * Where a signing key stands at a moment: published but not yet signing, signing, or no longer
 * signing but still published so that the tokens it signed verify.
 */
public enum KeyStatus {
    NEXT, CURRENT, RETIRED;

    /** {@code retiresAt} null: the key signs until a rotation sets it. */
    public static KeyStatus of(Instant activatesAt, Instant retiresAt, Instant now) {
        if (activatesAt.isAfter(now)) return NEXT;
        return retiresAt == null || retiresAt.isAfter(now) ? CURRENT : RETIRED;
    }
}
