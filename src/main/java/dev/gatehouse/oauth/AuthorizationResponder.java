package dev.gatehouse.oauth;

import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.store.AuthorizationCodeStore;
import dev.gatehouse.store.AuthorizationCodeStore.StoredCode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Answers an authorization request at the client's redirect URI (RFC 6749 §4.1.2): with a fresh
 * single-use code, or with an error (§4.1.2.1). Both carry {@code state} and {@code iss} (RFC 9207).
 */
public final class AuthorizationResponder {
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    /** Used codes are kept this long after expiry, so a late replay still revokes what the code bought. */
    public static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    /** Who signed in, in which session, for the code to be bound to. */
    public record SignedIn(String tenantId, String userId, String sessionId, Instant authTime) {}

    private final AuthorizationCodeStore codes;
    private final SecretHasher hasher;
    private final Issuers issuers;
    private final Clock clock;

    public AuthorizationResponder(AuthorizationCodeStore codes, SecretHasher hasher, Issuers issuers, Clock clock) {
        this.codes = codes;
        this.hasher = hasher;
        this.issuers = issuers;
        this.clock = clock;
    }

    /** Issues a code bound to the request and the sign-in, and returns the address to send the browser to. */
    public String codeRedirect(AuthorizationRequest request, SignedIn who, Set<String> grantedScopes) {
        String code = RandomValues.secret();
        Instant now = clock.instant();
        codes.insert(new StoredCode(hasher.hash(code), who.tenantId(), request.clientId(), who.userId(),
                who.sessionId(), request.redirectUri(), request.codeChallenge(), request.nonce(),
                String.join(" ", grantedScopes), who.authTime(), now, now.plus(CODE_LIFETIME), null, null, null, null));
        var params = new LinkedHashMap<String, String>();
        params.put("code", code);
        params.put("state", request.state());
        params.put("iss", issuers.forTenant(who.tenantId()));
        return append(request.redirectUri(), params);
    }

    /**
     * An error for the client. {@code tenantId} is the tenant whose issuer answers (null: the
     * installation's, while the tenant is not yet known).
     */
    public String errorRedirect(String redirectUri, String state, String tenantId, String error, String description) {
        var params = new LinkedHashMap<String, String>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", state);
        params.put("iss", issuers.forTenant(tenantId));
        return append(redirectUri, params);
    }

    public String errorRedirect(AuthorizationRequest request, String tenantId, String error, String description) {
        return errorRedirect(request.redirectUri(), request.state(), tenantId == null ? request.tenantId() : tenantId,
                error, description);
    }

    /** Adds query parameters to a URI that may already have a query (RFC 6749 §3.1.2 keeps it). */
    static String append(String uri, Map<String, String> params) {
        var out = new StringBuilder(uri);
        char separator = uri.contains("?") ? (uri.endsWith("?") || uri.endsWith("&") ? 0 : '&') : '?';
        for (var e : params.entrySet()) {
            if (e.getValue() == null) continue;
            if (separator != 0) out.append(separator);
            out.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }
}
