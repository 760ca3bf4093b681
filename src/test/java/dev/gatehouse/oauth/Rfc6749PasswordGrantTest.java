package dev.gatehouse.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.accessToken;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.oauth.Protocol.assertInvalidClientBasic;
import static dev.gatehouse.oauth.Protocol.claims;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 §4.3, the resource owner password credentials grant, with SPEC §2's tenant resolution for
 * installation clients and §1's tenant isolation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc6749PasswordGrantTest {
    static final String PASSWORD = "user password number one";
    static final String SHARED_EMAIL = "shared@example.com";
    static final String PASSWORD_A = "password of tenant a";
    static final String PASSWORD_B = "password of tenant b";
    static final String ONLY_A_EMAIL = "only-a@example.com";

    TestServer server;
    Protocol p;
    Creds ropc;
    String userEmail;
    String userId;
    String tenantA;
    String tenantAId;
    String tenantB;
    String tenantBId;
    String sharedInA;
    String sharedInB;
    String onlyInA;
    Creds clientA;
    Creds clientB;
    Creds installation;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        ropc = p.createClient("default", body("clientName", "ropc", "allowRopc", true));
        userEmail = "user@example.com";
        userId = p.createUser("default", userEmail, PASSWORD, List.of("Skill User"));

        tenantA = Protocol.unique("pw-a");
        tenantAId = p.createTenant(tenantA);
        tenantB = Protocol.unique("pw-b");
        tenantBId = p.createTenant(tenantB);
        sharedInA = p.createUser(tenantA, SHARED_EMAIL, PASSWORD_A, List.of("Skill Designer"));
        sharedInB = p.createUser(tenantB, SHARED_EMAIL, PASSWORD_B, List.of("Skill User"));
        onlyInA = p.createUser(tenantA, ONLY_A_EMAIL, PASSWORD_A, List.of());
        clientA = p.createClient(tenantA, body("allowRopc", true));
        clientB = p.createClient(tenantB, body("allowRopc", true));
        installation = p.createInstallationClient(body("clientName", "installation ropc", "allowRopc", true));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Response password(String path, Creds client, String username, String password, String... more) {
        var form = new ArrayList<Object>(List.of("grant_type", "password", "username", username, "password", password));
        form.addAll(List.of(more));
        return p.tokenBasic(path, client, form.toArray());
    }

    private Response password(Creds client, String username, String password, String... more) {
        return password(TOKEN, client, username, password, more);
    }

    @Test
    @DisplayName("§4.3.2 / §5.2 unauthorized_client: a client without allowRopc")
    void clientWithoutRopc() {
        Creds plain = p.createClient("default", body("clientName", "no ropc"));
        assertError(password(plain, userEmail, PASSWORD), 400, "unauthorized_client");
        Creds ccOnly = p.ccClient("default");
        assertError(password(ccOnly, userEmail, PASSWORD), 400, "unauthorized_client");
    }

    @Test
    @DisplayName("§4.3.2 / §4.3.3: the right username and password give a Bearer token for the user")
    void rightCredentials() {
        var r = password(ropc, userEmail, PASSWORD, "scope", "openid permissions");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asInt()).isEqualTo(86400);
        assertThat(r.json().get("scope").asText()).isEqualTo("openid permissions");
        JWTClaimsSet c = claims(accessToken(r));
        assertThat(c.getSubject()).isEqualTo(userId);
        assertThat(c.getClaim("email")).isEqualTo(userEmail);
    }

    @Test
    @DisplayName("SPEC §3 ID tokens: openid is accepted with the password grant and no id_token is returned")
    void openidWithoutIdToken() {
        var r = password(ropc, userEmail, PASSWORD, "scope", "openid");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().has("id_token")).isFalse();
        assertThat(r.json().has("refresh_token")).isFalse();
    }

    @Test
    @DisplayName("§5.2 invalid_grant: wrong password, unknown user, disabled user and password-less user answer alike")
    void wrongCredentialsAnswerAlike() {
        String disabledEmail = Protocol.unique("disabled") + "@example.com";
        String disabledId = p.createUser("default", disabledEmail, PASSWORD, List.of());
        var patched = server.patchJson("/api/adminapi2/v1/tenants/default/users/" + disabledId, p.tenantAdminToken(),
                body("enabled", false));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        String noPasswordEmail = Protocol.unique("nopassword") + "@example.com";
        p.createUser("default", noPasswordEmail, null, List.of());

        var responses = List.of(
                password(ropc, userEmail, PASSWORD + "x"),
                password(ropc, "nobody@example.com", PASSWORD),
                password(ropc, disabledEmail, PASSWORD),
                password(ropc, noPasswordEmail, PASSWORD));
        for (Response r : responses) assertError(r, 400, "invalid_grant");
        var descriptions = responses.stream().map(r -> r.json().get("error_description").asText()).distinct().toList();
        assertThat(descriptions).hasSize(1);
    }

    @Test
    @DisplayName("§4.3.2 invalid_request: username or password missing, or beyond their length limits")
    void missingOrOversizeParameters() {
        assertError(p.tokenBasic(TOKEN, ropc, "grant_type", "password", "password", PASSWORD), 400, "invalid_request");
        assertError(p.tokenBasic(TOKEN, ropc, "grant_type", "password", "username", userEmail), 400, "invalid_request");
        assertError(password(ropc, "u".repeat(400) + "@example.com", PASSWORD), 400, "invalid_request");
        assertError(password(ropc, userEmail, "p".repeat(2000)), 400, "invalid_request");
        assertError(password(ropc, userEmail, "p".repeat(5000)), 400, "invalid_request");
    }

    @Test
    @DisplayName("§5.2: strange usernames are invalid_grant, never a server error")
    void strangeUsernames() {
        for (String name : List.of("ünïcode@exämple.com", "%' OR 1=1 --", "@", " ")) {
            assertError(password(ropc, name, PASSWORD), 400, "invalid_grant");
        }
        assertError(password(ropc, "nul\u0000@example.com", PASSWORD), 400, "invalid_request");
    }

    @Test
    @DisplayName("SPEC §4: an installation administrator's token carries the role Installation Administrator")
    void installationAdministratorRole() throws Exception {
        var admin = claims(accessToken(password(ropc, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)));
        assertThat(admin.getStringListClaim("role")).contains("Installation Administrator", "Tenant Administrator");
        var user = claims(accessToken(password(ropc, userEmail, PASSWORD)));
        assertThat(user.getStringListClaim("role")).containsExactly("Skill User");
    }

    @Test
    @DisplayName("SPEC §2: an email in several tenants, an installation client and no tenant named is invalid_request pointing to the tenant-scoped token URL")
    void ambiguousEmailNeedsATenant() {
        var r = password(installation, SHARED_EMAIL, PASSWORD_A);
        assertError(r, 400, "invalid_request");
        assertThat(r.json().get("error_description").asText()).contains("/auth2/{tenant}/connect/token");
        // wrong password or right: the answer is the same, so it says nothing about the password
        assertError(password(installation, SHARED_EMAIL, "not the password"), 400, "invalid_request");
    }

    @Test
    @DisplayName("SPEC §2: an installation client names the tenant with tenantId (id or name)")
    void tenantIdParameter() throws Exception {
        assertTenantUser(password(installation, SHARED_EMAIL, PASSWORD_B, "tenantId", tenantBId), tenantBId, sharedInB);
        assertTenantUser(password(installation, SHARED_EMAIL, PASSWORD_A, "tenantId", tenantA), tenantAId, sharedInA);
        assertError(password(installation, SHARED_EMAIL, PASSWORD_A, "tenantId", tenantBId), 400, "invalid_grant");
        assertError(password(installation, SHARED_EMAIL, PASSWORD_A, "tenantId", "no-such-tenant"), 400, "invalid_request");
    }

    @Test
    @DisplayName("SPEC §2: an installation client names the tenant with acr_values=tenant:{T}")
    void acrValuesTenant() throws Exception {
        assertTenantUser(password(installation, SHARED_EMAIL, PASSWORD_B, "acr_values", "tenant:" + tenantB),
                tenantBId, sharedInB);
        assertTenantUser(password(installation, SHARED_EMAIL, PASSWORD_A, "acr_values", "urn:x tenant:" + tenantAId),
                tenantAId, sharedInA);
        assertError(password(installation, SHARED_EMAIL, PASSWORD_B, "acr_values", "tenant:" + tenantA), 400, "invalid_grant");
    }

    @Test
    @DisplayName("SPEC §2: an installation client at the tenant-scoped token URL signs in a user of that tenant")
    void tenantScopedUrl() throws Exception {
        assertTenantUser(password("/auth2/" + tenantB + "/connect/token", installation, SHARED_EMAIL, PASSWORD_B),
                tenantBId, sharedInB);
        assertTenantUser(password("/auth2/" + tenantAId + "/connect/token", installation, SHARED_EMAIL, PASSWORD_A),
                tenantAId, sharedInA);
        assertError(password("/auth2/" + tenantB + "/connect/token", installation, SHARED_EMAIL, PASSWORD_A),
                400, "invalid_grant");
    }

    @Test
    @DisplayName("SPEC §2: an email in one tenant needs no tenant named with an installation client")
    void singleTenantEmail() throws Exception {
        assertTenantUser(password(installation, ONLY_A_EMAIL, PASSWORD_A), tenantAId, onlyInA);
    }

    @Test
    @DisplayName("SPEC §1 tenant isolation: a user of tenant A gets no token through tenant B's client")
    void tenantIsolation() throws Exception {
        assertTenantUser(password(clientA, ONLY_A_EMAIL, PASSWORD_A), tenantAId, onlyInA);
        assertError(password(clientB, ONLY_A_EMAIL, PASSWORD_A), 400, "invalid_grant");
        // naming tenant A does not move tenant B's client there
        assertError(password(clientB, ONLY_A_EMAIL, PASSWORD_A, "tenantId", tenantAId), 400, "invalid_grant");
        assertError(password(clientB, ONLY_A_EMAIL, PASSWORD_A, "acr_values", "tenant:" + tenantA), 400, "invalid_grant");
        assertInvalidClientBasic(password("/auth2/" + tenantA + "/connect/token", clientB, ONLY_A_EMAIL, PASSWORD_A));
        // the same email in B is B's user, with B's password
        assertTenantUser(password(clientB, SHARED_EMAIL, PASSWORD_B), tenantBId, sharedInB);
        assertError(password(clientB, SHARED_EMAIL, PASSWORD_A), 400, "invalid_grant");
        assertError(password(ropc, SHARED_EMAIL, PASSWORD_A), 400, "invalid_grant");
    }

    @Test
    @DisplayName("SPEC §1: users of a disabled tenant get no token")
    void disabledTenant() {
        String name = Protocol.unique("pw-disabled");
        p.createTenant(name);
        String email = Protocol.unique("lonely") + "@example.com";
        p.createUser(name, email, PASSWORD, List.of());
        assertThat(password(installation, email, PASSWORD).status()).isEqualTo(200);
        var r = server.patchJson("/api/adminapi2/v1/tenants/" + name, p.installationAdminToken(), body("enabled", false));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertError(password(installation, email, PASSWORD), 400, "invalid_grant");
        assertError(password(installation, email, PASSWORD, "tenantId", name), 400, "invalid_grant");
        assertThat(password("/auth2/" + name + "/connect/token", installation, email, PASSWORD).status()).isEqualTo(404);
    }

    private void assertTenantUser(Response r, String tenantId, String userId) throws Exception {
        JWTClaimsSet c = claims(accessToken(r));
        assertThat(c.getStringClaim("tenant_id")).isEqualTo(tenantId);
        assertThat(c.getIssuer()).isEqualTo(server.baseUrl() + "/auth2/" + tenantId);
        assertThat(c.getSubject()).isEqualTo(userId);
        assertThat(c.getStringClaim("email")).isEqualTo(userId.equals(onlyInA) ? ONLY_A_EMAIL : SHARED_EMAIL);
    }

    @Test
    @DisplayName("SPEC §3: failed password grants are throttled per account like the sign-in pages, existing or not")
    void failedAttemptsAreThrottled() {
        String tenant = Protocol.unique("pw-throttle");
        p.createTenant(tenant);
        p.setTenantSettings(tenant, new dev.gatehouse.domain.TenantSettings(
                dev.gatehouse.domain.SigningAlgorithm.RS256, false, 3, 600));
        String email = "throttled@example.com";
        p.createUser(tenant, email, PASSWORD, List.of());
        Creds client = p.createClient(tenant, body("allowRopc", true));

        assertError(password(client, email, "wrong-password-1"), 400, "invalid_grant");
        assertError(password(client, email, "wrong-password-2"), 400, "invalid_grant");
        Response third = password(client, email, "wrong-password-3");
        assertError(third, 400, "invalid_grant");
        assertThat(third.json().get("error_description").asText()).startsWith("too many failed sign-ins; try again after ");
        // Locked: even the right password is refused until the lock-out ends.
        Response right = password(client, email, PASSWORD);
        assertError(right, 400, "invalid_grant");
        assertThat(right.json().get("error_description").asText()).startsWith("too many failed sign-ins");
        // An account that does not exist locks out the same way, so a lock-out reveals nothing.
        for (int i = 0; i < 2; i++) assertError(password(client, "nobody@example.com", "guess-" + i), 400, "invalid_grant");
        assertThat(password(client, "nobody@example.com", "guess-3").json().get("error_description").asText())
                .startsWith("too many failed sign-ins");
        // Other accounts are not affected.
        assertThat(password(ropc, userEmail, PASSWORD).status()).isEqualTo(200);
    }
}
