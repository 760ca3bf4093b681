package dev.gatehouse.crypto;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.RevokedAccessTokens;
import dev.gatehouse.store.SigningKeyStore;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.TenantStore;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3 access tokens (RFC 9068) and §4 authorization: only Gatehouse's own at+jwt tokens, signed by a
 * key their issuer publishes, for Gatehouse's audience and inside their validity time, are accepted.
 */
class JwtVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Issuers ISSUERS = new Issuers("https://id.example.com");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TENANT = "0b6f4d4e-2c1a-4f7e-9d58-3a0c7e5b1f22";
    private static final String OTHER_TENANT = "5d2e8f10-7b3c-4a9d-8e61-c4f0a2b9d733";
    private static final String EDDSA_TENANT = "9a41c7e2-5f0b-4d3a-b8e6-1c2d3e4f5a6b";

    private static Database db;
    private static SigningKeys keys;
    private static JwtVerifier verifier;
    private static RevokedAccessTokens revoked;
    private static SigningKeys.SigningKey installationKey;
    private static SigningKeys.SigningKey tenantKey;
    private static SigningKeys.SigningKey otherTenantKey;
    private static SigningKeys.SigningKey eddsaTenantKey;

    @BeforeAll
    static void createKeys() {
        db = TestDatabase.openH2();
        var tenants = new TenantStore(db);
        for (String id : List.of(TENANT, OTHER_TENANT, EDDSA_TENANT)) {
            tenants.insert(new Tenant(id, "t-" + id.substring(0, 8), "Tenant", true, TenantSettings.defaults(),
                    NOW, NOW));
        }
        var master = MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), Path.of("unused"));
        var changes = new ChangeFeed(db, CLOCK);
        keys = new SigningKeys(new SigningKeyStore(db), master, changes, CLOCK);
        keys.create(null, SigningAlgorithm.RS256);
        keys.create(TENANT, SigningAlgorithm.ES256);
        keys.create(OTHER_TENANT, SigningAlgorithm.ES256);
        keys.create(EDDSA_TENANT, SigningAlgorithm.EdDSA);
        installationKey = keys.active(null).orElseThrow();
        tenantKey = keys.active(TENANT).orElseThrow();
        otherTenantKey = keys.active(OTHER_TENANT).orElseThrow();
        eddsaTenantKey = keys.active(EDDSA_TENANT).orElseThrow();
        revoked = new RevokedAccessTokens(db, changes, CLOCK);
        verifier = new JwtVerifier(keys, new TenantCache(tenants, changes), revoked, ISSUERS, CLOCK);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    /** The claims Gatehouse puts into a client-credentials token of {@code tenantId}'s issuer. */
    private static JWTClaimsSet.Builder claims(String tenantId) {
        var b = new JWTClaimsSet.Builder()
                .issuer(ISSUERS.forTenant(tenantId))
                .subject("my-client")
                .audience(ISSUERS.audience())
                .claim("client_id", "my-client")
                .claim("scope", "openid permissions")
                .issueTime(Date.from(NOW))
                .notBeforeTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(3600)))
                .jwtID("jti-1");
        if (tenantId != null) b.claim("tenant_id", tenantId);
        return b;
    }

    private static String sign(SigningKeys.SigningKey key, JWTClaimsSet.Builder claims) {
        return sign(key.signer(), new JWSHeader.Builder(key.algorithm()).type(new JOSEObjectType("at+jwt"))
                .keyID(key.kid()).build(), claims.build());
    }

    private static String sign(SigningKeys.SigningKey key, Consumer<JWTClaimsSet.Builder> change) {
        var b = claims(TENANT);
        change.accept(b);
        return sign(key, b);
    }

    private static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tenantToken(JWSHeader.Builder header) {
        return sign(tenantKey.signer(), header.build(), claims(TENANT).build());
    }

    @Test
    void aTenantTokenSignedWithTheActiveKeyVerifies() {
        var claims = claims(TENANT).build();
        var verified = verifier.verifyAccessToken(sign(tenantKey, claims(TENANT)));
        assertThat(verified).isPresent();
        assertThat(verified.get().issuerTenantId()).isEqualTo(TENANT);
        assertThat(verified.get().claims().toJSONObject()).isEqualTo(claims.toJSONObject());
    }

    @Test
    void aRevokedTokenIsRefusedUntilItWouldHaveExpired() {
        String token = sign(tenantKey, claims(TENANT).jwtID("jti-to-revoke"));
        assertThat(verifier.verifyAccessToken(token)).isPresent();
        revoked.revoke("jti-to-revoke", NOW.plusSeconds(3600));
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
        assertThat(verifier.verifyAccessToken(sign(tenantKey, claims(TENANT).jwtID("another-jti")))).isPresent();
    }

    @Test
    void anInstallationTokenSignedWithTheActiveRs256KeyVerifies() {
        var verified = verifier.verifyAccessToken(sign(installationKey, claims(null)));
        assertThat(verified).isPresent();
        assertThat(verified.get().issuerTenantId()).isNull();
        assertThat(verified.get().claims().getIssuer()).isEqualTo("https://id.example.com/auth2");
    }

    @Test
    void anEdDsaTokenSignedWithTheActiveOkpKeyVerifies() {
        assertThat(eddsaTenantKey.algorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        var verified = verifier.verifyAccessToken(sign(eddsaTenantKey, claims(EDDSA_TENANT)));
        assertThat(verified).isPresent();
        assertThat(verified.get().issuerTenantId()).isEqualTo(EDDSA_TENANT);
    }

    @Test
    void anEdDsaTokenTamperedOrSignedByAnotherOkpKeyUnderOurKidIsRefused() throws Exception {
        String[] parts = sign(eddsaTenantKey, claims(EDDSA_TENANT)).split("\\.");
        String forged = b64(claims(EDDSA_TENANT).subject("someone-else").build().toString());
        assertThat(verifier.verifyAccessToken(parts[0] + "." + forged + "." + parts[2])).isEmpty();
        var header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("at+jwt"))
                .keyID(eddsaTenantKey.kid()).build();
        var attacker = new EdDsaSigner(Ed25519Keys.generate(eddsaTenantKey.kid()));
        assertThat(verifier.verifyAccessToken(sign(attacker, header, claims(EDDSA_TENANT).build()))).isEmpty();
    }

    @Test
    void anOkpKeysKidUnderAnotherAlgorithmIsRefused() {
        var header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(eddsaTenantKey.kid()).build();
        String token = sign(otherTenantKey.signer(), header, claims(EDDSA_TENANT).build());
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void aTokenForSeveralAudiencesIncludingOursVerifies() {
        String token = sign(tenantKey, b -> b.audience(List.of("https://other.example.com", ISSUERS.audience())));
        assertThat(verifier.verifyAccessToken(token)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "id_token+jwt", "logout+jwt", "at+jwt+x"})
    void aTokenOfAnotherTypeIsRefused(String typ) {
        String token = tenantToken(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(typ))
                .keyID(tenantKey.kid()));
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void theTypeIsComparedAsAMediaTypeIgnoringCase() {
        String token = tenantToken(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("AT+JWT"))
                .keyID(tenantKey.kid()));
        assertThat(verifier.verifyAccessToken(token)).isPresent();
    }

    @Test
    void aTokenWithoutATypeIsRefused() {
        String token = tenantToken(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(tenantKey.kid()));
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.audience("https://other.example.com/api"))))
                .isEmpty();
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.audience("https://id.example.com"))))
                .isEmpty();
    }

    @Test
    void aTokenWithoutAnAudienceIsRefused() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.audience((String) null)))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewHasPassed() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.expirationTime(Date.from(NOW.minusSeconds(29))))))
                .as("29 s past exp, inside the 30 s skew").isPresent();
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.expirationTime(Date.from(NOW.minusSeconds(30))))))
                .isEmpty();
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.expirationTime(Date.from(NOW.minusSeconds(3600))))))
                .isEmpty();
    }

    @Test
    void aTokenWithoutAnExpirationIsRefused() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.expirationTime(null)))).isEmpty();
    }

    @Test
    void aTokenNotYetValidIsRefusedBeyondTheClockSkew() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.notBeforeTime(Date.from(NOW.plusSeconds(30))))))
                .as("nbf 30 s ahead, inside the skew").isPresent();
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.notBeforeTime(Date.from(NOW.plusSeconds(31))))))
                .isEmpty();
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.notBeforeTime(Date.from(NOW.plusSeconds(3600))))))
                .isEmpty();
    }

    @Test
    void aTokenWithoutNotBeforeIsAccepted() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.notBeforeTime(null)))).isPresent();
    }

    @Test
    void aTokenNamingAnUnknownKidIsRefused() {
        String token = tenantToken(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID("no-such-key"));
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void aTokenWithoutAKidIsRefused() {
        String token = tenantToken(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")));
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com/auth2", "https://evil.example.com/auth2/" + TENANT,
            "http://id.example.com/auth2/" + TENANT, "https://id.example.com/auth2/" + TENANT + "/x",
            "https://id.example.com"})
    void aTokenFromAForeignIssuerIsRefused(String issuer) {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.issuer(issuer)))).isEmpty();
    }

    @Test
    void aTokenWithoutAnIssuerIsRefused() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.issuer(null)))).isEmpty();
    }

    @Test
    void aTenantKeyCannotVouchForAnotherIssuer() {
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.issuer(ISSUERS.forTenant(OTHER_TENANT)))))
                .isEmpty();
        assertThat(verifier.verifyAccessToken(sign(tenantKey, b -> b.issuer(ISSUERS.installation())))).isEmpty();
        assertThat(verifier.verifyAccessToken(sign(otherTenantKey, b -> {}))).isEmpty();
        assertThat(verifier.verifyAccessToken(sign(installationKey, b -> {}))).isEmpty();
    }

    @Test
    void aTokenOfAnIssuerWithoutKeysIsRefused() {
        String token = sign(tenantKey, b -> b.issuer(ISSUERS.forTenant("no-such-tenant")));
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + tenantKey.kid() + "\"}");
        String payload = b64(claims(TENANT).build().toString());
        assertThat(verifier.verifyAccessToken(header + "." + payload + ".")).isEmpty();
        String signature = sign(tenantKey, claims(TENANT)).split("\\.")[2];
        assertThat(verifier.verifyAccessToken(header + "." + payload + "." + signature)).isEmpty();
    }

    @Test
    void anHs256TokenKeyedWithThePublishedPublicKeyIsRefused() throws Exception {
        var rsaPublic = keys.forIssuer(null).publicKeys().getKeyByKeyId(installationKey.kid()).toRSAKey();
        byte[] secret = rsaPublic.toJSONString().getBytes(StandardCharsets.UTF_8);
        var header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(installationKey.kid()).build();
        String token = sign(new MACSigner(secret), header, claims(null).build());
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
        String withModulus = sign(new MACSigner(rsaPublic.getModulus().decode()), header, claims(null).build());
        assertThat(verifier.verifyAccessToken(withModulus)).isEmpty();
    }

    @Test
    void anotherAlgorithmThanTheKeysIsRefusedEvenWithAValidSignature() {
        var header = new JWSHeader.Builder(JWSAlgorithm.RS512).type(new JOSEObjectType("at+jwt"))
                .keyID(installationKey.kid()).build();
        String token = sign(installationKey.signer(), header, claims(null).build());
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void aSignatureByAnotherKeyUnderOurKidIsRefused() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(tenantKey.kid()).generate();
        var header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(tenantKey.kid()).jwk(attacker.toPublicJWK()).build();
        String token = sign(new ECDSASigner(attacker), header, claims(TENANT).build());
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = sign(tenantKey, claims(TENANT)).split("\\.");
        String forged = b64(claims(TENANT).subject("someone-else").claim("role", List.of("Tenant Administrator"))
                .build().toString());
        assertThat(verifier.verifyAccessToken(parts[0] + "." + forged + "." + parts[2])).isEmpty();
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = sign(installationKey, claims(null));
        int last = token.length() - 2;
        char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
        assertThat(verifier.verifyAccessToken(token.substring(0, last) + flipped + token.substring(last + 1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-token", "a.b.c", "a.b", "a.b.c.d.e", "..", "eyJhbGciOiJSUzI1NiJ9..",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.bm90IGpzb24.c2ln"})
    void garbageIsRefused(String token) {
        assertThat(verifier.verifyAccessToken(token)).isEmpty();
    }

    @Test
    void claimsOfTheWrongTypeAreRefused() {
        String header = b64("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + tenantKey.kid() + "\"}");
        for (String payload : List.of("{\"iss\":5}", "{\"iss\":\"" + ISSUERS.forTenant(TENANT) + "\",\"exp\":\"soon\"}",
                "[]", "\"text\"")) {
            assertThat(verifier.verifyAccessToken(header + "." + b64(payload) + ".c2ln")).as(payload).isEmpty();
        }
    }

    /** An ID token as Gatehouse issues it (typ JWT, audience a client), with claims changed as asked. */
    private static String idToken(SigningKeys.SigningKey key, Consumer<JWTClaimsSet.Builder> change) {
        var b = claims(TENANT).audience("some-client");
        change.accept(b);
        var header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.kid()).build();
        return sign(key.signer(), header, b.build());
    }

    @Test
    void anIdTokenHintVerifiesEvenWhenExpired() {
        var verified = verifier.verifyIdTokenHint(idToken(tenantKey,
                b -> b.issueTime(Date.from(NOW.minusSeconds(7200))).expirationTime(Date.from(NOW.minusSeconds(6900)))));
        assertThat(verified).isPresent();
        assertThat(verified.get().issuerTenantId()).isEqualTo(TENANT);
        assertThat(verified.get().claims().getAudience()).containsExactly("some-client");
    }

    @Test
    void anAccessTokenIsNoIdTokenHint() {
        assertThat(verifier.verifyIdTokenHint(sign(tenantKey, claims(TENANT)))).isEmpty();
    }

    @Test
    void anIdTokenHintSignedByAnotherIssuersKeyIsRefused() {
        assertThat(verifier.verifyIdTokenHint(idToken(otherTenantKey, b -> {}))).isEmpty();
        assertThat(verifier.verifyIdTokenHint("not a token")).isEmpty();
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
