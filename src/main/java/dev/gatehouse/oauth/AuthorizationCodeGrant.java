package dev.gatehouse.oauth;

import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.User;
import dev.gatehouse.oauth.TokenIssuer.AccessTokenRequest;
import dev.gatehouse.oauth.TokenIssuer.IdTokenRequest;
import dev.gatehouse.store.AuthorizationCodeStore;
import dev.gatehouse.store.AuthorizationCodeStore.StoredCode;
import dev.gatehouse.store.RevokedAccessTokens;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.UserCache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §4.1.3, the authorization code grant, with PKCE (RFC 7636 §4.5–4.6, S256 only). A code
 * is used once: the first redemption marks it, any later one fails with invalid_grant and revokes
 * the access token the first one got (RFC 6749 §4.1.2, RFC 9700 §4.2.4).
 */
public final class AuthorizationCodeGrant {
    private static final int MAX_CODE_LENGTH = 100;
    private static final int MIN_VERIFIER = 43;
    private static final int MAX_VERIFIER = 128;

    private final AuthorizationCodeStore codes;
    private final SecretHasher hasher;
    private final UserCache users;
    private final TenantCache tenants;
    private final RevokedAccessTokens revoked;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    public AuthorizationCodeGrant(AuthorizationCodeStore codes, SecretHasher hasher, UserCache users, TenantCache tenants,
                                  RevokedAccessTokens revoked, TokenIssuer issuer, RefreshTokens refreshTokens,
                                  Clock clock) {
        this.codes = codes;
        this.hasher = hasher;
        this.users = users;
        this.tenants = tenants;
        this.revoked = revoked;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    public TokenResponse handle(TokenRequest request) {
        Client client = request.client().client();
        FormParameters params = request.params();
        String code = params.get("code", MAX_CODE_LENGTH).orElseThrow(() -> OAuthError.invalidRequest("parameter 'code' is required"));
        String redirectUri = params.get("redirect_uri", AuthorizeEndpoint.MAX_REDIRECT_URI)
                .orElseThrow(() -> OAuthError.invalidRequest("parameter 'redirect_uri' is required"));
        Optional<String> verifier = params.get("code_verifier");
        if (verifier.isPresent()) {
            String v = verifier.get();
            if (v.length() < MIN_VERIFIER || v.length() > MAX_VERIFIER) {
                throw OAuthError.invalidRequest("code_verifier must be " + MIN_VERIFIER + " to " + MAX_VERIFIER + " characters");
            }
            if (!AuthorizeEndpoint.PKCE_CHARACTERS.matcher(v).matches()) {
                throw OAuthError.invalidRequest("code_verifier holds characters RFC 7636 does not allow");
            }
        }

        String codeHash = hasher.hash(code);
        StoredCode stored = codes.find(codeHash).orElseThrow(() -> OAuthError.invalidGrant("the code is invalid"));
        if (!stored.clientId().equals(client.clientId())) throw OAuthError.invalidGrant("the code is invalid");
        Instant now = clock.instant();
        if (!codes.redeem(codeHash, now)) {
            replayed(codeHash, now);
            throw OAuthError.invalidGrant("the code has already been used");
        }
        if (!now.isBefore(stored.expiresAt())) throw OAuthError.invalidGrant("the code has expired");
        if (request.pathTenant().isPresent() && !request.pathTenant().get().id().equals(stored.tenantId())) {
            throw OAuthError.invalidGrant("the code was not issued by this tenant");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the one in the authorization request");
        }
        if (stored.codeChallenge() != null) {
            if (verifier.isEmpty()) throw OAuthError.invalidGrant("code_verifier is required");
            if (!MessageDigest.isEqual(s256(verifier.get()).getBytes(StandardCharsets.US_ASCII),
                    stored.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
                throw OAuthError.invalidGrant("code_verifier does not match the code_challenge");
            }
        } else if (verifier.isPresent()) {
            throw OAuthError.invalidGrant("the authorization request had no code_challenge");
        }
        Tenant tenant = tenants.find(stored.tenantId()).filter(Tenant::enabled)
                .orElseThrow(() -> OAuthError.invalidGrant("the code is invalid"));
        User user = users.find(stored.tenantId(), stored.userId()).filter(User::enabled)
                .orElseThrow(() -> OAuthError.invalidGrant("the user can no longer sign in"));

        Set<String> scopes = Scopes.parse(stored.scope());
        var access = issuer.accessToken(new AccessTokenRequest(Optional.of(tenant), client, user.id(), scopes,
                user.tokenRoles(), user.email(), stored.authTime(), stored.sessionId()));
        codes.recordAccessToken(codeHash, access.jti(), access.expiresAt());
        // A replay that came in between the redemption and the line above could not revoke yet: do it now.
        if (codes.find(codeHash).map(StoredCode::replayedAt).isPresent()) {
            revoked.revoke(access.jti(), access.expiresAt());
            throw OAuthError.invalidGrant("the code has already been used");
        }
        String idToken = null;
        if (scopes.contains(Scopes.OPENID)) {
            idToken = issuer.idToken(new IdTokenRequest(tenant, client, user.id(), stored.authTime(), stored.nonce(),
                    access.value(), stored.sessionId(),
                    scopes.contains(Scopes.EMAIL) ? user.email() : null,
                    scopes.contains(Scopes.PROFILE) ? user.displayName() : null));
        }
        String refreshToken = scopes.contains(Scopes.OFFLINE_ACCESS) && client.allowOfflineAccess()
                ? refreshTokens.issue(client, tenant, user, scopes, stored.authTime(), stored.sessionId()) : null;
        return new TokenResponse(access.value(), "Bearer", access.expiresIn(), String.join(" ", scopes), refreshToken,
                idToken);
    }

    private void replayed(String codeHash, Instant now) {
        codes.markReplayed(codeHash, now);
        codes.find(codeHash).ifPresent(c -> {
            if (c.accessTokenJti() != null) revoked.revoke(c.accessTokenJti(), c.accessTokenExpiresAt());
        });
    }

    /** RFC 7636 §4.2: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
