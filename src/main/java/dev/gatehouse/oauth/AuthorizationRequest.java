package dev.gatehouse.oauth;

import java.util.List;

/**
 * A validated authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1), kept with
 * the sign-in while the user answers the pages. {@code tenantId} is the tenant the request fixes
 * (the client's, or the one an installation client named), null when the user picks it at sign-in.
 */
public record AuthorizationRequest(
        String clientId,
        String redirectUri,
        List<String> scopes,
        String state,
        String nonce,
        String codeChallenge,
        String prompt,
        String loginHint,
        Integer maxAge,
        String tenantId) {

    public AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }

    public boolean promptNone() {
        return "none".equals(prompt);
    }

    public boolean promptLogin() {
        return "login".equals(prompt);
    }
}
