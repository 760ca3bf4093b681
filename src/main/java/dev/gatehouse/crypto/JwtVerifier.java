package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.store.RevokedAccessTokens;
import dev.gatehouse.store.TenantCache;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies Gatehouse's own JWT access tokens: well-formed, {@code typ: at+jwt}, issued by one of our
 * issuers, signed by a key that issuer publishes, for our audience, inside its validity time, and
 * not revoked. Also checks ID tokens sent back to us as logout hints.
 */
public final class JwtVerifier {
    /** How far the clocks of Gatehouse and whoever minted or checks a token may disagree. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A verified token: its issuer's tenant (null for the installation issuer) and its claims. */
    public record Verified(String issuerTenantId, JWTClaimsSet claims) {}

    private final SigningKeys keys;
    private final TenantCache tenants;
    private final RevokedAccessTokens revoked;
    private final Issuers issuers;
    private final Clock clock;

    public JwtVerifier(SigningKeys keys, TenantCache tenants, RevokedAccessTokens revoked, Issuers issuers, Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.revoked = revoked;
        this.issuers = issuers;
        this.clock = clock;
    }

    /** The verified token, or empty for anything not a valid access token of ours. */
    public Optional<Verified> verifyAccessToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!ACCESS_TOKEN_TYPE.equals(jwt.getHeader().getType())) return Optional.empty();
            Optional<Verified> verified = signedByOurIssuer(jwt);
            if (verified.isEmpty()) return Optional.empty();
            JWTClaimsSet claims = verified.get().claims();
            if (!claims.getAudience().contains(issuers.audience())) return Optional.empty();
            if (!isCurrent(claims) || revoked.isRevoked(claims.getJWTID())) return Optional.empty();
            return verified;
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * An ID token of ours presented as {@code id_token_hint} (OIDC RP-Initiated Logout §2): {@code typ:
     * JWT}, issued and signed by one of our issuers. Its expiry is not checked, because a hint is often
     * sent after the ID token expired; the caller checks the audience against its clients.
     */
    public Optional<Verified> verifyIdTokenHint(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JOSEObjectType.JWT.equals(jwt.getHeader().getType())) return Optional.empty();
            return signedByOurIssuer(jwt);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The token's claims if its issuer is one of ours and a key that issuer publishes signed it. */
    private Optional<Verified> signedByOurIssuer(SignedJWT jwt) throws ParseException, JOSEException {
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        var tenant = issuers.tenantOf(claims.getIssuer());
        if (tenant.isEmpty()) return Optional.empty();
        String tenantId = tenant.get().orElse(null);
        // The issuer is not yet verified: look keys up only for tenants that exist.
        if (tenantId != null && (!UUID_SHAPE.matcher(tenantId).matches() || tenants.find(tenantId).isEmpty())) {
            return Optional.empty();
        }
        String kid = jwt.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.forIssuer(tenantId).publicKeys().getKeyByKeyId(kid);
        if (key == null || !algorithmFits(key, jwt)) return Optional.empty();
        if (!jwt.verify(verifierFor(key))) return Optional.empty();
        return Optional.of(new Verified(tenantId, claims));
    }

    private boolean isCurrent(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant().plus(CLOCK_SKEW))) return false;
        Date nbf = claims.getNotBeforeTime();
        return nbf == null || !now.plus(CLOCK_SKEW).isBefore(nbf.toInstant());
    }

    private static boolean algorithmFits(JWK key, SignedJWT jwt) {
        return key.getAlgorithm() != null && key.getAlgorithm().equals(jwt.getHeader().getAlgorithm());
    }

    private static JWSVerifier verifierFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) return new RSASSAVerifier(rsa);
        if (key instanceof ECKey ec) return new ECDSAVerifier(ec);
        if (key instanceof OctetKeyPair okp) return new EdDsaVerifier(okp);
        throw new JOSEException("unsupported key type");
    }
}
