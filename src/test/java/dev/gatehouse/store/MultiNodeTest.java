package dev.gatehouse.store;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §6 scale-out: two nodes on one PostgreSQL. What one node changes, the other honours within
 * seconds (the change feed), well before its caches would expire on their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeTest {
    static final String CLIENTS = "/api/adminapi2/v1/tenants/default/clients";
    TestServer a;
    TestServer b;

    @BeforeAll
    void start() {
        a = TestServer.start(TestServer.Db.POSTGRES);
        b = a.secondNode();
    }

    @AfterAll
    void stop() {
        b.close();
        a.close();
    }

    @Test
    void bothNodesServeTheSameInstallation() {
        assertThat(b.bootstrapOutput()).doesNotContain("Gatehouse bootstrap");
        String token = a.adminToken();
        assertThat(b.get(CLIENTS, token).status()).isEqualTo(200);
        assertThat(b.get("/auth2/default/.well-known/openid-configuration/jwks", null).body())
                .isEqualTo(a.get("/auth2/default/.well-known/openid-configuration/jwks", null).body());
    }

    @Test
    void aClientDisabledOnOneNodeIsRefusedByTheOtherWithinSeconds() {
        String token = a.adminToken();
        var c = a.postJson(CLIENTS, token, body("allowedGrantTypes", List.of("client_credentials"))).json();
        String credentials = c.get("clientId").asText() + ":" + c.get("secret").get("value").asText();
        var form = Map.of("grant_type", "client_credentials");
        assertThat(b.postForm("/auth2/connect/token", form, credentials).status()).isEqualTo(200); // now cached on b
        a.patchJson(CLIENTS + "/" + c.get("clientId").asText(), token, body("enabled", false));
        assertWithin(Duration.ofSeconds(5), () -> b.postForm("/auth2/connect/token", form, credentials).status(), 401);
    }

    @Test
    void aSecretAddedOnOneNodeWorksOnTheOtherWithinSeconds() {
        String token = a.adminToken();
        var c = a.postJson(CLIENTS, token, body("allowedGrantTypes", List.of("client_credentials"))).json();
        String id = c.get("clientId").asText();
        var form = Map.of("grant_type", "client_credentials");
        assertThat(b.postForm("/auth2/connect/token", form, id + ":" + c.get("secret").get("value").asText()).status())
                .isEqualTo(200);
        String second = a.postJson(CLIENTS + "/" + id + "/secrets", token, body()).json().get("value").asText();
        assertWithin(Duration.ofSeconds(5), () -> b.postForm("/auth2/connect/token", form, id + ":" + second).status(), 200);
    }

    @Test
    void aTenantDisabledOnOneNodeIsLockedOnTheOtherWithinSeconds() {
        String installationAdmin = a.installationAdminToken();
        a.postJson("/api/adminapi2/v1/tenants", installationAdmin, body("name", "umbrella"));
        assertThat(b.get("/auth2/umbrella/.well-known/openid-configuration", null).status()).isEqualTo(200);
        a.patchJson("/api/adminapi2/v1/tenants/umbrella", installationAdmin, body("enabled", false));
        assertWithin(Duration.ofSeconds(5),
                () -> b.get("/auth2/umbrella/.well-known/openid-configuration", null).status(), 404);
    }

    @Test
    void refreshOnOneNodeRevokeOnTheOtherAndTheRevocationHoldsEverywhere() {
        String token = a.adminToken();
        var c = a.postJson(CLIENTS, token, body("allowRopc", true, "allowOfflineAccess", true)).json();
        String credentials = c.get("clientId").asText() + ":" + c.get("secret").get("value").asText();
        var signIn = a.postForm("/auth2/connect/token", Map.of("grant_type", "password", "username",
                TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD, "scope", "openid offline_access"),
                credentials).json();
        var refreshed = b.postForm("/auth2/connect/token", Map.of("grant_type", "refresh_token", "refresh_token",
                signIn.get("refresh_token").asText()), credentials);
        assertThat(refreshed.status()).isEqualTo(200);
        String access = refreshed.json().get("access_token").asText();
        assertThat(a.get(CLIENTS, access).status()).isEqualTo(200); // now known good on a
        assertThat(b.postForm("/auth2/connect/revocation", Map.of("token", access), credentials).status()).isEqualTo(200);
        assertWithin(Duration.ofSeconds(5), () -> a.get(CLIENTS, access).status(), 401);
    }

    @Test
    void aUserDisabledOnOneNodeCannotRefreshOnEitherAndRolesFollowWithinSeconds() {
        String token = a.adminToken();
        var c = a.postJson(CLIENTS, token, body("allowRopc", true, "allowOfflineAccess", true)).json();
        String credentials = c.get("clientId").asText() + ":" + c.get("secret").get("value").asText();
        String users = "/api/adminapi2/v1/tenants/default/users";
        String email = "multi-node-" + ProcessHandle.current().pid() + "@example.com";
        String id = a.postJson(users, token, body("email", email, "password", "multi node password 1",
                "roles", List.of("Skill User"))).json().get("id").asText();
        var signIn = a.postForm("/auth2/connect/token", Map.of("grant_type", "password", "username", email,
                "password", "multi node password 1", "scope", "openid offline_access"), credentials).json();
        String[] refreshToken = {signIn.get("refresh_token").asText()};
        Supplier<TestServer.Response> refreshOnB = () -> {
            var r = b.postForm("/auth2/connect/token",
                    Map.of("grant_type", "refresh_token", "refresh_token", refreshToken[0]), credentials);
            if (r.status() == 200) refreshToken[0] = r.json().get("refresh_token").asText();
            return r;
        };
        assertThat(refreshOnB.get().status()).isEqualTo(200); // the user is now cached on b

        assertThat(a.patchJson(users + "/" + id, token, body("roles", List.of("Skill User", "Skill Designer"))).status())
                .isEqualTo(200);
        assertWithin(Duration.ofSeconds(5), () -> {
            var r = refreshOnB.get();
            return r.status() == 200 && roles(r.json().get("access_token").asText()).contains("Skill Designer") ? 200 : 0;
        }, 200);

        assertThat(a.patchJson(users + "/" + id, token, body("enabled", false)).status()).isEqualTo(200);
        var onA = a.postForm("/auth2/connect/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken[0]), credentials);
        assertThat(onA.status()).as("on the node that disabled it, at once: %s", onA).isEqualTo(400);
        assertWithin(Duration.ofSeconds(5), () -> refreshOnB.get().status(), 400);
    }

    private static List<String> roles(String accessToken) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(accessToken).getJWTClaimsSet().getStringListClaim("role");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKeyRotatedOnOneNodeSignsOnTheOtherWithinSeconds() {
        String token = a.adminToken();
        b.adminToken(); // b now holds the tenant's keys in memory
        String kid = a.postJson("/api/adminapi2/v1/tenants/default/keys/rotate", token, body("immediate", true))
                .json().get("kid").asText();
        assertWithin(Duration.ofSeconds(5), () -> kidOf(b.adminToken()).equals(kid) ? 200 : 0, 200);
        assertThat(b.get("/auth2/default/.well-known/openid-configuration/jwks", null).body()).contains(kid);
        assertThat(b.get(CLIENTS, token).status()).as("the replaced key still verifies").isEqualTo(200);
    }

    private static String kidOf(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertWithin(Duration limit, Supplier<Integer> status, int expected) {
        long deadline = System.nanoTime() + limit.toNanos();
        int last;
        do {
            last = status.get();
            if (last == expected) return;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() < deadline);
        assertThat(last).as("status after " + limit).isEqualTo(expected);
    }
}
