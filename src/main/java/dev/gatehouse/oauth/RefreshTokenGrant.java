package dev.gatehouse.oauth;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.User;
import dev.gatehouse.oauth.TokenIssuer.AccessTokenRequest;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.UserCache;

import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §6: a new access token for the grant a refresh token carries. The user must still exist
 * and be enabled; the token's roles are read afresh, so a role taken away ends at the next refresh.
 * A requested scope may narrow the grant, never widen it.
 */
public final class RefreshTokenGrant {
    private final RefreshTokens refreshTokens;
    private final UserCache users;
    private final TenantCache tenants;
    private final TokenIssuer issuer;

    public RefreshTokenGrant(RefreshTokens refreshTokens, UserCache users, TenantCache tenants, TokenIssuer issuer) {
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.tenants = tenants;
        this.issuer = issuer;
    }

    public TokenResponse handle(TokenRequest request) {
        Client client = request.client().client();
        if (!client.allows(GrantType.REFRESH_TOKEN)) {
            throw OAuthError.unauthorizedClient("the client may not use refresh tokens");
        }
        String presented = request.params().require("refresh_token");
        Optional<String> requestedScope = request.params().get("scope", GrantedScopes.MAX_SCOPE_LENGTH);
        var redeemed = refreshTokens.redeem(client, presented);
        var grant = redeemed.grant();
        Set<String> granted = Scopes.parse(grant.scope());
        Set<String> scopes = granted;
        if (requestedScope.isPresent()) {
            scopes = Scopes.parse(requestedScope.get());
            if (scopes.isEmpty() || !granted.containsAll(scopes)) {
                throw OAuthError.invalidScope("the scope must not exceed what the refresh token grants");
            }
        }
        Tenant tenant = tenants.find(grant.tenantId()).filter(Tenant::enabled)
                .orElseThrow(() -> OAuthError.invalidGrant("the refresh token is invalid, expired or revoked"));
        User user = users.find(tenant.id(), grant.userId()).filter(User::enabled)
                .orElseThrow(() -> OAuthError.invalidGrant("the refresh token is invalid, expired or revoked"));
        var token = issuer.accessToken(new AccessTokenRequest(Optional.of(tenant), client, user.id(), scopes,
                user.tokenRoles(), user.email(), grant.authTime(), grant.sessionId()));
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(), String.join(" ", scopes),
                redeemed.value(), null);
    }
}
