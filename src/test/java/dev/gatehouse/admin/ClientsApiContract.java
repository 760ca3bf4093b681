package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4 /clients: the tenant admin API for API clients, run against each database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientsApiContract {
    static final String CLIENTS = "/api/adminapi2/v1/tenants/default/clients";
    TestServer server;
    String token;

    abstract TestServer.Db db();

    @BeforeAll
    void start() {
        server = TestServer.start(db());
        token = server.adminToken();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void createWithOnlyANameAppliesEveryDefaultAndReturnsTheFirstSecretOnce() {
        var r = server.postJson(CLIENTS, token, body("clientName", "Defaults"));
        assertThat(r.status()).isEqualTo(201);
        var c = r.json();
        String clientId = c.get("clientId").asText();
        assertThat(clientId).matches("[A-Za-z0-9]{30}");
        assertThat(r.header("Location")).isEqualTo(CLIENTS + "/" + clientId);
        assertThat(c.get("enabled").asBoolean()).isTrue();
        assertThat(c.get("allowOfflineAccess").asBoolean()).isFalse();
        assertThat(c.get("allowRememberConsent").asBoolean()).isTrue();
        assertThat(c.get("backChannelLogoutSessionRequired").asBoolean()).isTrue();
        assertThat(c.get("backChannelLogoutUri").isNull()).isTrue();
        assertThat(c.get("requireClientSecret").asBoolean()).isTrue();
        assertThat(c.get("requireConsent").asBoolean()).isFalse();
        assertThat(c.get("allowNoPkce").asBoolean()).isFalse();
        assertThat(c.get("allowRopc").asBoolean()).isFalse();
        assertThat(c.get("allowedGrantTypes").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(c.get("allowedScopes").toString()).isEqualTo("[\"openid\",\"permissions\",\"publicapi.all\"]");
        assertThat(c.get("accessTokenLifetime").asInt()).isEqualTo(86400);
        assertThat(c.get("refreshTokenLifetime").asInt()).isEqualTo(2592000);
        assertThat(c.get("refreshTokenUsage").asText()).isEqualTo("OneTimeOnly");
        var secret = c.get("secret");
        assertThat(secret.get("value").asText()).hasSize(43);
        assertThat(secret.get("valueDisplay").asText()).isEqualTo(secret.get("value").asText().substring(0, 3));

        var again = server.get(CLIENTS + "/" + clientId, token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().has("secret")).isFalse();
        assertThat(again.json().get("clientName").asText()).isEqualTo("Defaults");
        assertThat(again.body()).doesNotContain(secret.get("value").asText());
    }

    @Test
    void unknownFieldsAndWrongTypesAreFieldErrors() {
        var r = server.postJson(CLIENTS, token, body("clientName", 5, "enabled", "yes", "colour", "red"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        var errors = r.json().get("errors");
        assertThat(errors.get("clientName").get(0).asText()).isEqualTo("must be a string");
        assertThat(errors.get("enabled").get(0).asText()).isEqualTo("must be true or false");
        assertThat(errors.get("colour").get(0).asText()).isEqualTo("is not a known field");
    }

    @Test
    void listingSearchesByNameAndRole() {
        server.postJson(CLIENTS, token, body("clientName", "Searchable Zebra", "roles", List.of("Skill Designer"),
                "allowedGrantTypes", List.of("client_credentials")));
        var byName = server.get(CLIENTS + "?search=zebra", token);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.header("Total-Count")).isEqualTo("1");
        assertThat(byName.json().get(0).get("clientName").asText()).isEqualTo("Searchable Zebra");
        var byRole = server.get(CLIENTS + "?search=skill%20des", token);
        assertThat(byRole.json().findValuesAsText("clientName")).contains("Searchable Zebra");
    }

    @Test
    void aTokenWithoutTheRoleIsForbidden() {
        var r = server.postJson(CLIENTS, token, body("clientName", "No role", "allowedGrantTypes",
                List.of("client_credentials")));
        var plain = server.clientCredentialsToken(r.json().get("clientId").asText(),
                r.json().get("secret").get("value").asText());
        var denied = server.get(CLIENTS, plain);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(server.get(CLIENTS, null).status()).isEqualTo(401);
        assertThat(server.get(CLIENTS, "not-a-token").status()).isEqualTo(401);
        assertThat(Map.of()).isEmpty();
    }
}
