package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.Protocol.FORM;
import static dev.gatehouse.oauth.Protocol.accessToken;
import static dev.gatehouse.oauth.Protocol.basic;
import static dev.gatehouse.oauth.Protocol.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect Discovery 1.0 (§3 metadata, §4 obtaining it) and RFC 8414, with the issuer's JWKS
 * (RFC 7517 §5), for tenant issuers ({base}/auth2/{tenantId}) and the installation issuer ({base}/auth2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcDiscoveryTest {
    static final String WELL_KNOWN = "/.well-known/openid-configuration";

    TestServer server;
    Protocol p;
    String tenantId;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        tenantId = server.defaultTenantId();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode discover(String path) {
        Response r = server.get(path, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return r.json();
    }

    private String relative(String url) {
        assertThat(url).startsWith(server.baseUrl() + "/");
        return url.substring(server.baseUrl().length());
    }

    @Test
    @DisplayName("OIDC Discovery §4.2 / SPEC §2: tenant discovery by name and by id gives issuer {base}/auth2/{tenantId}")
    void tenantIssuerByNameAndId() {
        String expected = server.baseUrl() + "/auth2/" + tenantId;
        assertThat(discover("/auth2/default" + WELL_KNOWN).get("issuer").asText()).isEqualTo(expected);
        assertThat(discover("/auth2/" + tenantId + WELL_KNOWN).get("issuer").asText()).isEqualTo(expected);
    }

    @Test
    @DisplayName("OIDC Discovery §4.2 / SPEC §2: installation discovery gives issuer {base}/auth2")
    void installationIssuer() {
        var m = discover("/auth2" + WELL_KNOWN);
        assertThat(m.get("issuer").asText()).isEqualTo(server.baseUrl() + "/auth2");
        assertThat(m.get("token_endpoint").asText()).isEqualTo(server.baseUrl() + "/auth2/connect/token");
        assertThat(m.get("jwks_uri").asText()).isEqualTo(server.baseUrl() + "/auth2" + WELL_KNOWN + "/jwks");
    }

    @Test
    @DisplayName("OIDC Discovery §3 / RFC 8414 §2: endpoints live under the issuer, and the metadata lists what the token endpoint does")
    void metadataFields() {
        var m = discover("/auth2/" + tenantId + WELL_KNOWN);
        String issuer = m.get("issuer").asText();
        assertThat(m.get("jwks_uri").asText()).isEqualTo(issuer + WELL_KNOWN + "/jwks");
        assertThat(m.get("token_endpoint").asText()).isEqualTo(issuer + "/connect/token");
        assertThat(texts(m.get("grant_types_supported"))).contains("client_credentials", "password");
        assertThat(texts(m.get("token_endpoint_auth_methods_supported")))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
        assertThat(texts(m.get("scopes_supported"))).contains("openid", "permissions", "publicapi.all", "global.wildcard");
        assertThat(texts(m.get("subject_types_supported"))).containsExactly("public");
    }

    @Test
    @DisplayName("OIDC Discovery §3: jwks_uri resolves to the issuer's JWKS document")
    void jwksUriResolves() throws Exception {
        for (String issuerPath : List.of("/auth2/default", "/auth2/" + tenantId, "/auth2")) {
            var m = discover(issuerPath + WELL_KNOWN);
            Response r = server.get(relative(m.get("jwks_uri").asText()), null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/jwk-set+json");
            JWKSet set = JWKSet.parse(r.body());
            assertThat(set.getKeys()).isNotEmpty();
            for (var key : set.getKeys()) {
                assertThat(key.getKeyID()).isNotBlank();
                assertThat(key.getAlgorithm()).isNotNull();
                assertThat(key.isPrivate()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("RFC 7517 §5 / RFC 7518 §6.3.2: the JWKS has only public members, no d, p, q, dp, dq, qi")
    void jwksHasOnlyPublicParts() {
        String other = Protocol.unique("disc");
        p.createTenant(other);
        for (String path : List.of("/auth2/" + tenantId, "/auth2", "/auth2/" + other)) {
            var keys = server.get(path + WELL_KNOWN + "/jwks", null).json().get("keys");
            assertThat(keys.size()).isPositive();
            for (JsonNode key : keys) {
                assertThat(key.has("kty")).isTrue();
                assertThat(key.has("kid")).isTrue();
                for (String privateMember : List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k")) {
                    assertThat(key.has(privateMember)).as("%s in %s", privateMember, key).isFalse();
                }
            }
        }
    }

    @Test
    @DisplayName("OIDC Discovery §3: token_endpoint resolves and issues tokens whose iss is the discovered issuer")
    void tokenEndpointWorks() {
        var m = discover("/auth2/default" + WELL_KNOWN);
        String tokenPath = relative(m.get("token_endpoint").asText());
        Creds c = p.ccClient("default");
        Response r = p.post(tokenPath, Map.of("Content-Type", FORM, "Authorization", basic(c.clientId(), c.secret())),
                "grant_type=client_credentials");
        assertThat(claims(accessToken(r)).getIssuer()).isEqualTo(m.get("issuer").asText());
    }

    @Test
    @DisplayName("SPEC §2: discovery and JWKS of an unknown tenant are 404 with a JSON error")
    void unknownTenant() {
        for (String path : List.of("/auth2/no-such-tenant" + WELL_KNOWN, "/auth2/no-such-tenant" + WELL_KNOWN + "/jwks",
                "/auth2/00000000-0000-0000-0000-000000000000" + WELL_KNOWN, "/auth2/" + "x".repeat(300) + WELL_KNOWN)) {
            Response r = server.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.json().get("error").asText()).isNotBlank();
        }
    }

    @Test
    @DisplayName("SPEC §2: a disabled tenant's discovery is 404 like an unknown one")
    void disabledTenant() {
        String name = Protocol.unique("disc-off");
        String id = p.createTenant(name);
        assertThat(server.get("/auth2/" + name + WELL_KNOWN, null).status()).isEqualTo(200);
        var r = server.patchJson("/api/adminapi2/v1/tenants/" + id, p.installationAdminToken(),
                TestServer.body("enabled", false));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(server.get("/auth2/" + name + WELL_KNOWN, null).status()).isEqualTo(404);
        assertThat(server.get("/auth2/" + id + WELL_KNOWN + "/jwks", null).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("SPEC §2: a tenant created after its name was looked up in vain is discoverable at once")
    void tenantCreatedAfterAFailedLookup() {
        String name = Protocol.unique("disc-late");
        assertThat(server.get("/auth2/" + name + WELL_KNOWN, null).status()).isEqualTo(404);
        String id = p.createTenant(name);
        var r = server.get("/auth2/" + name + WELL_KNOWN, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("issuer").asText()).isEqualTo(server.baseUrl() + "/auth2/" + id);
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        var out = new java.util.ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
