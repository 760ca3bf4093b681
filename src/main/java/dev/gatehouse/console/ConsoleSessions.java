package dev.gatehouse.console;

import dev.gatehouse.admin.AdminPrincipal;
import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.UriRules;
import dev.gatehouse.domain.User;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.UserStore;
import io.javalin.http.Context;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Optional;

/**
 * The console's sessions, kept by the browser: the access token the console obtained for the
 * administrator through Gatehouse's own authorization-code flow, in an HttpOnly cookie scoped to
 * /console, with the ID token beside it for RP-initiated logout. Every request verifies the token
 * exactly as the admin API does (signature, issuer, audience, expiry, revocation, tenant), then
 * reads the user as stored now: a disabled user or a role taken away ends console access at once.
 */
public final class ConsoleSessions {
    static final String PATH = "/console";
    private static final int MAX_COOKIE = 8192;

    /** What resolving a browser's session found. */
    public sealed interface Outcome {
        record SignedIn(ConsoleSession session) implements Outcome {}
        record NotSignedIn() implements Outcome {}
        /** Signed in, but not as an enabled Tenant Administrator of an enabled tenant. */
        record Refused(String reason, String csrf) implements Outcome {}
    }

    private final JwtVerifier verifier;
    private final TenantCache tenants;
    private final UserStore users;
    private final SecretHasher hasher;
    private final boolean secure;
    private final String tokenCookie;
    private final String idCookie;
    private final String loginCookie;

    public ConsoleSessions(JwtVerifier verifier, TenantCache tenants, UserStore users, SecretHasher hasher,
                           String baseUrl) {
        this.verifier = verifier;
        this.tenants = tenants;
        this.users = users;
        this.hasher = hasher;
        URI base = URI.create(baseUrl);
        this.secure = !("http".equalsIgnoreCase(base.getScheme()) && UriRules.isLoopback(base.getHost()));
        String prefix = secure ? "__Secure-" : "";
        this.tokenCookie = prefix + "gatehouse_console";
        this.idCookie = prefix + "gatehouse_console_id";
        this.loginCookie = prefix + "gatehouse_console_login";
    }

    public Outcome resolve(Context ctx) {
        String token = cookie(ctx, tokenCookie);
        if (token == null) return new Outcome.NotSignedIn();
        var verified = verifier.verifyAccessToken(token);
        if (verified.isEmpty()) return new Outcome.NotSignedIn();
        var claims = verified.get().claims();
        String tenantId = verified.get().issuerTenantId();
        String jti = claims.getJWTID();
        if (tenantId == null || jti == null || !ConsoleClient.CLIENT_ID.equals(stringClaim(claims, "client_id"))) {
            return new Outcome.NotSignedIn();
        }
        Optional<Tenant> tenant = tenants.find(tenantId);
        Optional<User> user = tenant.flatMap(t -> users.byId(t.id(), claims.getSubject()));
        if (tenant.isEmpty() || user.isEmpty()) return new Outcome.NotSignedIn();
        String csrf = csrfFor(jti);
        if (!tenant.get().enabled()) return new Outcome.Refused("The tenant " + tenant.get().name() + " is disabled.", csrf);
        if (!user.get().enabled()) return new Outcome.Refused("Your account is disabled.", csrf);
        if (!user.get().roles().contains(Role.TENANT_ADMINISTRATOR)) {
            return new Outcome.Refused("The console is for administrators: your account in " + tenant.get().name()
                    + " does not have the Tenant Administrator role.", csrf);
        }
        var principal = new AdminPrincipal(tenantId, user.get().id(), ConsoleClient.CLIENT_ID,
                new HashSet<>(user.get().tokenRoles()), ctx.ip());
        return new Outcome.SignedIn(new ConsoleSession(tenant.get(), user.get(), principal, csrf));
    }

    /** The form's CSRF token equals the session's, compared in constant time. */
    static boolean csrfMatches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The access token in the browser's cookie, if any (for revocation at sign-out). */
    Optional<String> accessToken(Context ctx) {
        return Optional.ofNullable(cookie(ctx, tokenCookie));
    }

    Optional<String> idToken(Context ctx) {
        return Optional.ofNullable(cookie(ctx, idCookie));
    }

    void start(Context ctx, String accessToken, String idToken) {
        set(ctx, tokenCookie, accessToken, -1);
        set(ctx, idCookie, idToken, -1);
    }

    void end(Context ctx) {
        set(ctx, tokenCookie, "", 0);
        set(ctx, idCookie, "", 0);
    }

    /** The pending sign-in (state, nonce, PKCE verifier, where to go after), for ten minutes. */
    void rememberLogin(Context ctx, String value) {
        set(ctx, loginCookie, value, 600);
    }

    Optional<String> pendingLogin(Context ctx) {
        return Optional.ofNullable(cookie(ctx, loginCookie));
    }

    void forgetLogin(Context ctx) {
        set(ctx, loginCookie, "", 0);
    }

    /** The synchronizer token of a session: a keyed hash of its access token's id, never stored. */
    private String csrfFor(String jti) {
        return hasher.hash("console-csrf:" + jti);
    }

    private static String cookie(Context ctx, String name) {
        String value = ctx.cookie(name);
        return value == null || value.isEmpty() || value.length() > MAX_COOKIE ? null : value;
    }

    private void set(Context ctx, String name, String value, int maxAge) {
        var header = new StringBuilder(name).append('=').append(value).append("; Path=").append(PATH)
                .append("; HttpOnly; SameSite=Lax");
        if (maxAge >= 0) header.append("; Max-Age=").append(maxAge);
        if (secure) header.append("; Secure");
        ctx.res().addHeader("Set-Cookie", header.toString());
    }

    private static String stringClaim(com.nimbusds.jwt.JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
