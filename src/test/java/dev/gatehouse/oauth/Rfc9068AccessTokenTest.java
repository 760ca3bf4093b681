package dev.gatehouse.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.accessToken;
import static dev.gatehouse.oauth.Protocol.claims;
import static dev.gatehouse.oauth.Protocol.rawPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 9068 (JWT Profile for OAuth 2.0 Access Tokens) as SPEC §3 "Access tokens" fills it in: the
 * header, the signature against the issuer's published JWKS, and every claim, for client-credentials
 * and password-grant tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc9068AccessTokenTest {
    static final String USER_EMAIL = "reader@example.com";
    static final String USER_PASSWORD = "a long enough password 1";

    TestServer server;
    Protocol p;
    String tenantId;
    String issuer;
    Creds ccClient;
    Creds ropcClient;
    String userId;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        tenantId = server.defaultTenantId();
        issuer = server.baseUrl() + "/auth2/" + tenantId;
        ccClient = p.ccClient("default", "accessTokenLifetime", 900, "roles", List.of("Skill User", "Skill Designer"));
        ropcClient = p.createClient("default", TestServer.body("allowRopc", true, "accessTokenLifetime", 1200));
        userId = p.createUser("default", USER_EMAIL, USER_PASSWORD, List.of("Manual Review Operator"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String ccToken() {
        return accessToken(p.tokenBasic(TOKEN, ccClient, "grant_type", "client_credentials"));
    }

    private String passwordToken() {
        return accessToken(p.tokenBasic(TOKEN, ropcClient, "grant_type", "password", "username", USER_EMAIL,
                "password", USER_PASSWORD, "scope", "openid permissions"));
    }

    /** The issuer's JWKS, found the way a resource server finds it: discovery, then jwks_uri, over HTTP. */
    private JWKSet publishedKeys(String discoveryPath) throws Exception {
        var discovery = server.get(discoveryPath, null);
        assertThat(discovery.status()).isEqualTo(200);
        String jwksUri = discovery.json().get("jwks_uri").asText();
        assertThat(jwksUri).startsWith(server.baseUrl());
        var jwks = server.get(jwksUri.substring(server.baseUrl().length()), null);
        assertThat(jwks.status()).isEqualTo(200);
        return JWKSet.parse(jwks.body());
    }

    /** Validates as RFC 9068 §4 tells a resource server to: typ at+jwt, a published key, RS256 only. */
    private static JWTClaimsSet validate(String token, JWKSet keys) throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        return processor.process(token, null);
    }

    @Test
    @DisplayName("RFC 9068 §2.1: header typ is at+jwt, alg RS256, kid names a key in the issuer's JWKS")
    void header() throws Exception {
        var header = SignedJWT.parse(ccToken()).getHeader();
        assertThat(header.getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(header.getKeyID()).isNotBlank();
        var key = publishedKeys("/auth2/default/.well-known/openid-configuration").getKeyByKeyId(header.getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    @DisplayName("RFC 9068 §4: the signature verifies against the JWKS published over HTTP, and a changed token does not")
    void signatureVerifies() throws Exception {
        JWKSet keys = publishedKeys("/auth2/" + tenantId + "/.well-known/openid-configuration");
        for (String token : List.of(ccToken(), passwordToken())) {
            assertThat(validate(token, keys).getIssuer()).isEqualTo(issuer);
            String[] parts = token.split("\\.");
            String forged = new JWTClaimsSet.Builder(claims(token)).subject("someone-else").build().toString();
            String otherPayload = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(forged.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> validate(parts[0] + "." + otherPayload + "." + parts[2], keys))
                    .hasMessageContaining("Signed JWT rejected");
        }
    }

    @Test
    @DisplayName("RFC 9068 §4 / SPEC §1: a tenant's token does not verify with another issuer's keys")
    void keysArePerIssuer() throws Exception {
        String kid = SignedJWT.parse(ccToken()).getHeader().getKeyID();
        assertThat(publishedKeys("/auth2/.well-known/openid-configuration").getKeyByKeyId(kid)).isNull();
        String other = Protocol.unique("at-other");
        p.createTenant(other);
        JWKSet otherKeys = publishedKeys("/auth2/" + other + "/.well-known/openid-configuration");
        assertThat(otherKeys.getKeyByKeyId(kid)).isNull();
        assertThatThrownBy(() -> validate(ccToken(), otherKeys)).hasMessageContaining("Signed JWT rejected");
    }

    @Test
    @DisplayName("RFC 9068 §2.2: client-credentials claims iss, sub = client id, aud, client_id, scope, tenant_id, role, iat, nbf, exp, jti")
    void clientCredentialsClaims() throws Exception {
        String token = ccToken();
        JWTClaimsSet c = claims(token);
        assertThat(c.getIssuer()).isEqualTo(issuer);
        assertThat(c.getSubject()).isEqualTo(ccClient.clientId());
        assertThat(c.getAudience()).containsExactly(server.baseUrl() + "/api");
        assertThat(c.getStringClaim("client_id")).isEqualTo(ccClient.clientId());
        assertThat(c.getStringClaim("scope")).isEqualTo("openid permissions publicapi.all");
        assertThat(c.getStringClaim("tenant_id")).isEqualTo(tenantId);
        assertThat(rawPayload(token).get("role").isArray()).isTrue();
        assertThat(c.getStringListClaim("role")).containsExactly("Skill User", "Skill Designer");
        assertThat(c.getIssueTime()).isNotNull();
        assertThat(c.getNotBeforeTime()).isEqualTo(c.getIssueTime());
        assertThat(c.getExpirationTime().getTime() - c.getIssueTime().getTime()).isEqualTo(900_000L);
        assertThat(c.getJWTID()).isNotBlank();
        assertThat(c.getClaims()).doesNotContainKeys("email", "auth_time");
    }

    @Test
    @DisplayName("RFC 9068 §2.2: a single role is still a JSON array")
    void singleRoleIsAnArray() {
        Creds one = p.ccClient("default", "roles", List.of("Skill User"));
        var role = rawPayload(accessToken(p.tokenBasic(TOKEN, one, "grant_type", "client_credentials"))).get("role");
        assertThat(role.isArray()).isTrue();
        assertThat(role.size()).isEqualTo(1);
        assertThat(role.get(0).asText()).isEqualTo("Skill User");
    }

    @Test
    @DisplayName("RFC 9068 §2.2: password-grant claims sub = user id, email, auth_time, the user's roles, exp = iat + lifetime")
    void passwordGrantClaims() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        String token = passwordToken();
        JWTClaimsSet c = claims(token);
        assertThat(c.getIssuer()).isEqualTo(issuer);
        assertThat(c.getSubject()).isEqualTo(userId);
        assertThat(c.getAudience()).containsExactly(server.baseUrl() + "/api");
        assertThat(c.getStringClaim("client_id")).isEqualTo(ropcClient.clientId());
        assertThat(c.getStringClaim("scope")).isEqualTo("openid permissions");
        assertThat(c.getStringClaim("tenant_id")).isEqualTo(tenantId);
        assertThat(c.getStringClaim("email")).isEqualTo(USER_EMAIL);
        assertThat(c.getLongClaim("auth_time")).isBetween(before - 1, System.currentTimeMillis() / 1000 + 1);
        assertThat(rawPayload(token).get("auth_time").isNumber()).isTrue();
        assertThat(c.getStringListClaim("role")).containsExactly("Manual Review Operator");
        assertThat(c.getNotBeforeTime()).isEqualTo(c.getIssueTime());
        assertThat(c.getExpirationTime().getTime() - c.getIssueTime().getTime()).isEqualTo(1_200_000L);
        assertThat(c.getJWTID()).isNotBlank();
    }

    @Test
    @DisplayName("RFC 9068 §2.2 / RFC 7519 §4.1.7: jti is unique per token")
    void jtiIsUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) ids.add(claims(ccToken()).getJWTID());
        ids.add(claims(passwordToken()).getJWTID());
        assertThat(ids).hasSize(11);
    }

    @Test
    @DisplayName("RFC 9068 §2.2 / SPEC §2: an installation client's own token has the installation issuer and no tenant_id")
    void installationClientToken() throws Exception {
        Creds inst = p.createInstallationClient(TestServer.body("allowedGrantTypes", List.of("client_credentials")));
        String token = accessToken(p.tokenBasic(TOKEN, inst, "grant_type", "client_credentials"));
        JWTClaimsSet c = validate(token, publishedKeys("/auth2/.well-known/openid-configuration"));
        assertThat(c.getIssuer()).isEqualTo(server.baseUrl() + "/auth2");
        assertThat(c.getSubject()).isEqualTo(inst.clientId());
        assertThat(c.getClaims()).doesNotContainKey("tenant_id");
    }
}
