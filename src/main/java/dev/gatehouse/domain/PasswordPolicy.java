package dev.gatehouse.domain;

import java.util.Optional;

/**
 * The minimum password policy (after NIST SP 800-63B): length matters, composition rules do not.
 * A password must be 10 to 256 characters, not the account's email, and not one repeated character.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {}

    public static Optional<String> problem(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) return Optional.of("must be at least " + MIN_LENGTH + " characters");
        if (length > MAX_LENGTH) return Optional.of("must be at most " + MAX_LENGTH + " characters");
        if (email != null && password.equalsIgnoreCase(email.trim())) return Optional.of("must not be the email address");
        if (password.codePoints().distinct().count() == 1) return Optional.of("must not repeat a single character");
        return Optional.empty();
    }
}
