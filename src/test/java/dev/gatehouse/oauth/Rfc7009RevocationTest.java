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
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7009 token revocation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc7009RevocationTest {
    static final String REVOKE = "/auth2/connect/revocation";
    static final String PASSWORD = "revocation-password";
    TestServer server;
    Protocol p;
    String email;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        email = Protocol.unique("revoke") + "@example.com";
        p.createUser("default", email, PASSWORD, List.of("Tenant Administrator"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Creds offlineClient() {
        return p.createClient("default", TestServer.body("allowRopc", true, "allowOfflineAccess", true));
    }

    private TestServer.Response signIn(Creds client) {
        return p.tokenBasic(TOKEN, client, "grant_type", "password", "username", email, "password", PASSWORD,
                "scope", "openid offline_access");
    }

    @Test
    @DisplayName("§2.1: a revoked access token is refused where Gatehouse checks tokens, until it would have expired")
    void revokedAccessToken() {
        var client = offlineClient();
        String token = accessToken(signIn(client));
        assertThat(server.get("/api/adminapi2/v1/tenants/default/clients", token).status()).isEqualTo(200);
        var r = p.tokenBasic(REVOKE, client, "token", token, "token_type_hint", "access_token");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(server.get("/api/adminapi2/v1/tenants/default/clients", token).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("§2.1: revoking a refresh token ends its grant: every token of the family")
    void revokedRefreshToken() {
        var client = offlineClient();
        String first = signIn(client).json().get("refresh_token").asText();
        String second = p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", first)
                .json().get("refresh_token").asText();
        assertThat(p.tokenPost(REVOKE, client, "token", second, "token_type_hint", "refresh_token").status())
                .isEqualTo(200);
        assertError(p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", second), 400,
                "invalid_grant");
    }

    @Test
    @DisplayName("§2.2: another client's token, an unknown token and a wrong hint are all answered 200 and change nothing")
    void othersTokensAreUntouched() {
        var owner = offlineClient();
        var other = offlineClient();
        var tokens = signIn(owner).json();
        String access = tokens.get("access_token").asText();
        String refresh = tokens.get("refresh_token").asText();
        assertThat(p.tokenBasic(REVOKE, other, "token", access).status()).isEqualTo(200);
        assertThat(p.tokenBasic(REVOKE, other, "token", refresh).status()).isEqualTo(200);
        assertThat(p.tokenBasic(REVOKE, owner, "token", "no-such-token").status()).isEqualTo(200);
        assertThat(p.tokenBasic(REVOKE, owner, "token", "a.b.c", "token_type_hint", "something_else").status())
                .isEqualTo(200);
        assertThat(server.get("/api/adminapi2/v1/tenants/default/clients", access).status()).isEqualTo(200);
        assertThat(p.tokenBasic(TOKEN, owner, "grant_type", "refresh_token", "refresh_token", refresh).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("§2.1: the client must authenticate; the token parameter is required")
    void clientAuthenticationAndParameters() {
        var client = offlineClient();
        String token = accessToken(signIn(client));
        var anonymous = p.post(REVOKE, Map.of("Content-Type", Protocol.FORM), "token=" + token);
        assertError(anonymous, 400, "invalid_client");
        var wrongSecret = p.tokenBasic(REVOKE, new Creds(client.clientId(), "wrong"), "token", token);
        assertError(wrongSecret, 401, "invalid_client");
        assertError(p.tokenBasic(REVOKE, client, "nothing", "here"), 400, "invalid_request");
        assertError(p.post(REVOKE, Map.of("Content-Type", "application/json"), "{}"), 400, "invalid_request");
        assertThat(server.get("/api/adminapi2/v1/tenants/default/clients", token).status()).isEqualTo(200);
    }
}
