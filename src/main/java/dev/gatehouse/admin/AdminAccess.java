package dev.gatehouse.admin;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.TenantCache;
import io.javalin.http.Context;

import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call the admin API: a bearer access token of tenant T carrying Tenant Administrator for
 * routes of T, or an installation administrator's token for any route. A caller of one tenant
 * learns nothing about another: unknown and foreign tenants both answer 403.
 */
public final class AdminAccess {
    private static final int MAX_TOKEN_LENGTH = 16_384;

    /** The tenant a route acts on and who acts. */
    public record TenantScope(Tenant tenant, AdminPrincipal principal) {}

    private final JwtVerifier verifier;
    private final TenantCache tenants;

    public AdminAccess(JwtVerifier verifier, TenantCache tenants) {
        this.verifier = verifier;
        this.tenants = tenants;
    }

    public AdminPrincipal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.unauthorized("A bearer access token is required.");
        }
        String token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) throw ApiProblem.unauthorized("The access token is invalid.");
        var verified = verifier.verifyAccessToken(token)
                .orElseThrow(() -> ApiProblem.unauthorized("The access token is invalid or expired."));
        JWTClaimsSet claims = verified.claims();
        return new AdminPrincipal(verified.issuerTenantId(), claims.getSubject(), stringClaim(claims, "client_id"),
                roles(claims), ctx.ip());
    }

    /** The tenant named by the route's {tenant} segment, if the caller administers it. */
    public TenantScope tenant(Context ctx) {
        AdminPrincipal principal = authenticate(ctx);
        var tenant = tenants.find(ctx.pathParam("tenant"));
        if (principal.isInstallationAdministrator()) {
            return new TenantScope(tenant.orElseThrow(() -> new NotFoundException("no such tenant")),
                    principal);
        }
        if (tenant.isEmpty() || !principal.isTenantAdministratorOf(tenant.get().id())) {
            throw ApiProblem.forbidden("This token does not grant Tenant Administrator on this tenant.");
        }
        if (!tenant.get().enabled()) throw ApiProblem.forbidden("The tenant is disabled.");
        return new TenantScope(tenant.get(), principal);
    }

    public AdminPrincipal installationAdministrator(Context ctx) {
        AdminPrincipal principal = authenticate(ctx);
        if (!principal.isInstallationAdministrator()) {
            throw ApiProblem.forbidden("This operation needs the Installation Administrator role.");
        }
        return principal;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }

    private static Set<String> roles(JWTClaimsSet claims) {
        Object role = claims.getClaim("role");
        Set<String> roles = new HashSet<>();
        if (role instanceof String s) roles.add(s);
        if (role instanceof List<?> list) list.forEach(r -> roles.add(String.valueOf(r)));
        return roles;
    }
}
