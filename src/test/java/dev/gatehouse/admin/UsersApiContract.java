package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4 /users, /roles and /events of the tenant admin API, run against each database. */
abstract class UsersApiContract extends ApiContract {
    static final String TENANT = "/api/adminapi2/v1/tenants/default";
    String ropcClient;
    String ropcSecret;

    @BeforeAll
    void createRopcClient() {
        var c = server.postJson(TENANT + "/clients", token, body("clientId", "users-ropc", "allowRopc", true)).json();
        ropcClient = c.get("clientId").asText();
        ropcSecret = c.get("secret").get("value").asText();
    }

    private TestServer.Response passwordGrant(String email, String password) {
        return server.postForm("/auth2/connect/token",
                Map.of("grant_type", "password", "username", email, "password", password), ropcClient + ":" + ropcSecret);
    }

    @Test
    @DisplayName("A password in a PATCH or PUT revokes the user's refresh tokens; other changes keep them")
    void aNewPasswordRevokesTheUsersRefreshTokens() {
        var c = server.postJson(TENANT + "/clients", token, body("clientId", "users-offline", "allowRopc", true,
                "allowOfflineAccess", true, "allowedScopes", List.of("openid", "offline_access"))).json();
        String client = c.get("clientId").asText() + ":" + c.get("secret").get("value").asText();
        Function<String, TestServer.Response> signIn = password -> server.postForm("/auth2/connect/token",
                Map.of("grant_type", "password", "username", "dana@example.com", "password", password,
                        "scope", "offline_access"), client);
        Function<String, TestServer.Response> refresh = refreshToken -> server.postForm("/auth2/connect/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), client);
        String id = server.postJson(TENANT + "/users", token, body("email", "dana@example.com",
                "password", "danas-first-password")).json().get("id").asText();

        String first = signIn.apply("danas-first-password").json().get("refresh_token").asText();
        assertThat(server.patchJson(TENANT + "/users/" + id, token, body("displayName", "Dana")).status()).isEqualTo(200);
        var kept = refresh.apply(first);
        assertThat(kept.status()).as("%s", kept).isEqualTo(200);

        assertThat(server.patchJson(TENANT + "/users/" + id, token, body("password", "danas-second-password"))
                .status()).isEqualTo(200);
        var revoked = refresh.apply(kept.json().get("refresh_token").asText());
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(400);
        assertThat(revoked.json().get("error").asText()).isEqualTo("invalid_grant");

        String second = signIn.apply("danas-second-password").json().get("refresh_token").asText();
        assertThat(server.putJson(TENANT + "/users/" + id, token, body("email", "dana@example.com",
                "password", "danas-third-password")).status()).isEqualTo(200);
        assertThat(refresh.apply(second).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(signIn.apply("danas-third-password").status()).isEqualTo(200);
    }

    @Test
    void createdUsersSignInWithTheirPasswordWhichIsNeverReturned() {
        var r = server.postJson(TENANT + "/users", token, body("email", "Ann@Example.com", "displayName", "Ann",
                "password", "ann-secret-password", "roles", List.of("Skill User")));
        assertThat(r.status()).isEqualTo(201);
        var u = r.json();
        assertThat(u.get("email").asText()).isEqualTo("Ann@Example.com");
        assertThat(u.get("roles").toString()).isEqualTo("[\"Skill User\"]");
        assertThat(u.get("enabled").asBoolean()).isTrue();
        assertThat(u.get("hasPassword").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain("ann-secret-password").doesNotContain("argon2");
        assertThat(r.header("Location")).isEqualTo(TENANT + "/users/" + u.get("id").asText());
        assertThat(passwordGrant("ann@example.com", "ann-secret-password").status()).isEqualTo(200);
    }

    @Test
    void emailsAreUniquePerTenantRegardlessOfCase() {
        assertThat(server.postJson(TENANT + "/users", token, body("email", "dup@example.com")).status()).isEqualTo(201);
        var again = server.postJson(TENANT + "/users", token, body("email", "DUP@example.com"));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void badValuesAreFieldErrors() {
        var r = server.postJson(TENANT + "/users", token, body("email", "not-an-email", "password", "short",
                "roles", List.of("Astronaut"), "enabled", "no"));
        assertThat(r.status()).isEqualTo(400);
        var errors = r.json().get("errors");
        assertThat(errors.get("email").get(0).asText()).isEqualTo("must be an email address");
        assertThat(errors.get("password").get(0).asText()).isEqualTo("must be at least 10 characters");
        assertThat(errors.get("roles[0]").get(0).asText()).isEqualTo("'Astronaut' is not a role here");
        assertThat(errors.get("enabled").get(0).asText()).isEqualTo("must be true or false");
        var missing = server.postJson(TENANT + "/users", token, body("displayName", "Nobody"));
        assertThat(missing.json().get("errors").get("email").get(0).asText()).isEqualTo("is required");
    }

    @Test
    void patchPutPasswordAndDelete() {
        String id = server.postJson(TENANT + "/users", token, body("email", "bob@example.com", "displayName", "Bob",
                "roles", List.of("Skill User"))).json().get("id").asText();
        var patched = server.patchJson(TENANT + "/users/" + id, token, body("displayName", "Robert"));
        assertThat(patched.json().get("displayName").asText()).isEqualTo("Robert");
        assertThat(patched.json().get("roles").toString()).isEqualTo("[\"Skill User\"]");

        var put = server.putJson(TENANT + "/users/" + id, token, body("email", "bob@example.com"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("roles").size()).isZero();
        assertThat(put.json().get("displayName").asText()).isEqualTo("bob@example.com");

        assertThat(passwordGrant("bob@example.com", "bobs-new-password").status()).isEqualTo(400);
        var weak = server.putJson(TENANT + "/users/" + id + "/password", token, body("password", "aaaaaaaaaaaa"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("errors").get("password").get(0).asText()).isEqualTo("must not repeat a single character");
        assertThat(server.putJson(TENANT + "/users/" + id + "/password", token, body("password", "bobs-new-password"))
                .status()).isEqualTo(204);
        assertThat(passwordGrant("bob@example.com", "bobs-new-password").status()).isEqualTo(200);

        server.patchJson(TENANT + "/users/" + id, token, body("enabled", false));
        var disabled = passwordGrant("bob@example.com", "bobs-new-password");
        assertThat(disabled.json().get("error").asText()).isEqualTo("invalid_grant");

        assertThat(server.delete(TENANT + "/users/" + id, token).status()).isEqualTo(204);
        assertThat(server.get(TENANT + "/users/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void listingSearchesEmailAndName() {
        server.postJson(TENANT + "/users", token, body("email", "carol@example.com", "displayName", "Carol Quartz"));
        var r = server.get(TENANT + "/users?search=quartz", token);
        assertThat(r.header("Total-Count")).isEqualTo("1");
        assertThat(r.json().get(0).get("email").asText()).isEqualTo("carol@example.com");
        var all = server.get(TENANT + "/users", token);
        assertThat(all.json().findValuesAsText("email")).contains(TestServer.ADMIN_EMAIL);
    }

    @Test
    void rolesListTheBuiltInsAndTakeCustomOnes() {
        var list = server.get(TENANT + "/roles", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).contains("Tenant Administrator", "Skill Designer", "Skill User",
                "Manual Review Operator", "Processing Supervisor");
        var created = server.postJson(TENANT + "/roles", token, body("name", "Auditor", "description", "Reads the log"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("builtIn").asBoolean()).isFalse();
        assertThat(server.postJson(TENANT + "/roles", token, body("name", "auditor")).status()).isEqualTo(409);
        var reserved = server.postJson(TENANT + "/roles", token, body("name", "Installation Administrator"));
        assertThat(reserved.json().get("errors").get("name").get(0).asText()).isEqualTo("is reserved");
        var user = server.postJson(TENANT + "/users", token, body("email", "auditor@example.com", "roles", List.of("Auditor")));
        assertThat(user.status()).isEqualTo(201);
    }

    @Test
    void everyChangeIsInTheAuditLogWithWhoAndFromWhere() {
        server.postJson(TENANT + "/users", token, body("email", "audited@example.com"));
        var events = server.get(TENANT + "/events?action=user.created", token);
        assertThat(events.status()).isEqualTo(200);
        var event = events.json().findValues("details").stream()
                .filter(d -> "audited@example.com".equals(d.path("email").asText())).findFirst();
        assertThat(event).isPresent();
        var first = events.json().get(0);
        assertThat(first.get("action").asText()).isEqualTo("user.created");
        var mine = server.get(TENANT + "/events?actor=" + TestServer.ADMIN_CLIENT_ID + "&action=user.created", token);
        assertThat(mine.json().findValuesAsText("actor")).containsOnly(TestServer.ADMIN_CLIENT_ID);
        assertThat(mine.json().findValuesAsText("actorType")).containsOnly("client");
        assertThat(mine.json().findValuesAsText("ip")).containsOnly("127.0.0.1");
        var future = server.get(TENANT + "/events?from=2999-01-01T00:00:00Z", token);
        assertThat(future.json().size()).isZero();
        assertThat(future.header("Total-Count")).isEqualTo("0");
        var bad = server.get(TENANT + "/events?from=yesterday", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").has("from")).isTrue();
    }

    @Test
    void theLastEnabledTenantAdministratorStays() {
        String adminId = server.get(TENANT + "/users?search=" + TestServer.ADMIN_EMAIL, token).json().get(0).get("id").asText();
        var demote = server.patchJson(TENANT + "/users/" + adminId, token, body("roles", List.of("Skill User")));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("detail").asText()).startsWith("this is the tenant's last enabled Tenant Administrator");
        assertThat(server.patchJson(TENANT + "/users/" + adminId, token, body("enabled", false)).status()).isEqualTo(409);
        assertThat(server.delete(TENANT + "/users/" + adminId, token).status()).isEqualTo(409);
        assertThat(server.get(TENANT + "/users/" + adminId, token).json().get("roles").toString())
                .isEqualTo("[\"Tenant Administrator\"]");

        // With a second administrator, the first may step down.
        String second = server.postJson(TENANT + "/users", token, body("email", "second-admin@example.com",
                "roles", List.of("Tenant Administrator"))).json().get("id").asText();
        assertThat(server.patchJson(TENANT + "/users/" + second, token, body("displayName", "Second")).status())
                .isEqualTo(200);
        assertThat(server.delete(TENANT + "/users/" + second, token).status()).isEqualTo(204);
    }
}
