package dev.gatehouse.admin;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §4 authorization of the admin API: only valid access tokens of Gatehouse itself, for the
 * right tenant, with the right role. Tokens are forged here with the tenant's real key to show that
 * each check holds on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccessTest {
    static final String CLIENTS = "/api/adminapi2/v1/tenants/default/clients";
    TestServer server;
    String tenantId;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        tenantId = server.defaultTenantId();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A token like the bootstrap client's, signed with the tenant's current key, after {@code change}. */
    private String token(Consumer<JWTClaimsSet.Builder> change) throws Exception {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(server.baseUrl() + "/auth2/" + tenantId)
                .subject(TestServer.ADMIN_CLIENT_ID)
                .audience(server.baseUrl() + "/api")
                .claim("client_id", TestServer.ADMIN_CLIENT_ID)
                .claim("tenant_id", tenantId)
                .claim("role", List.of("Tenant Administrator"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID("jti-" + System.nanoTime());
        change.accept(claims);
        var key = server.app().signingKeys().active(tenantId).orElseThrow();
        var jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).type(new JOSEObjectType("at+jwt"))
                .keyID(key.kid()).build(), claims.build());
        jwt.sign(key.signer());
        return jwt.serialize();
    }

    @Test
    void aWellFormedTokenPasses() throws Exception {
        assertThat(server.get(CLIENTS, token(c -> {})).status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsUnauthorized() throws Exception {
        var r = server.get(CLIENTS, token(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("detail").asText()).isEqualTo("The access token is invalid or expired.");
    }

    @Test
    void aTokenNotYetValidIsUnauthorized() throws Exception {
        assertThat(server.get(CLIENTS, token(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))))
                .status()).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() throws Exception {
        assertThat(server.get(CLIENTS, token(c -> c.audience("https://elsewhere.example.com"))).status()).isEqualTo(401);
    }

    @Test
    void aTokenNamingAnotherIssuerIsUnauthorized() throws Exception {
        assertThat(server.get(CLIENTS, token(c -> c.issuer("https://id.example.com/auth2/" + tenantId))).status())
                .isEqualTo(401);
    }

    @Test
    void aTokenSignedByAStrangerIsUnauthorized() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        var claims = SignedJWT.parse(token(c -> {})).getJWTClaimsSet();
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(server.app().signingKeys().active(tenantId).orElseThrow().kid()).build(), claims);
        forged.sign(new RSASSASigner(stranger));
        assertThat(server.get(CLIENTS, forged.serialize()).status()).isEqualTo(401);
    }

    @Test
    void anIdTokenOrOtherJwtTypeIsUnauthorized() throws Exception {
        var claims = SignedJWT.parse(token(c -> {})).getJWTClaimsSet();
        var key = server.app().signingKeys().active(tenantId).orElseThrow();
        var idToken = new SignedJWT(new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.kid())
                .build(), claims);
        idToken.sign(key.signer());
        assertThat(server.get(CLIENTS, idToken.serialize()).status()).isEqualTo(401);
    }

    @Test
    void aValidTokenWithoutTheRoleIsForbidden() throws Exception {
        var r = server.get(CLIENTS, token(c -> c.claim("role", List.of("Skill User"))));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("detail").asText())
                .isEqualTo("This token does not grant Tenant Administrator on this tenant.");
    }

    @Test
    void aTenantAdministratorIsNoInstallationAdministrator() throws Exception {
        assertThat(server.get("/api/adminapi2/v1/tenants", token(c -> {})).status()).isEqualTo(403);
    }

    @Test
    void malformedAuthorizationHeadersAreUnauthorized() {
        for (String header : List.of("Bearer", "Bearer ", "Basic abc", "bearer x.y.z", "Bearer " + "a".repeat(7_000))) {
            var r = server.send("GET", CLIENTS, java.util.Map.of("Authorization", header), null);
            assertThat(r.status()).as(header.length() > 40 ? "long header" : header).isEqualTo(401);
        }
    }

    @Test
    void aHeaderBeyondTheHttpServersLimitNeverReachesTheApi() throws Exception {
        // A client of its own: the server closes this connection, which must not disturb the other tests.
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + server.app().settings().port() + CLIENTS))
                    .header("Authorization", "Bearer " + "a".repeat(20_000)).build();
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(431);
        }
    }
}
