package dev.gatehouse.oauth;

import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.accessToken;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.oauth.Protocol.claims;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7662 token introspection. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc7662IntrospectionTest {
    static final String INTROSPECT = "/auth2/connect/introspect";
    static final String PASSWORD = "introspection-password";
    TestServer server;
    Protocol p;
    Creds resourceServer;
    Creds app;
    String email;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        email = Protocol.unique("introspect") + "@example.com";
        p.createUser("default", email, PASSWORD, List.of("Skill User"));
        resourceServer = p.ccClient("default");
        app = p.createClient("default", TestServer.body("allowRopc", true, "allowOfflineAccess", true));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private TestServer.Response signIn() {
        return p.tokenBasic(TOKEN, app, "grant_type", "password", "username", email, "password", PASSWORD,
                "scope", "openid permissions offline_access");
    }

    @Test
    @DisplayName("§2.2: an active access token is described with its claims")
    void activeAccessToken() throws Exception {
        String token = accessToken(signIn());
        var jwt = claims(token);
        var r = p.tokenBasic(INTROSPECT, resourceServer, "token", token, "token_type_hint", "access_token");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        var j = r.json();
        assertThat(j.get("active").asBoolean()).isTrue();
        assertThat(j.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(j.get("scope").asText()).isEqualTo("openid permissions offline_access");
        assertThat(j.get("client_id").asText()).isEqualTo(app.clientId());
        assertThat(j.get("username").asText()).isEqualTo(email);
        assertThat(j.get("sub").asText()).isEqualTo(jwt.getSubject());
        assertThat(j.get("iss").asText()).isEqualTo(jwt.getIssuer());
        assertThat(j.get("exp").asLong()).isEqualTo(jwt.getExpirationTime().toInstant().getEpochSecond());
        assertThat(j.get("iat").asLong()).isEqualTo(jwt.getIssueTime().toInstant().getEpochSecond());
        assertThat(j.get("jti").asText()).isEqualTo(jwt.getJWTID());
        assertThat(j.get("tenant_id").asText()).isEqualTo(server.defaultTenantId());
        assertThat(j.get("role").get(0).asText()).isEqualTo("Skill User");
    }

    @Test
    @DisplayName("§2.2: a refresh token is active only for the client it was issued to")
    void introspectedRefreshToken() {
        String refresh = signIn().json().get("refresh_token").asText();
        var own = p.tokenBasic(INTROSPECT, app, "token", refresh).json();
        assertThat(own.get("active").asBoolean()).isTrue();
        assertThat(own.get("token_type").asText()).isEqualTo("refresh_token");
        assertThat(own.get("client_id").asText()).isEqualTo(app.clientId());
        var foreign = p.tokenBasic(INTROSPECT, resourceServer, "token", refresh).json();
        assertThat(foreign.get("active").asBoolean()).isFalse();
        assertThat(foreign.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("§2.2: revoked, forged, unknown and other tenants' tokens are inactive and nothing more")
    void inactiveTokens() {
        String token = accessToken(signIn());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        for (String t : List.of(forged, "no-such-token", "a.b.c")) {
            var j = p.tokenBasic(INTROSPECT, resourceServer, "token", t).json();
            assertThat(j.toString()).isEqualTo("{\"active\":false}");
        }
        String otherTenant = Protocol.unique("introspect-tenant");
        p.createTenant(otherTenant);
        var foreignServer = p.ccClient(otherTenant);
        assertThat(p.tokenBasic(INTROSPECT, foreignServer, "token", token).json().get("active").asBoolean()).isFalse();

        p.tokenBasic("/auth2/connect/revocation", app, "token", token);
        assertThat(p.tokenBasic(INTROSPECT, resourceServer, "token", token).json().get("active").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("§2.1: the caller authenticates as a confidential client")
    void callerMustAuthenticate() {
        String token = accessToken(signIn());
        assertError(p.post(INTROSPECT, Map.of("Content-Type", Protocol.FORM), "token=" + token), 400, "invalid_client");
        assertError(p.tokenBasic(INTROSPECT, new Creds(resourceServer.clientId(), "nope"), "token", token), 401,
                "invalid_client");
        var publicClient = p.createClient("default", TestServer.body("requireClientSecret", false));
        assertError(p.tokenPost(INTROSPECT, publicClient, "token", token), 400, "unauthorized_client");
        assertError(p.tokenBasic(INTROSPECT, resourceServer), 400, "invalid_request");
    }
}
