package dev.gatehouse.oauth;

import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientRules;
import dev.gatehouse.domain.ClientSecret;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.ClientCache;
import dev.gatehouse.store.TenantCache;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the client of a token, introspection or revocation request by client_secret_basic
 * or client_secret_post (one of them, never both), or identifies a public client by its client_id.
 * Works from caches: a known client authenticates without touching the database.
 */
public final class ClientAuthenticator {
    private static final int MAX_CLIENT_ID_LENGTH = 100;
    private static final int MAX_SECRET_LENGTH = 500;

    /** The authenticated client and the tenant it fixes (empty for an installation client). */
    public record AuthenticatedClient(Client client, Optional<Tenant> tenant, boolean usedBasic) {}

    private final ClientCache clients;
    private final TenantCache tenants;
    private final SecretHasher hasher;
    private final Clock clock;

    public ClientAuthenticator(ClientCache clients, TenantCache tenants, SecretHasher hasher, Clock clock) {
        this.clients = clients;
        this.tenants = tenants;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * @param pathTenant the tenant named by a tenant-scoped endpoint URL, if any; a tenant client of
     *                   another tenant is refused there
     */
    public AuthenticatedClient authenticate(FormParameters params, String authorization, Optional<Tenant> pathTenant) {
        // "Basic" alone (clients and proxies drop a trailing blank) is still an attempt at HTTP Basic.
        boolean basic = authorization != null && (authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.equalsIgnoreCase("Basic"));
        String clientId;
        String secret;
        if (basic) {
            String[] credentials = decodeBasic(authorization.substring(5).trim());
            clientId = credentials[0];
            secret = credentials[1];
            if (params.get("client_secret").isPresent()) {
                throw OAuthError.invalidRequest("use one client authentication method, not both");
            }
            var bodyId = params.get("client_id");
            if (bodyId.isPresent() && !bodyId.get().equals(clientId)) {
                throw OAuthError.invalidRequest("client_id does not match the authenticated client");
            }
        } else {
            clientId = params.get("client_id").orElseThrow(
                    () -> OAuthError.invalidClient("client authentication is required", false));
            secret = params.get("client_secret").orElse(null);
        }
        // A string that cannot be a client id is never looked up (PostgreSQL refuses some, such as U+0000).
        if (clientId.length() > MAX_CLIENT_ID_LENGTH || !ClientRules.CLIENT_ID.matcher(clientId).matches()) {
            throw failed(basic);
        }
        if (secret != null && secret.length() > MAX_SECRET_LENGTH) throw failed(basic);

        var found = clients.find(clientId).orElseThrow(() -> failed(basic));
        Client client = found.client();
        if (!client.enabled()) throw failed(basic);
        if (client.requireClientSecret()) {
            if (secret == null || secret.isEmpty()) throw failed(basic);
            if (!anySecretMatches(secret, found.secrets())) throw failed(basic);
        }

        Optional<Tenant> tenant = Optional.empty();
        if (!client.isInstallationClient()) {
            tenant = tenants.find(client.tenantId()).filter(Tenant::enabled);
            if (tenant.isEmpty()) throw failed(basic);
            if (pathTenant.isPresent() && !pathTenant.get().id().equals(client.tenantId())) {
                throw OAuthError.invalidClient("the client does not belong to this tenant", basic);
            }
        }
        return new AuthenticatedClient(client, tenant, basic);
    }

    /**
     * One answer for an unknown client, a wrong or missing secret and a disabled client or tenant,
     * so the endpoint cannot be used to find out which client ids exist.
     */
    private static OAuthError failed(boolean basic) {
        return OAuthError.invalidClient("client authentication failed", basic);
    }

    /** Hashes once and compares against every secret inside its validity window, in constant time each. */
    private boolean anySecretMatches(String presented, List<ClientSecret> secrets) {
        Instant now = clock.instant();
        String presentedHash = hasher.hash(presented);
        boolean match = false;
        for (ClientSecret s : secrets) {
            match |= s.isValidAt(now) & SecretHasher.sameHash(presentedHash, s.valueHash());
        }
        return match;
    }

    /** RFC 6749 §2.3.1: base64 of form-urlencoded client_id ":" client_secret. */
    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) throw OAuthError.invalidClient("malformed Basic credentials", true);
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("malformed Basic credentials", true);
        }
    }
}
