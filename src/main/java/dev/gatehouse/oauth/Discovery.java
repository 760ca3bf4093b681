package dev.gatehouse.oauth;

import dev.gatehouse.crypto.SigningKeys;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.TenantCache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenID Connect Discovery 1.0 / RFC 8414 metadata and the JWKS of each issuer. Lists only what the
 * server implements, so clients never follow a link to an endpoint that is not there.
 */
public final class Discovery {
    private final Issuers issuers;
    private final TenantCache tenants;
    private final SigningKeys keys;

    public Discovery(Issuers issuers, TenantCache tenants, SigningKeys keys) {
        this.issuers = issuers;
        this.tenants = tenants;
        this.keys = keys;
    }

    public Map<String, Object> metadata(Optional<String> tenantInPath) {
        Optional<Tenant> tenant = TokenEndpoint.resolvePathTenant(tenants, tenantInPath);
        String tenantId = tenant.map(Tenant::id).orElse(null);
        String issuer = issuers.forTenant(tenantId);
        var m = new LinkedHashMap<String, Object>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/.well-known/openid-configuration/jwks");
        m.put("authorization_endpoint", issuer + "/connect/authorize");
        m.put("token_endpoint", issuer + "/connect/token");
        m.put("userinfo_endpoint", issuer + "/connect/userinfo");
        m.put("introspection_endpoint", issuer + "/connect/introspect");
        m.put("revocation_endpoint", issuer + "/connect/revocation");
        m.put("end_session_endpoint", issuer + "/connect/endsession");
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "client_credentials", "password", "refresh_token"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("prompt_values_supported", List.of("none", "login"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("scopes_supported", Scopes.KNOWN.stream().sorted().toList());
        m.put("claims_supported", List.of("iss", "sub", "aud", "client_id", "scope", "tenant_id", "role", "email",
                "name", "auth_time", "nonce", "at_hash", "sid", "iat", "nbf", "exp", "jti"));
        m.put("subject_types_supported", List.of("public"));
        // The algorithms of the keys the issuer publishes: what its tokens are, or may still be, signed with.
        List<String> algorithms = List.copyOf(keys.forIssuer(tenantId).algorithms());
        m.put("id_token_signing_alg_values_supported", algorithms);
        m.put("access_token_signing_alg_values_supported", algorithms);
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("backchannel_logout_supported", true);
        m.put("backchannel_logout_session_supported", true);
        m.put("frontchannel_logout_supported", false);
        return m;
    }

    /** The issuer's published keys as a JWKS document, already serialised. */
    public String jwks(Optional<String> tenantInPath) {
        Optional<Tenant> tenant = TokenEndpoint.resolvePathTenant(tenants, tenantInPath);
        return keys.forIssuer(tenant.map(Tenant::id).orElse(null)).jwksJson();
    }
}
