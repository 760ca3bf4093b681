package dev.gatehouse.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SigningKeys;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.domain.Tenant;

import java.time.Clock;
import java.time.Instant;
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

    public record IssuedToken(String value, int expiresIn, Instant issuedAt) {}

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
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuers.forTenant(tenantId))
                .subject(r.subject())
                .audience(issuers.audience())
                .claim("client_id", r.client().clientId())
                .claim("scope", String.join(" ", r.scopes()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetime)))
                .jwtID(RandomValues.secret());
        if (tenantId != null) claims.claim("tenant_id", tenantId);
        if (!r.roles().isEmpty()) claims.claim("role", r.roles());
        if (r.email() != null) claims.claim("email", r.email());
        if (r.authTime() != null) claims.claim("auth_time", r.authTime().getEpochSecond());
        if (r.sessionId() != null) claims.claim("sid", r.sessionId());
        var header = new JWSHeader.Builder(active.algorithm()).type(ACCESS_TOKEN_TYPE).keyID(active.kid()).build();
        var jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(active.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return new IssuedToken(jwt.serialize(), lifetime, now);
    }
}
