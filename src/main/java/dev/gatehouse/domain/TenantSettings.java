package dev.gatehouse.domain;

import java.util.Optional;

/**
 * Per-tenant policy. {@code exactRedirectUris} turns the compatible API's prefix matching of
 * redirect URIs off; the sign-in fields bound failed password attempts per account.
 */
public record TenantSettings(SigningAlgorithm signingAlgorithm, boolean exactRedirectUris,
                             int signInMaxFailures, int signInLockoutSeconds) {
    public static final int MAX_SIGN_IN_FAILURES = 100;
    public static final int MAX_LOCKOUT_SECONDS = 86_400;

    public static TenantSettings defaults() {
        return new TenantSettings(SigningAlgorithm.RS256, false, 5, 300);
    }

    /** A change of some settings: an empty field keeps its value. */
    public record Changes(Optional<SigningAlgorithm> signingAlgorithm, Optional<Boolean> exactRedirectUris,
                          Optional<Integer> signInMaxFailures, Optional<Integer> signInLockoutSeconds) {

        /** The change a full replacement makes: fields left out return to their defaults. */
        public Changes orDefaults() {
            var d = defaults();
            return new Changes(Optional.of(signingAlgorithm.orElse(d.signingAlgorithm())),
                    Optional.of(exactRedirectUris.orElse(d.exactRedirectUris())),
                    Optional.of(signInMaxFailures.orElse(d.signInMaxFailures())),
                    Optional.of(signInLockoutSeconds.orElse(d.signInLockoutSeconds())));
        }

        public ValidationErrors check() {
            var errors = new ValidationErrors();
            signInMaxFailures.filter(n -> n < 1 || n > MAX_SIGN_IN_FAILURES).ifPresent(n ->
                    errors.add("signInMaxFailures", "must be between 1 and " + MAX_SIGN_IN_FAILURES));
            signInLockoutSeconds.filter(n -> n < 1 || n > MAX_LOCKOUT_SECONDS).ifPresent(n ->
                    errors.add("signInLockoutSeconds", "must be between 1 and " + MAX_LOCKOUT_SECONDS + " seconds"));
            return errors;
        }

        public TenantSettings applyTo(TenantSettings s) {
            return new TenantSettings(signingAlgorithm.orElse(s.signingAlgorithm()),
                    exactRedirectUris.orElse(s.exactRedirectUris()),
                    signInMaxFailures.orElse(s.signInMaxFailures()),
                    signInLockoutSeconds.orElse(s.signInLockoutSeconds()));
        }
    }
}
