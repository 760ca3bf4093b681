package dev.gatehouse.oauth;

import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.User;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.UserCache;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET|POST /auth2/connect/userinfo and /auth2/{T}/connect/userinfo (OIDC Core §5.3). The access token
 * comes as an RFC 6750 bearer token (Authorization header, or the form body of a POST, not both); it
 * must be a user's and carry {@code openid}. Errors carry a WWW-Authenticate challenge (RFC 6750 §3).
 */
public final class UserinfoEndpoint {
    private static final String REALM = "Bearer realm=\"gatehouse\"";

    private final JwtVerifier verifier;
    private final UserCache users;
    private final TenantCache tenants;

    public UserinfoEndpoint(JwtVerifier verifier, UserCache users, TenantCache tenants) {
        this.verifier = verifier;
        this.users = users;
        this.tenants = tenants;
    }

    public void handle(Context ctx, Optional<String> tenantInPath) {
        Optional<Tenant> pathTenant = TokenEndpoint.resolvePathTenant(tenants, tenantInPath);
        String header = ctx.header("Authorization");
        String fromHeader = null;
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
                challenge(ctx, 400, "invalid_request", "the Authorization header must carry a Bearer token");
                return;
            }
            fromHeader = header.substring(7).trim();
        }
        String fromBody = null;
        if (ctx.method() == HandlerType.POST) {
            String type = ctx.contentType();
            if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                List<String> values = ctx.formParamMap().get("access_token");
                if (values != null && values.size() > 1) {
                    challenge(ctx, 400, "invalid_request", "access_token is repeated");
                    return;
                }
                if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) fromBody = values.get(0);
            }
        }
        if (fromHeader != null && fromBody != null) {
            challenge(ctx, 400, "invalid_request", "send the access token one way, not two (RFC 6750 §2)");
            return;
        }
        if (ctx.queryParamMap().containsKey("access_token")) {
            challenge(ctx, 400, "invalid_request", "access tokens are not accepted in the address");
            return;
        }
        String token = fromHeader != null ? fromHeader : fromBody;
        if (token == null) {
            // RFC 6750 §3.1: a request without any authentication gets a challenge and no error code.
            ctx.header("WWW-Authenticate", REALM);
            ctx.status(401).json(Map.of("error", "invalid_token", "error_description", "an access token is required"));
            return;
        }
        if (token.length() > 8192) {
            challenge(ctx, 401, "invalid_token", "the access token is invalid");
            return;
        }
        var verified = verifier.verifyAccessToken(token);
        if (verified.isEmpty()) {
            challenge(ctx, 401, "invalid_token", "the access token is invalid or has expired");
            return;
        }
        String tenantId = verified.get().issuerTenantId();
        if (tenantId == null || pathTenant.isPresent() && !pathTenant.get().id().equals(tenantId)) {
            challenge(ctx, 401, "invalid_token", "the access token was not issued for this tenant's users");
            return;
        }
        var claims = verified.get().claims();
        String scope;
        try {
            scope = claims.getStringClaim("scope");
        } catch (ParseException e) {
            scope = null;
        }
        var scopes = Scopes.parse(scope);
        if (!scopes.contains(Scopes.OPENID)) {
            challenge(ctx, 403, "insufficient_scope", "the access token does not carry the openid scope");
            ctx.header("WWW-Authenticate", REALM + ", error=\"insufficient_scope\", scope=\"openid\"");
            return;
        }
        Optional<User> user = claims.getSubject() == null ? Optional.empty()
                : users.find(tenantId, claims.getSubject()).filter(User::enabled);
        if (user.isEmpty()) {
            challenge(ctx, 401, "invalid_token", "the access token does not belong to a user who can sign in");
            return;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("sub", user.get().id());
        if (scopes.contains(Scopes.PROFILE)) body.put("name", user.get().displayName());
        if (scopes.contains(Scopes.EMAIL)) body.put("email", user.get().email());
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    private static void challenge(Context ctx, int status, String error, String description) {
        ctx.header("WWW-Authenticate", REALM + ", error=\"" + error + "\", error_description=\"" + description + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).json(Map.of("error", error, "error_description", description));
    }
}
