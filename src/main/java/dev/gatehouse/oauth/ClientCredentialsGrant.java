package dev.gatehouse.oauth;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.oauth.TokenIssuer.AccessTokenRequest;

import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §4.4: the client acts for itself. The token's subject is the client id and its roles are
 * the client's ("Manage Roles"). No refresh token, so offline_access is refused.
 */
public final class ClientCredentialsGrant {
    private final TokenIssuer issuer;

    public ClientCredentialsGrant(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    public TokenResponse handle(TokenRequest request) {
        Client client = request.client().client();
        if (!client.allows(GrantType.CLIENT_CREDENTIALS)) {
            throw OAuthError.unauthorizedClient("the client may not use the client_credentials grant");
        }
        if (!client.requireClientSecret()) {
            throw OAuthError.unauthorizedClient("a public client cannot use the client_credentials grant");
        }
        Optional<String> requested = request.params().get("scope");
        Set<String> scopes = GrantedScopes.resolve(requested, client);
        if (requested.isPresent() && scopes.contains(Scopes.OFFLINE_ACCESS)) {
            throw OAuthError.invalidScope("offline_access is not available with client_credentials");
        }
        Optional<Tenant> tenant = request.client().tenant().or(request::pathTenant);
        var token = issuer.accessToken(new AccessTokenRequest(tenant, client, client.clientId(), scopes,
                client.roles(), null, null, null));
        return TokenResponse.bearer(token.value(), token.expiresIn(), String.join(" ", scopes));
    }
}
