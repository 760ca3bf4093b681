package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §4 installation API (tenants, installation clients) and §1 tenant isolation: nothing of
 * tenant A is visible or changeable with a token of tenant B. Run against each database.
 */
abstract class InstallationApiContract extends ApiContract {
    static final String TENANTS = "/api/adminapi2/v1/tenants";
    String tenantAdmin;
    String installationAdmin;

    @BeforeAll
    void tokens() {
        tenantAdmin = token;
        installationAdmin = server.installationAdminToken();
    }

    /** Creates a tenant and a Tenant Administrator client in it; returns that client's token. */
    private String tenantWithAdminClient(String name) {
        var t = server.postJson(TENANTS, installationAdmin, body("name", name, "displayName", name.toUpperCase()));
        assertThat(t.status()).isEqualTo(201);
        var c = server.postJson(TENANTS + "/" + name + "/clients", installationAdmin, body("clientId", name + "-admin",
                "allowedGrantTypes", List.of("client_credentials"), "roles", List.of("Tenant Administrator"))).json();
        return server.clientCredentialsToken(name + "-admin", c.get("secret").get("value").asText());
    }

    @Test
    void installationAdministratorsCreateAndListTenants() {
        var r = server.postJson(TENANTS, installationAdmin, body("name", "acme", "displayName", "Acme Corp"));
        assertThat(r.status()).isEqualTo(201);
        var t = r.json();
        assertThat(t.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(t.get("name").asText()).isEqualTo("acme");
        assertThat(t.get("displayName").asText()).isEqualTo("Acme Corp");
        assertThat(t.get("enabled").asBoolean()).isTrue();
        assertThat(t.has("created")).isTrue();
        assertThat(r.header("Location")).isEqualTo(TENANTS + "/" + t.get("id").asText());
        var slash = server.postJson(TENANTS + "/", installationAdmin, body("name", "acme-slash"));
        assertThat(slash.header("Location")).isEqualTo(TENANTS + "/" + slash.json().get("id").asText());
        assertThat(server.get(TENANTS + "/acme", installationAdmin).json().get("id").asText()).isEqualTo(t.get("id").asText());
        assertThat(server.get(TENANTS + "/" + t.get("id").asText(), installationAdmin).status()).isEqualTo(200);
        var list = server.get(TENANTS, installationAdmin);
        assertThat(list.json().findValuesAsText("name")).contains("acme", "default");
        var searched = server.get(TENANTS + "?search=ACME%20c", installationAdmin);
        assertThat(searched.header("Total-Count")).isEqualTo("1");
        assertThat(searched.json().get(0).get("name").asText()).isEqualTo("acme");
        assertThat(server.postJson(TENANTS, installationAdmin, body("name", "acme")).status()).isEqualTo(409);
        var bad = server.postJson(TENANTS, installationAdmin, body("name", "Not A Slug!"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").has("name")).isTrue();
        var discovery = server.get("/auth2/acme/.well-known/openid-configuration", null);
        assertThat(discovery.json().get("issuer").asText()).isEqualTo(server.baseUrl() + "/auth2/" + t.get("id").asText());
    }

    @Test
    void tenantAdministratorsCannotUseTheInstallationApi() {
        assertThat(server.get(TENANTS, tenantAdmin).status()).isEqualTo(403);
        assertThat(server.postJson(TENANTS, tenantAdmin, body("name", "sneaky")).status()).isEqualTo(403);
        assertThat(server.get("/api/adminapi2/v1/clients", tenantAdmin).status()).isEqualTo(403);
    }

    @Test
    void aTenantsTokenSeesNothingOfAnotherTenant() {
        String globex = tenantWithAdminClient("globex");
        var own = server.get(TENANTS + "/globex/clients", globex);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().findValuesAsText("clientId")).containsExactly("globex-admin");

        assertThat(server.get(TENANTS + "/default/clients", globex).status()).isEqualTo(403);
        assertThat(server.get(TENANTS + "/default/users", globex).status()).isEqualTo(403);
        assertThat(server.get(TENANTS + "/default/events", globex).status()).isEqualTo(403);
        assertThat(server.postJson(TENANTS + "/default/clients", globex, body("clientName", "x")).status()).isEqualTo(403);
        assertThat(server.get(TENANTS + "/no-such-tenant/clients", globex).status()).isEqualTo(403);
        // A client of another tenant is not found through this tenant's path.
        assertThat(server.get(TENANTS + "/globex/clients/" + TestServer.ADMIN_CLIENT_ID, globex).status()).isEqualTo(404);
        assertThat(server.get(TENANTS + "/default/clients/globex-admin", tenantAdmin).status()).isEqualTo(404);
        assertThat(server.delete(TENANTS + "/default/clients/globex-admin", tenantAdmin).status()).isEqualTo(404);
        // Events are per tenant.
        var defaultEvents = server.get(TENANTS + "/default/events?limit=500", tenantAdmin);
        assertThat(defaultEvents.json().findValuesAsText("targetId")).doesNotContain("globex-admin");
        // A tenant's client cannot get a token at another tenant's endpoint.
        var foreign = server.postForm("/auth2/default/connect/token", Map.of("grant_type", "client_credentials"),
                TestServer.ADMIN_CLIENT_ID + ":" + TestServer.ADMIN_CLIENT_SECRET);
        assertThat(foreign.status()).isEqualTo(200);
        var crossed = server.postForm("/auth2/globex/connect/token", Map.of("grant_type", "client_credentials"),
                TestServer.ADMIN_CLIENT_ID + ":" + TestServer.ADMIN_CLIENT_SECRET);
        assertThat(crossed.status()).isEqualTo(401);
        assertThat(crossed.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aDisabledTenantIsLockedAndOnlyThenDeletable() {
        String initech = tenantWithAdminClient("initech");
        assertThat(server.delete(TENANTS + "/initech", installationAdmin).status()).isEqualTo(409);
        var disabled = server.patchJson(TENANTS + "/initech", installationAdmin, body("enabled", false));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(server.get(TENANTS + "/initech/clients", initech).status()).isEqualTo(403);
        var token = server.postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"),
                "initech-admin:wrong");
        assertThat(token.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(server.delete(TENANTS + "/initech", installationAdmin).status()).isEqualTo(204);
        assertThat(server.get(TENANTS + "/initech", installationAdmin).status()).isEqualTo(404);
        assertThat(server.get("/auth2/initech/.well-known/openid-configuration", null).status()).isEqualTo(404);
    }

    @Test
    void installationClientsHaveTheSameShapeAndMayHoldOnlyTheInstallationRole() {
        var r = server.postJson("/api/adminapi2/v1/clients", installationAdmin, body("clientId", "ops-robot",
                "allowedGrantTypes", List.of("client_credentials"), "roles", List.of("Installation Administrator")));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("allowedGrantTypes").toString()).isEqualTo("[\"authorization_code\",\"client_credentials\"]");
        var tenantRole = server.postJson("/api/adminapi2/v1/clients", installationAdmin, body("roles", List.of("Skill User")));
        assertThat(tenantRole.status()).isEqualTo(400);
        // Its client-credentials token is an installation administrator's.
        String robot = server.clientCredentialsToken("ops-robot", r.json().get("secret").get("value").asText());
        assertThat(server.postJson(TENANTS, robot, body("name", "robots-made-this")).status()).isEqualTo(201);
        var listed = server.get("/api/adminapi2/v1/clients", installationAdmin);
        assertThat(listed.json().findValuesAsText("clientId")).contains("ops-robot");
        assertThat(server.get(TENANTS + "/default/clients/ops-robot", tenantAdmin).status()).isEqualTo(404);
    }
}
