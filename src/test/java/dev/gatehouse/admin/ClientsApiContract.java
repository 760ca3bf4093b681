package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4 /clients: the tenant admin API for API clients, run against each database. */
abstract class ClientsApiContract extends ApiContract {
    static final String CLIENTS = "/api/adminapi2/v1/tenants/default/clients";

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
    }

    @Test
    void putResetsOmittedFieldsToDefaultsAndPatchChangesOnlyWhatItNames() {
        var created = server.postJson(CLIENTS, token, body("clientId", "put-patch-client", "clientName", "Before",
                "requireConsent", true, "redirectUris", List.of("https://app.example.com/cb"),
                "accessTokenLifetime", 600)).json();
        assertThat(created.get("clientId").asText()).isEqualTo("put-patch-client");

        var patched = server.patchJson(CLIENTS + "/put-patch-client", token, body("clientName", "Patched"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("clientName").asText()).isEqualTo("Patched");
        assertThat(patched.json().get("requireConsent").asBoolean()).isTrue();
        assertThat(patched.json().get("accessTokenLifetime").asInt()).isEqualTo(600);

        var put = server.putJson(CLIENTS + "/put-patch-client", token, body("clientName", "Replaced"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("clientName").asText()).isEqualTo("Replaced");
        assertThat(put.json().get("requireConsent").asBoolean()).isFalse();
        assertThat(put.json().get("redirectUris").size()).isZero();
        assertThat(put.json().get("accessTokenLifetime").asInt()).isEqualTo(86400);
        assertThat(put.json().get("created").asText()).isEqualTo(created.get("created").asText());

        var renamed = server.putJson(CLIENTS + "/put-patch-client", token, body("clientId", "other-id"));
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("errors").get("clientId").get(0).asText()).isEqualTo("cannot be changed");
    }

    @Test
    void aGetResponseCanBePutBackUnchanged() {
        server.postJson(CLIENTS, token, body("clientId", "round-trip", "clientName", "Round trip"));
        var got = server.get(CLIENTS + "/round-trip", token);
        var put = server.putJson(CLIENTS + "/round-trip", token, got.body());
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("clientName").asText()).isEqualTo("Round trip");
    }

    @Test
    void deleteRemovesTheClient() {
        server.postJson(CLIENTS, token, body("clientId", "to-delete"));
        assertThat(server.delete(CLIENTS + "/to-delete", token).status()).isEqualTo(204);
        var gone = server.get(CLIENTS + "/to-delete", token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("status").asInt()).isEqualTo(404);
        assertThat(server.delete(CLIENTS + "/to-delete", token).status()).isEqualTo(404);
    }

    @Test
    void aDuplicateClientIdIsAConflict() {
        assertThat(server.postJson(CLIENTS, token, body("clientId", "dup-client")).status()).isEqualTo(201);
        var again = server.postJson(CLIENTS, token, body("clientId", "dup-client"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("dup-client");
    }

    @Test
    void everyRuleOfTheFieldTableIsChecked() {
        var r = server.postJson(CLIENTS, token, body(
                "clientId", "x",
                "clientName", "",
                "backChannelLogoutUri", "http://rp.example.com/logout",
                "allowedCorsOrigins", List.of("https://app.example.com/path"),
                "allowedScopes", "openid nonsense",
                "redirectUris", List.of("not a uri", "https://ok.example.com/cb#frag"),
                "postLogoutRedirectUris", List.of("/relative"),
                "roles", List.of("No Such Role"),
                "accessTokenLifetime", 59,
                "refreshTokenUsage", "Sometimes"));
        assertThat(r.status()).isEqualTo(400);
        var errors = r.json().get("errors");
        assertThat(errors.has("clientId")).isTrue();
        assertThat(errors.has("clientName")).isTrue();
        assertThat(errors.get("backChannelLogoutUri").get(0).asText()).isEqualTo("must use https (http only for localhost)");
        assertThat(errors.has("allowedCorsOrigins[0]")).isTrue();
        assertThat(errors.get("allowedScopes[1]").get(0).asText()).isEqualTo("'nonsense' is not a known scope");
        assertThat(errors.has("redirectUris[0]")).isTrue();
        assertThat(errors.get("redirectUris[1]").get(0).asText()).isEqualTo("must not contain a fragment");
        assertThat(errors.has("postLogoutRedirectUris[0]")).isTrue();
        assertThat(errors.get("roles[0]").get(0).asText()).isEqualTo("'No Such Role' is not a role here");
        assertThat(errors.has("accessTokenLifetime")).isTrue();
        assertThat(errors.get("refreshTokenUsage").get(0).asText()).isEqualTo("must be OneTimeOnly or ReUse");
    }

    @Test
    void lifetimesAreBounded() {
        var shortRefresh = server.postJson(CLIENTS, token, body("accessTokenLifetime", 3600, "refreshTokenLifetime", 600));
        assertThat(shortRefresh.json().get("errors").get("refreshTokenLifetime").get(0).asText())
                .isEqualTo("must be at least accessTokenLifetime");
        var tooLong = server.postJson(CLIENTS, token, body("accessTokenLifetime", 31_536_001));
        assertThat(tooLong.json().get("errors").has("accessTokenLifetime")).isTrue();
        var notInt = server.postJson(CLIENTS, token, body("accessTokenLifetime", 1.5));
        assertThat(notInt.json().get("errors").get("accessTokenLifetime").get(0).asText()).isEqualTo("must be a whole number");
    }

    @Test
    void scopesAcceptASpaceSeparatedStringAndAreReturnedAsAnArray() {
        var r = server.postJson(CLIENTS, token, body("allowedScopes", "openid permissions global.wildcard"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("allowedScopes").toString()).isEqualTo("[\"openid\",\"permissions\",\"global.wildcard\"]");
    }

    @Test
    void allowRopcAndAllowedGrantTypesStayInStep() {
        var byFlag = server.postJson(CLIENTS, token, body("allowRopc", true)).json();
        assertThat(byFlag.get("allowedGrantTypes").toString()).isEqualTo("[\"authorization_code\",\"password\"]");
        var byList = server.postJson(CLIENTS, token, body("allowedGrantTypes", List.of("password", "client_credentials"))).json();
        assertThat(byList.get("allowRopc").asBoolean()).isTrue();
        assertThat(byList.get("allowedGrantTypes").toString())
                .isEqualTo("[\"authorization_code\",\"password\",\"client_credentials\"]");
        var contradiction = server.postJson(CLIENTS, token, body("allowRopc", false, "allowedGrantTypes", List.of("password")));
        assertThat(contradiction.status()).isEqualTo(400);
        assertThat(contradiction.json().get("errors").get("allowRopc").get(0).asText()).isEqualTo("contradicts allowedGrantTypes");
        var unknown = server.postJson(CLIENTS, token, body("allowedGrantTypes", List.of("implicit")));
        assertThat(unknown.json().get("errors").has("allowedGrantTypes[0]")).isTrue();
    }

    @Test
    void aPublicClientGetsNoSecret() {
        var r = server.postJson(CLIENTS, token, body("requireClientSecret", false));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().has("secret")).isFalse();
    }

    @Test
    void riskyRedirectPrefixesComeBackAsWarnings() {
        var r = server.postJson(CLIENTS, token, body("redirectUris", List.of("https://myDomain.", "https://safe.example.com/cb")));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("warnings").size()).isEqualTo(1);
        assertThat(r.json().get("warnings").get(0).asText()).startsWith("'https://myDomain.' does not end at a path boundary");
    }

    @Test
    void malformedBodiesAreClearErrorsAndWriteNothing() {
        long before = Long.parseLong(server.get(CLIENTS, token).header("Total-Count"));
        var broken = server.postJson(CLIENTS, token, "{\"clientName\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asText()).startsWith("The body is not well-formed JSON");
        assertThat(server.postJson(CLIENTS, token, "[1,2]").status()).isEqualTo(400);
        assertThat(server.postJson(CLIENTS, token, "{\"clientName\":\"a\",\"clientName\":\"b\"}").status()).isEqualTo(400);
        var wrongType = server.send("POST", CLIENTS, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "text/plain"), "clientName=x");
        assertThat(wrongType.status()).isEqualTo(415);
        var huge = server.postJson(CLIENTS, token, body("clientName", "x".repeat(70_000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(Long.parseLong(server.get(CLIENTS, token).header("Total-Count"))).isEqualTo(before);
    }

    @Test
    void pagingUsesOffsetAndLimitAndReportsTheTotal() {
        for (int i = 0; i < 3; i++) server.postJson(CLIENTS, token, body("clientName", "Paged " + i));
        var page = server.get(CLIENTS + "?search=paged&offset=1&limit=1", token);
        assertThat(page.header("Total-Count")).isEqualTo("3");
        assertThat(page.json().size()).isEqualTo(1);
        assertThat(page.json().get(0).get("clientName").asText()).isEqualTo("Paged 1");
        var bad = server.get(CLIENTS + "?limit=0&offset=-1", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").has("limit")).isTrue();
        assertThat(bad.json().get("errors").has("offset")).isTrue();
    }

    @Test
    void versionOneAndTwoAreTheSameApiAndOthersDoNotExist() {
        server.postJson(CLIENTS, token, body("clientId", "both-versions"));
        var v2 = server.get("/api/adminapi2/v2/tenants/default/clients/both-versions", token);
        assertThat(v2.status()).isEqualTo(200);
        assertThat(server.get("/api/adminapi2/v3/tenants/default/clients", token).status()).isEqualTo(404);
    }

    @Test
    void theTenantIsNamedByIdOrByName() {
        server.postJson(CLIENTS, token, body("clientId", "by-id"));
        var byId = server.get("/api/adminapi2/v1/tenants/" + server.defaultTenantId() + "/clients/by-id", token);
        assertThat(byId.status()).isEqualTo(200);
    }

    @Test
    void aDisabledClientGetsNoTokens() {
        var c = server.postJson(CLIENTS, token, body("allowedGrantTypes", List.of("client_credentials"))).json();
        String id = c.get("clientId").asText();
        String secret = c.get("secret").get("value").asText();
        server.clientCredentialsToken(id, secret);
        server.patchJson(CLIENTS + "/" + id, token, body("enabled", false));
        var refused = server.postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"), id + ":" + secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void theNulCharacterIsRefusedEverywhereWithoutAServerError() {
        var inBody = server.postJson(CLIENTS, token, body("clientName", "bad\u0000name"));
        assertThat(inBody.status()).isEqualTo(400);
        assertThat(inBody.json().get("detail").asText()).isEqualTo("The body must not contain the character U+0000.");
        assertThat(server.get(CLIENTS + "?search=a%00b", token).status()).isEqualTo(400);
        var users = server.postJson("/api/adminapi2/v1/tenants/default/users", token, body("email", "a\u0000@example.com"));
        assertThat(users.status()).isEqualTo(400);
    }

    @Test
    void tenantNamesThatClashWithOurOwnAddressesAreReserved() {
        var r = server.postJson("/api/adminapi2/v1/tenants", server.installationAdminToken(), body("name", "account"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get("name").get(0).asText()).isEqualTo("is reserved");
    }
}
