package dev.gatehouse.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.RefreshTokenStore.StoredRefreshToken;
import dev.gatehouse.store.TenantCache;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7662 token introspection at {@code /auth2/connect/introspect} and {@code /auth2/{T}/connect/introspect}.
 * The caller is a confidential client (a resource server). It learns about access tokens of its
 * own tenant (an installation client: of any tenant) and about refresh tokens issued to itself;
 * anything else, valid or not, is {@code {"active": false}} (§2.2). Access tokens are checked
 * without I/O: signature, expiry and revocation all come from memory.
 */
public final class IntrospectionEndpoint {
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final TenantCache tenants;
    private final ClientAuthenticator authenticator;
    private final JwtVerifier verifier;
    private final RefreshTokens refreshTokens;

    public IntrospectionEndpoint(TenantCache tenants, ClientAuthenticator authenticator, JwtVerifier verifier,
                                 RefreshTokens refreshTokens) {
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.refreshTokens = refreshTokens;
    }

    public Map<String, Object> handle(Context ctx, Optional<String> tenantInPath) {
        var params = FormParameters.of(ctx);
        var pathTenant = TokenEndpoint.resolvePathTenant(tenants, tenantInPath);
        var caller = authenticator.authenticate(params, ctx.header("Authorization"), pathTenant);
        if (!caller.client().requireClientSecret()) {
            throw OAuthError.unauthorizedClient("a public client cannot introspect tokens");
        }
        String token = params.require("token");
        String callerTenant = caller.tenant().map(Tenant::id).orElse(null);
        return AccessTokens.looksLikeJwt(token)
                ? accessToken(token, callerTenant)
                : refreshToken(token, caller.client());
    }

    private Map<String, Object> accessToken(String token, String callerTenant) {
        var verified = verifier.verifyAccessToken(token)
                .filter(v -> callerTenant == null || callerTenant.equals(v.issuerTenantId()));
        if (verified.isEmpty()) return INACTIVE;
        JWTClaimsSet c = verified.get().claims();
        var m = new LinkedHashMap<String, Object>();
        m.put("active", true);
        m.put("token_type", "Bearer");
        copy(c, m, "scope", "client_id");
        if (c.getClaim("email") != null) m.put("username", c.getClaim("email"));
        m.put("sub", c.getSubject());
        m.put("aud", c.getAudience());
        m.put("iss", c.getIssuer());
        m.put("exp", c.getExpirationTime().toInstant().getEpochSecond());
        m.put("iat", c.getIssueTime().toInstant().getEpochSecond());
        m.put("nbf", c.getNotBeforeTime().toInstant().getEpochSecond());
        copy(c, m, "jti", "tenant_id", "role", "email", "auth_time", "sid");
        return m;
    }

    private Map<String, Object> refreshToken(String token, Client caller) {
        Optional<StoredRefreshToken> stored = refreshTokens.live(token)
                .filter(t -> t.clientPk().equals(caller.pk()));
        if (stored.isEmpty()) return INACTIVE;
        var t = stored.get();
        var m = new LinkedHashMap<String, Object>();
        m.put("active", true);
        m.put("token_type", "refresh_token");
        m.put("scope", t.scope());
        m.put("client_id", caller.clientId());
        m.put("sub", t.userId());
        m.put("exp", t.expiresAt().getEpochSecond());
        m.put("iat", t.created().getEpochSecond());
        m.put("tenant_id", t.tenantId());
        return m;
    }

    private static void copy(JWTClaimsSet from, Map<String, Object> to, String... names) {
        for (String name : names) {
            Object value = from.getClaim(name);
            if (value != null) to.put(name, value);
        }
    }
}
