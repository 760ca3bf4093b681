package dev.gatehouse.domain;

/**
 * Per-tenant policy. {@code exactRedirectUris} turns the compatible API's prefix matching of
 * redirect URIs off; the sign-in fields bound failed password attempts per account.
 */
public record TenantSettings(SigningAlgorithm signingAlgorithm, boolean exactRedirectUris,
                             int signInMaxFailures, int signInLockoutSeconds) {

    public static TenantSettings defaults() {
        return new TenantSettings(SigningAlgorithm.RS256, false, 5, 300);
    }
}
