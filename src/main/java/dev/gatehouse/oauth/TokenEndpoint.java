package dev.gatehouse.oauth;

import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.TenantCache;

import java.util.Optional;

/**
 * POST /auth2/connect/token and /auth2/{T}/connect/token (RFC 6749 §3.2): checks the request's form,
 * authenticates the client, and hands the request to the grant it names.
 */
public final class TokenEndpoint {
    private final TenantCache tenants;
    private final ClientAuthenticator authenticator;
    private final ClientCredentialsGrant clientCredentials;
    private final PasswordGrant password;
    private final RefreshTokenGrant refreshToken;
    private final AuthorizationCodeGrant authorizationCode;

    public TokenEndpoint(TenantCache tenants, ClientAuthenticator authenticator,
                         ClientCredentialsGrant clientCredentials, PasswordGrant password,
                         RefreshTokenGrant refreshToken, AuthorizationCodeGrant authorizationCode) {
        this.authorizationCode = authorizationCode;
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.clientCredentials = clientCredentials;
        this.password = password;
        this.refreshToken = refreshToken;
    }

    /** A token request already read from HTTP: its form, Authorization header, the tenant in its URL, the caller's address. */
    public TokenResponse handle(FormParameters params, String authorization, Optional<String> tenantInPath,
                                String clientIp) {
        Optional<Tenant> pathTenant = resolvePathTenant(tenants, tenantInPath);
        String grantType = params.require("grant_type");
        var client = authenticator.authenticate(params, authorization, pathTenant);
        var request = new TokenRequest(params, client, pathTenant, clientIp);
        GrantType grant = GrantType.fromWireName(grantType)
                .orElseThrow(() -> OAuthError.unsupportedGrantType("grant_type is not supported"));
        return switch (grant) {
            case CLIENT_CREDENTIALS -> clientCredentials.handle(request);
            case PASSWORD -> password.handle(request);
            case REFRESH_TOKEN -> refreshToken.handle(request);
            case AUTHORIZATION_CODE -> authorizationCode.handle(request);
        };
    }

    /** The tenant of a tenant-scoped endpoint URL; an unknown or disabled one is refused. */
    static Optional<Tenant> resolvePathTenant(TenantCache tenants, Optional<String> tenantInPath) {
        if (tenantInPath.isEmpty()) return Optional.empty();
        Tenant tenant = tenants.find(tenantInPath.get())
                .filter(Tenant::enabled)
                .orElseThrow(() -> new OAuthError("invalid_request", "unknown tenant", 404, false));
        return Optional.of(tenant);
    }
}
