package dev.gatehouse.oauth;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.User;
import dev.gatehouse.oauth.TokenIssuer.AccessTokenRequest;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.UserStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §4.3, resource owner password credentials, for clients with {@code allowRopc}. The tenant
 * is the client's; for an installation client the endpoint's tenant, a {@code tenantId} parameter,
 * {@code acr_values=tenant:…}, or the only tenant the email exists in. Failed attempts are throttled
 * like those of the sign-in pages, per account and per client address.
 */
public final class PasswordGrant {
    private static final int MAX_USERNAME_LENGTH = 320;
    private static final int MAX_PASSWORD_LENGTH = 1024;
    private static final DateTimeFormatter RETRY_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final UserStore users;
    private final TenantCache tenants;
    private final PasswordCheck passwords;
    private final SignInThrottle throttle;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    public PasswordGrant(UserStore users, TenantCache tenants, PasswordCheck passwords, SignInThrottle throttle,
                         TokenIssuer issuer, RefreshTokens refreshTokens, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.passwords = passwords;
        this.throttle = throttle;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    public TokenResponse handle(TokenRequest request) {
        Client client = request.client().client();
        if (!client.allows(GrantType.PASSWORD)) {
            throw OAuthError.unauthorizedClient("the client may not use the password grant");
        }
        FormParameters params = request.params();
        String username = params.get("username", MAX_USERNAME_LENGTH)
                .orElseThrow(() -> OAuthError.invalidRequest("parameter 'username' is required"));
        String password = params.get("password", MAX_PASSWORD_LENGTH)
                .orElseThrow(() -> OAuthError.invalidRequest("parameter 'password' is required"));
        Set<String> scopes = GrantedScopes.resolve(params.get("scope"), client);

        Optional<Tenant> named = request.client().tenant().or(request::pathTenant).or(() -> namedTenant(params));
        Optional<User> user = findUser(named, username);
        // Attempts count against the user's tenant when the account exists, else the named one (or none),
        // so a lock-out looks the same whether or not the account exists.
        String tenantId = user.map(User::tenantId).or(() -> named.map(Tenant::id)).orElse(null);
        throttle.lockedUntil(tenantId, username, request.clientIp()).ifPresent(until -> {
            throw lockedOut(until);
        });
        if (!passwords.passes(user, password)) {
            TenantSettings settings = Optional.ofNullable(tenantId).flatMap(tenants::find).map(Tenant::settings)
                    .orElse(TenantSettings.defaults());
            throttle.failed(settings, tenantId, username, request.clientIp()).ifPresent(until -> {
                throw lockedOut(until);
            });
            throw OAuthError.invalidGrant("invalid username or password");
        }
        throttle.succeeded(tenantId, username);
        User u = user.get();
        Tenant tenant = tenants.find(u.tenantId()).orElseThrow(() -> OAuthError.invalidGrant("invalid username or password"));
        Instant authTime = clock.instant();
        var token = issuer.accessToken(new AccessTokenRequest(Optional.of(tenant), client, u.id(), scopes,
                u.tokenRoles(), u.email(), authTime, null));
        String refreshToken = scopes.contains(Scopes.OFFLINE_ACCESS)
                ? refreshTokens.issue(client, tenant, u, scopes, authTime, null) : null;
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(), String.join(" ", scopes), refreshToken, null);
    }

    private static OAuthError lockedOut(Instant until) {
        return OAuthError.invalidGrant("too many failed sign-ins; try again after "
                + RETRY_TIME.format(until) + " UTC");
    }

    private Optional<User> findUser(Optional<Tenant> tenant, String email) {
        if (tenant.isPresent()) {
            return tenant.get().enabled() ? users.byEmail(tenant.get().id(), email) : Optional.empty();
        }
        List<User> candidates = users.byEmailInAnyTenant(email).stream()
                .filter(u -> tenants.find(u.tenantId()).map(Tenant::enabled).orElse(false))
                .toList();
        if (candidates.size() > 1) {
            throw OAuthError.invalidRequest("this email exists in several tenants: name the tenant with the"
                    + " tenant-scoped token URL /auth2/{tenant}/connect/token, a tenantId parameter or"
                    + " acr_values=tenant:{tenant}");
        }
        return candidates.stream().findFirst();
    }

    /** The tenant an installation client names with tenantId or acr_values=tenant:…, if any. */
    private Optional<Tenant> namedTenant(FormParameters params) {
        Optional<String> named = params.get("tenantId", 100);
        if (named.isEmpty()) {
            named = params.get("acr_values", 300).flatMap(acr -> Scopes.parse(acr).stream()
                    .filter(v -> v.startsWith("tenant:")).map(v -> v.substring(7)).findFirst());
        }
        if (named.isEmpty()) return Optional.empty();
        return Optional.of(tenants.find(named.get()).orElseThrow(() -> OAuthError.invalidRequest("unknown tenant")));
    }
}
