package dev.gatehouse.oauth;

import dev.gatehouse.oauth.CodeFlow.Pkce;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.authorize;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** OIDC Core §5.3, the userinfo endpoint, with RFC 6750 bearer tokens and its error challenges. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcUserinfoTest {
    static final String USERINFO = "/auth2/connect/userinfo";
    static final String EMAIL = "ui-user@example.com";
    static final String NAME = "Uma Info";
    static final String PASSWORD = "userinfo password 1";
    static final String REDIRECT = "https://ui.example.com/cb";

    TestServer server;
    Protocol p;
    Creds client;
    String userId;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        client = p.createClient("default", body("redirectUris", List.of(REDIRECT),
                "allowedScopes", List.of("openid", "profile", "email", "permissions")));
        var r = server.postJson("/api/adminapi2/v1/tenants/default/users", p.tenantAdminToken(),
                body("email", EMAIL, "displayName", NAME, "password", PASSWORD, "roles", List.of()));
        userId = r.json().get("id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String token(String scope) {
        Pkce pkce = Pkce.create();
        var answer = authorize(new Browser(server), request(AUTHORIZE, client.clientId(), REDIRECT, pkce, "scope", scope),
                EMAIL, PASSWORD);
        return redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()).json().get("access_token").asText();
    }

    @Test
    @DisplayName("OIDC Core §5.3.2: GET with a bearer token answers sub, and email and name per the granted scopes")
    void claimsPerScope() {
        Response all = server.get(USERINFO, token("openid profile email"));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("application/json");
        assertThat(all.json().get("sub").asText()).isEqualTo(userId);
        assertThat(all.json().get("email").asText()).isEqualTo(EMAIL);
        assertThat(all.json().get("name").asText()).isEqualTo(NAME);

        Response bare = server.get(USERINFO, token("openid"));
        assertThat(bare.json().get("sub").asText()).isEqualTo(userId);
        assertThat(bare.json().has("email")).isFalse();
        assertThat(bare.json().has("name")).isFalse();
    }

    @Test
    @DisplayName("OIDC Core §5.3.1 / RFC 6750 §2.2: POST with the token in the form body, and at the tenant-scoped address")
    void postForm() {
        String token = token("openid email");
        Response r = server.send("POST", "/auth2/default/connect/userinfo",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "access_token=" + token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("email").asText()).isEqualTo(EMAIL);
    }

    @Test
    @DisplayName("RFC 6750 §3.1: no token is 401 with a bare Bearer challenge")
    void noToken() {
        Response r = server.get(USERINFO, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"gatehouse\"");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: an invalid token is 401 invalid_token")
    void invalidToken() {
        Response r = server.get(USERINFO, "not.a.token");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a token without openid is 403 insufficient_scope")
    void insufficientScope() {
        Response r = server.get(USERINFO, token("permissions"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"").contains("scope=\"openid\"");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a client-credentials token describes no user: 401 invalid_token")
    void clientToken() {
        Creds cc = p.ccClient("default", "allowedScopes", List.of("openid", "permissions"));
        String token = server.clientCredentialsToken(cc.clientId(), cc.secret());
        Response r = server.get(USERINFO, token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    @DisplayName("RFC 6750 §2: a token in two places, or in the address, is 400 invalid_request")
    void tokenTwiceOrInQuery() {
        String token = token("openid");
        Response twice = server.send("POST", USERINFO, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Authorization", "Bearer " + token), "access_token=" + token);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("error").asText()).isEqualTo("invalid_request");
        Response query = server.get(USERINFO + "?access_token=" + token, null);
        assertThat(query.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("SPEC §1: a token of tenant A is refused at tenant B's userinfo")
    void otherTenant() {
        String other = Protocol.unique("ui");
        p.createTenant(other);
        Response r = server.get("/auth2/" + other + "/connect/userinfo", token("openid"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_token");
    }
}
