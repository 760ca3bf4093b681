package dev.gatehouse.oauth;

import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.oauth.Protocol.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 §6 refresh tokens, with SPEC §3's rules: issued only with allowOfflineAccess and
 * offline_access, rotated on every use (OneTimeOnly) with reuse detection that revokes the family
 * (RFC 9700 §4.14.2), or returned unchanged (ReUse); an absolute lifetime from the first issuance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc6749RefreshTokenTest {
    static final String PASSWORD = "refresh-user-password";
    TestServer server;
    Protocol p;
    String email;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        email = Protocol.unique("refresh") + "@example.com";
        p.createUser("default", email, PASSWORD, List.of("Skill User"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Creds offlineClient(Object... extra) {
        var fields = new java.util.HashMap<String, Object>(TestServer.body("allowRopc", true, "allowOfflineAccess", true));
        fields.putAll(TestServer.body(extra));
        return p.createClient("default", fields);
    }

    private TestServer.Response signIn(Creds client, String scope) {
        return p.tokenBasic(TOKEN, client, "grant_type", "password", "username", email, "password", PASSWORD, "scope", scope);
    }

    private TestServer.Response refresh(Creds client, String refreshToken) {
        return p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    @Test
    @DisplayName("SPEC §3: a refresh token only with allowOfflineAccess and offline_access requested")
    void issuedOnlyWhenAllowedAndRequested() {
        var offline = offlineClient();
        var withScope = signIn(offline, "openid offline_access");
        assertThat(withScope.status()).isEqualTo(200);
        assertThat(withScope.json().get("refresh_token").asText()).hasSize(43);
        assertThat(withScope.json().get("scope").asText()).isEqualTo("openid offline_access");
        assertThat(signIn(offline, "openid").json().has("refresh_token")).isFalse();

        var online = p.createClient("default", TestServer.body("allowRopc", true));
        assertError(signIn(online, "openid offline_access"), 400, "invalid_scope");
        var cc = p.ccClient("default", "allowOfflineAccess", true);
        assertError(p.tokenBasic(TOKEN, cc, "grant_type", "client_credentials", "scope", "offline_access"), 400,
                "invalid_scope");
    }

    @Test
    @DisplayName("§6 + RFC 9700 §4.14.2: OneTimeOnly rotates, and a reused token revokes the whole family")
    void rotationAndReuseDetection() throws Exception {
        var client = offlineClient();
        String first = signIn(client, "openid permissions offline_access").json().get("refresh_token").asText();
        var r1 = refresh(client, first);
        assertThat(r1.status()).isEqualTo(200);
        String second = r1.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        var access = claims(r1.json().get("access_token").asText());
        assertThat(access.getStringClaim("email")).isEqualTo(email);
        assertThat(access.getStringListClaim("role")).containsExactly("Skill User");
        assertThat(r1.json().get("scope").asText()).isEqualTo("openid permissions offline_access");

        // Within the grace period a repeated use (a client's concurrent retry) still works.
        assertThat(refresh(client, first).status()).isEqualTo(200);
        // After it, reuse of a rotated token is theft: the family dies, the newest token included.
        server.app().database().update("UPDATE refresh_tokens SET consumed_at = ? WHERE consumed_at IS NOT NULL",
                Instant.now().minusSeconds(60));
        assertError(refresh(client, first), 400, "invalid_grant");
        assertError(refresh(client, second), 400, "invalid_grant");
    }

    @Test
    @DisplayName("SPEC §3: ReUse returns the same refresh token every time")
    void reUseMode() {
        var client = offlineClient("refreshTokenUsage", "ReUse");
        String token = signIn(client, "openid offline_access").json().get("refresh_token").asText();
        for (int i = 0; i < 3; i++) {
            var r = refresh(client, token);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("refresh_token").asText()).isEqualTo(token);
        }
    }

    @Test
    @DisplayName("SPEC §3: the absolute lifetime counts from the first issuance and refreshing never extends it")
    void absoluteLifetime() {
        var client = offlineClient("accessTokenLifetime", 60, "refreshTokenLifetime", 120);
        String first = signIn(client, "offline_access").json().get("refresh_token").asText();
        String second = refresh(client, first).json().get("refresh_token").asText();
        var expiries = server.app().database().query("SELECT DISTINCT expires_at FROM refresh_tokens r JOIN clients c"
                + " ON c.id = r.client_pk WHERE c.client_id = ?", rs -> rs.getObject(1), client.clientId());
        assertThat(expiries).hasSize(1);
        server.app().database().update("UPDATE refresh_tokens SET expires_at = ? WHERE client_pk = (SELECT id FROM"
                + " clients WHERE client_id = ?)", Instant.now().minusSeconds(1), client.clientId());
        assertError(refresh(client, second), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§6: scope may narrow the grant, never widen it")
    void scopeNarrowing() {
        var client = offlineClient();
        String token = signIn(client, "openid permissions offline_access").json().get("refresh_token").asText();
        assertError(p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", token,
                "scope", "openid publicapi.all"), 400, "invalid_scope");
        var narrowed = p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", token,
                "scope", "permissions");
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.json().get("scope").asText()).isEqualTo("permissions");
    }

    @Test
    @DisplayName("§6: a refresh token is bound to its client; unknown and malformed ones are invalid_grant")
    void boundToTheClient() {
        var owner = offlineClient();
        var other = offlineClient();
        String token = signIn(owner, "offline_access").json().get("refresh_token").asText();
        assertError(refresh(other, token), 400, "invalid_grant");
        assertError(refresh(owner, "not-a-real-token"), 400, "invalid_grant");
        assertError(refresh(owner, "x".repeat(500)), 400, "invalid_grant");
        assertError(p.tokenBasic(TOKEN, owner, "grant_type", "refresh_token"), 400, "invalid_request");
        // The owner's token still works: the failed attempts did not touch it.
        assertThat(refresh(owner, token).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("SPEC §3: a disabled user, or a client that lost allowOfflineAccess, refreshes no more")
    void revokedByAccountChanges() {
        var client = offlineClient();
        String other = Protocol.unique("refresh-disabled") + "@example.com";
        String userId = p.createUser("default", other, PASSWORD, List.of());
        String first = p.tokenBasic(TOKEN, client, "grant_type", "password", "username", other, "password", PASSWORD,
                "scope", "offline_access").json().get("refresh_token").asText();
        var before = refresh(client, first); // the user is now in the server's cache
        assertThat(before.status()).as("%s", before).isEqualTo(200);
        server.patchJson("/api/adminapi2/v1/tenants/default/users/" + userId, p.tenantAdminToken(),
                Map.of("enabled", false));
        assertError(refresh(client, before.json().get("refresh_token").asText()), 400, "invalid_grant");

        String mine = signIn(client, "offline_access").json().get("refresh_token").asText();
        p.patchClient("default", client.clientId(), Map.of("allowOfflineAccess", false));
        assertError(refresh(client, mine), 400, "unauthorized_client");
    }

    @Test
    @DisplayName("Housekeeping removes refresh tokens a day after they expired, in batches")
    void housekeepingRemovesExpiredTokens() {
        var client = offlineClient();
        signIn(client, "offline_access");
        server.app().database().update("UPDATE refresh_tokens SET expires_at = ? WHERE client_pk = (SELECT id FROM"
                + " clients WHERE client_id = ?)", Instant.now().minusSeconds(2 * 86_400), client.clientId());
        assertThat(server.app().housekeeping().runOnce()).isGreaterThanOrEqualTo(1);
        assertThat(server.app().database().count("SELECT COUNT(*) FROM refresh_tokens WHERE client_pk = (SELECT id"
                + " FROM clients WHERE client_id = ?)", client.clientId())).isZero();
    }
}
