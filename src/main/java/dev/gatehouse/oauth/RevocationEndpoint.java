package dev.gatehouse.oauth;

import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.domain.Client;
import dev.gatehouse.store.RevokedAccessTokens;
import dev.gatehouse.store.TenantCache;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * RFC 7009 token revocation at {@code /auth2/connect/revocation} and {@code /auth2/{T}/connect/revocation}.
 * A client revokes only its own tokens: an access token until it would have expired, a refresh
 * token with its whole grant. Any token it does not own, or that is not valid, is answered 200 all
 * the same (§2.2), so the endpoint tells nothing about other clients' tokens.
 */
public final class RevocationEndpoint {
    private final TenantCache tenants;
    private final ClientAuthenticator authenticator;
    private final JwtVerifier verifier;
    private final RevokedAccessTokens revokedAccessTokens;
    private final RefreshTokens refreshTokens;

    public RevocationEndpoint(TenantCache tenants, ClientAuthenticator authenticator, JwtVerifier verifier,
                              RevokedAccessTokens revokedAccessTokens, RefreshTokens refreshTokens) {
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.revokedAccessTokens = revokedAccessTokens;
        this.refreshTokens = refreshTokens;
    }

    public void handle(Context ctx, Optional<String> tenantInPath) {
        var params = FormParameters.of(ctx);
        var pathTenant = TokenEndpoint.resolvePathTenant(tenants, tenantInPath);
        Client client = authenticator.authenticate(params, ctx.header("Authorization"), pathTenant).client();
        String token = params.require("token");
        // token_type_hint only saves a lookup; an unknown hint is ignored (§2.1).
        if (AccessTokens.looksLikeJwt(token)) {
            verifier.verifyAccessToken(token)
                    .filter(v -> client.clientId().equals(v.claims().getClaim("client_id")))
                    .ifPresent(v -> revokedAccessTokens.revoke(v.claims().getJWTID(),
                            v.claims().getExpirationTime().toInstant()));
        } else {
            refreshTokens.revoke(client, token);
        }
        ctx.status(200);
    }
}
