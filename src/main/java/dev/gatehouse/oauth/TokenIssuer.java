package dev.gatehouse.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SigningKeys;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.domain.Tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mints RFC 9068 JWT access tokens ({@code typ: at+jwt}) signed with the issuer's current key.
 * The issuer is the tenant's, or the installation's for an installation client acting for no tenant.
 */
public final class TokenIssuer {
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    /** What goes into one access token. {@code email}, {@code authTime} and {@code sessionId} are for user tokens. */
    public record AccessTokenRequest(Optional<Tenant> tenant, Client client, String subject, Set<String> scopes,
                                     List<String> roles, String email, Instant authTime, String sessionId) {}

    public record IssuedToken(String value, int expiresIn, Instant issuedAt, String jti, Instant expiresAt) {}

    /** What goes into one ID token (OIDC Core §2). {@code email} and {@code name} only when their scopes were granted. */
    public record IdTokenRequest(Tenant tenant, Client client, String subject, Instant authTime, String nonce,
                                 String accessToken, String sessionId, String email, String name) {}

    /** ID tokens are for the client at sign-in, not for calling APIs: five minutes, as IdentityServer. */
    static final int ID_TOKEN_LIFETIME = 300;

    private final SigningKeys keys;
    private final Issuers issuers;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, Issuers issuers, Clock clock) {
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
    }

    public IssuedToken accessToken(AccessTokenRequest r) {
        String tenantId = r.tenant().map(Tenant::id).orElse(null);
        var active = keys.active(tenantId)
                .orElseThrow(() -> new IllegalStateException("issuer has no active signing key"));
        Instant now = clock.instant();
        int lifetime = r.client().accessTokenLifetime();
        String jti = RandomValues.secret();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuers.forTenant(tenantId))
                .subject(r.subject())
                .audience(issuers.audience())
                .claim("client_id", r.client().clientId())
                .claim("scope", String.join(" ", r.scopes()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetime)))
                .jwtID(jti);
        if (tenantId != null) claims.claim("tenant_id", tenantId);
        if (!r.roles().isEmpty()) claims.claim("role", r.roles());
        if (r.email() != null) claims.claim("email", r.email());
        if (r.authTime() != null) claims.claim("auth_time", r.authTime().getEpochSecond());
        if (r.sessionId() != null) claims.claim("sid", r.sessionId());
        return new IssuedToken(active.sign(ACCESS_TOKEN_TYPE, claims.build()), lifetime, now, jti, now.plusSeconds(lifetime));
    }

    /** An OpenID Connect ID token ({@code typ: JWT}) signed with the tenant issuer's current key. */
    public String idToken(IdTokenRequest r) {
        String tenantId = r.tenant().id();
        var active = keys.active(tenantId)
                .orElseThrow(() -> new IllegalStateException("issuer has no active signing key"));
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuers.forTenant(tenantId))
                .subject(r.subject())
                .audience(r.client().clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ID_TOKEN_LIFETIME)))
                .claim("auth_time", r.authTime().getEpochSecond())
                .claim("at_hash", tokenHash(r.accessToken(), active.algorithm()))
                .claim("sid", r.sessionId())
                .claim("tenant_id", tenantId);
        if (r.nonce() != null) claims.claim("nonce", r.nonce());
        if (r.email() != null) claims.claim("email", r.email());
        if (r.name() != null) claims.claim("name", r.name());
        return active.sign(JOSEObjectType.JWT, claims.build());
    }

    /**
     * OIDC Core §3.1.3.6 at_hash: the left half of the hash of the token's ASCII octets, base64url, with
     * the hash of the signing algorithm (SHA-256 for RS256 and ES256; SHA-512 for EdDSA, as OIDC's
     * registry for Ed25519 says).
     */
    static String tokenHash(String token, JWSAlgorithm algorithm) {
        String hash = algorithm.getName().endsWith("384") ? "SHA-384"
                : algorithm.getName().endsWith("512") || algorithm.getName().startsWith("Ed") ? "SHA-512" : "SHA-256";
        try {
            byte[] digest = MessageDigest.getInstance(hash).digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(hash + " unavailable", e);
        }
    }
}
