package dev.gatehouse.oauth;

/**
 * An RFC 6749 §5.2 error response. {@code basicChallenge} marks an invalid_client after HTTP Basic
 * authentication: it is answered 401 with a WWW-Authenticate challenge.
 */
public class OAuthError extends RuntimeException {
    private final String error;
    private final int status;
    private final boolean basicChallenge;

    public OAuthError(String error, String description, int status, boolean basicChallenge) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.basicChallenge = basicChallenge;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400, false);
    }

    public static OAuthError invalidClient(String description, boolean basicUsed) {
        return new OAuthError("invalid_client", description, basicUsed ? 401 : 400, basicUsed);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, 400, false);
    }

    public static OAuthError unauthorizedClient(String description) {
        return new OAuthError("unauthorized_client", description, 400, false);
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", description, 400, false);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", description, 400, false);
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public int status() {
        return status;
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
