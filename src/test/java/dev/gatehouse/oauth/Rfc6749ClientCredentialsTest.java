package dev.gatehouse.oauth;

import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.Protocol.FORM;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.oauth.Protocol.assertInvalidClientBasic;
import static dev.gatehouse.oauth.Protocol.assertInvalidClientPost;
import static dev.gatehouse.oauth.Protocol.basic;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 (OAuth 2.0) §4.4 client credentials grant at the token endpoint, with client authentication
 * (§2.3.1), the token endpoint's request rules (§3.2, §3.3) and its responses (§5.1, §5.2), as
 * SPEC §2–3 shape them for Gatehouse's tenants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc6749ClientCredentialsTest {
    TestServer server;
    Protocol p;
    /** A tenant client of "default" with client_credentials, default scopes and a 600 s token lifetime. */
    Creds client;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        client = p.ccClient("default", "clientName", "cc", "accessTokenLifetime", 600, "roles", List.of("Skill User"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Response cc(Creds c, Object... more) {
        var form = new Object[more.length + 2];
        form[0] = "grant_type";
        form[1] = "client_credentials";
        System.arraycopy(more, 0, form, 2, more.length);
        return p.tokenBasic(TOKEN, c, form);
    }

    @Nested
    @DisplayName("§2.3.1 client password authentication")
    class ClientAuthentication {
        @Test
        @DisplayName("§2.3.1 client_secret_basic: id and secret in the Authorization header")
        void clientSecretBasic() {
            var r = cc(client);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        }

        @Test
        @DisplayName("§2.3.1 client_secret_post: client_id and client_secret in the body")
        void clientSecretPost() {
            var r = p.tokenPost(TOKEN, client, "grant_type", "client_credentials");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        }

        @Test
        @DisplayName("§2.3.1 Basic id and secret are form-urlencoded before base64 and decoded by the server")
        void basicCredentialsAreFormUrlDecoded() {
            Creds special = p.ccClient("default", "clientId", Protocol.unique("svc.a~b_c"));
            // '~' is sent as %7E by a form encoder; every character of the secret is percent-encoded here.
            String encodedId = special.clientId().replace("~", "%7E");
            var encodedSecret = new StringBuilder();
            for (byte b : special.secret().getBytes(StandardCharsets.UTF_8)) encodedSecret.append(String.format("%%%02X", b));
            String header = "Basic " + Base64.getEncoder().encodeToString(
                    (encodedId + ":" + encodedSecret).getBytes(StandardCharsets.UTF_8));
            var r = p.post(TOKEN, Map.of("Content-Type", FORM, "Authorization", header), "grant_type=client_credentials");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(Protocol.claims(r.json().get("access_token").asText()).getSubject()).isEqualTo(special.clientId());
        }

        @Test
        @DisplayName("§2.3: one authentication method per request; Basic plus client_secret in the body is invalid_request")
        void bothMethodsAtOnce() {
            var r = p.post(TOKEN, Map.of("Content-Type", FORM, "Authorization", basic(client.clientId(), client.secret())),
                    TestServer.form(Map.of("grant_type", "client_credentials", "client_id", client.clientId(),
                            "client_secret", client.secret())));
            assertError(r, 400, "invalid_request");
        }

        @Test
        @DisplayName("§2.3.1: a body client_id other than the Basic one is invalid_request")
        void bodyClientIdContradictsBasic() {
            var r = p.post(TOKEN, Map.of("Content-Type", FORM, "Authorization", basic(client.clientId(), client.secret())),
                    TestServer.form(Map.of("grant_type", "client_credentials", "client_id", "someone-else")));
            assertError(r, 400, "invalid_request");
        }

        @Test
        @DisplayName("§5.2 invalid_client: unknown client, 401 + WWW-Authenticate Basic with Basic, 400 without")
        void unknownClient() {
            var nobody = new Creds("no-such-client", "whatever-secret-value");
            assertInvalidClientBasic(cc(nobody));
            assertInvalidClientPost(p.tokenPost(TOKEN, nobody, "grant_type", "client_credentials"));
        }

        @Test
        @DisplayName("§5.2 invalid_client: wrong secret, 401 with Basic, 400 without")
        void wrongSecret() {
            var wrong = new Creds(client.clientId(), client.secret() + "x");
            assertInvalidClientBasic(cc(wrong));
            assertInvalidClientPost(p.tokenPost(TOKEN, wrong, "grant_type", "client_credentials"));
        }

        @Test
        @DisplayName("§5.2 invalid_client: missing secret, 401 with Basic, 400 without")
        void missingSecret() {
            assertInvalidClientBasic(cc(new Creds(client.clientId(), "")));
            assertInvalidClientPost(p.tokenPost(TOKEN, new Creds(client.clientId(), null),
                    "grant_type", "client_credentials"));
        }

        @Test
        @DisplayName("§5.2 invalid_client: no client authentication at all")
        void noClientAuthentication() {
            assertInvalidClientPost(p.post(TOKEN, Map.of("Content-Type", FORM), "grant_type=client_credentials"));
        }

        @Test
        @DisplayName("SPEC §4 DELETE /clients/{clientId}: a deleted client is invalid_client at once")
        void deletedClient() {
            Creds deleted = p.ccClient("default");
            assertThat(cc(deleted).status()).isEqualTo(200);
            var r = server.delete("/api/adminapi2/v1/tenants/default/clients/" + deleted.clientId(), p.tenantAdminToken());
            assertThat(r.status()).isEqualTo(204);
            assertInvalidClientBasic(cc(deleted));
        }

        @Test
        @DisplayName("SPEC §2 clientId is case-sensitive: another case is an unknown client")
        void clientIdIsCaseSensitive() {
            Creds mixed = p.ccClient("default", "clientId", Protocol.unique("MixedCase"));
            assertInvalidClientBasic(cc(new Creds(mixed.clientId().toLowerCase(), mixed.secret())));
        }

        @Test
        @DisplayName("SPEC §4 enabled=false: a disabled client is invalid_client")
        void disabledClient() {
            Creds disabled = p.ccClient("default");
            assertThat(cc(disabled).status()).isEqualTo(200);
            p.patchClient("default", disabled.clientId(), body("enabled", false));
            assertInvalidClientBasic(cc(disabled));
            assertInvalidClientPost(p.tokenPost(TOKEN, disabled, "grant_type", "client_credentials"));
        }
    }

    @Nested
    @DisplayName("SPEC §4 client secrets: any secret inside its validity window authenticates")
    class SecretValidity {
        private String secrets(Creds c) {
            return "/api/adminapi2/v1/tenants/default/clients/" + c.clientId() + "/secrets";
        }

        private Response addSecret(Creds c, Object... fields) {
            var r = server.postJson(secrets(c), p.tenantAdminToken(), body(fields));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            return r;
        }

        @Test
        @DisplayName("SPEC §3 token endpoint: each of two valid secrets authenticates")
        void everyValidSecretWorks() {
            Creds c = p.ccClient("default");
            String second = addSecret(c, "description", "second").json().get("value").asText();
            assertThat(cc(c).status()).isEqualTo(200);
            assertThat(cc(new Creds(c.clientId(), second)).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("SPEC §4 startTime: a secret whose window has not started is refused while another valid one works")
        void secretNotYetValid() {
            Creds c = p.ccClient("default");
            Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            String future = addSecret(c, "startTime", start.toString(),
                    "expiration", start.plus(30, ChronoUnit.DAYS).toString()).json().get("value").asText();
            assertInvalidClientBasic(cc(new Creds(c.clientId(), future)));
            assertInvalidClientPost(p.tokenPost(TOKEN, new Creds(c.clientId(), future), "grant_type", "client_credentials"));
            assertThat(cc(c).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("SPEC §4 expiration: an expired secret is refused while another valid one works")
        void expiredSecret() {
            Creds c = p.ccClient("default");
            String firstSecretId = server.get(secrets(c), p.tenantAdminToken()).json().get(0).get("id").asText();
            // The API never lets an expiration lie in the past, so age the first secret in the database;
            // adding a second secret afterwards evicts the client from the protocol cache.
            int changed = server.app().database().update("UPDATE client_secrets SET start_time = ?, expiration = ? WHERE id = ?",
                    OffsetDateTime.now(ZoneOffset.UTC).minusDays(10), OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5),
                    firstSecretId);
            assertThat(changed).isEqualTo(1);
            String second = addSecret(c, "description", "still valid").json().get("value").asText();

            var listed = server.get(secrets(c), p.tenantAdminToken()).json();
            assertThat(listed.findValues("expired").stream().map(n -> n.asBoolean()).toList()).contains(true, false);
            assertInvalidClientBasic(cc(c));
            assertThat(cc(new Creds(c.clientId(), second)).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("SPEC §4 DELETE /secrets/{id}: a deleted secret stops working at once")
        void deletedSecret() {
            Creds c = p.ccClient("default");
            String firstSecretId = server.get(secrets(c), p.tenantAdminToken()).json().get(0).get("id").asText();
            String second = addSecret(c, "description", "replacement").json().get("value").asText();
            assertThat(cc(c).status()).isEqualTo(200); // cached with both secrets
            assertThat(server.delete(secrets(c) + "/" + firstSecretId, p.tenantAdminToken()).status()).isEqualTo(204);
            assertInvalidClientBasic(cc(c));
            assertThat(cc(new Creds(c.clientId(), second)).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("§3.2 / §4.4.2 the token request")
    class TokenRequest {
        @Test
        @DisplayName("§4.4.2 / §5.2 unauthorized_client: a client without the client_credentials grant")
        void clientWithoutTheGrant() {
            Creds codeOnly = p.createClient("default", body("clientName", "code only"));
            var r = cc(codeOnly);
            assertError(r, 400, "unauthorized_client");
        }

        @Test
        @DisplayName("§4.4 / §2.1: a public client (requireClientSecret=false) cannot use client_credentials")
        void publicClient() {
            Creds pub = p.ccClient("default", "requireClientSecret", false);
            assertThat(pub.secret()).isNull();
            assertError(p.tokenPost(TOKEN, pub, "grant_type", "client_credentials"), 400, "unauthorized_client");
        }

        @Test
        @DisplayName("§5.2 unsupported_grant_type: an unknown grant_type")
        void unknownGrantType() {
            assertError(p.tokenBasic(TOKEN, client, "grant_type", "urn:example:magic"), 400, "unsupported_grant_type");
        }

        @Test
        @DisplayName("§4.4.2 / §5.2 invalid_request: grant_type missing")
        void missingGrantType() {
            assertError(p.tokenBasic(TOKEN, client, "scope", "permissions"), 400, "invalid_request");
        }

        @Test
        @DisplayName("§3.2 invalid_request: a parameter sent twice")
        void repeatedParameter() {
            var headers = Map.of("Content-Type", FORM, "Authorization", basic(client.clientId(), client.secret()));
            assertError(p.post(TOKEN, headers, "grant_type=client_credentials&grant_type=client_credentials"),
                    400, "invalid_request");
            assertError(p.post(TOKEN, headers, "grant_type=client_credentials&scope=openid&scope=permissions"),
                    400, "invalid_request");
        }

        @Test
        @DisplayName("§3.2 invalid_request: a body that is not application/x-www-form-urlencoded")
        void wrongContentType() {
            String auth = basic(client.clientId(), client.secret());
            assertError(p.post(TOKEN, Map.of("Content-Type", "application/json", "Authorization", auth),
                    "{\"grant_type\":\"client_credentials\"}"), 400, "invalid_request");
            assertError(p.post(TOKEN, Map.of("Content-Type", "text/plain", "Authorization", auth),
                    "grant_type=client_credentials"), 400, "invalid_request");
            assertError(p.post(TOKEN, Map.of("Authorization", auth), "grant_type=client_credentials"),
                    400, "invalid_request");
        }

        @Test
        @DisplayName("§3.2: Content-Type with a charset parameter is still form-urlencoded")
        void contentTypeWithCharset() {
            var r = p.post(TOKEN, Map.of("Content-Type", FORM + "; charset=UTF-8",
                    "Authorization", basic(client.clientId(), client.secret())), "grant_type=client_credentials");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("SPEC §2 tenant resolution at /auth2/{T}/connect/token")
    class Tenants {
        @Test
        @DisplayName("SPEC §2: a tenant client at its own tenant-scoped token URL, by name and by id")
        void ownTenantPath() {
            String id = server.defaultTenantId();
            for (String t : List.of("default", id)) {
                var r = p.tokenBasic("/auth2/" + t + "/connect/token", client, "grant_type", "client_credentials");
                assertThat(Protocol.claims(Protocol.accessToken(r)).getIssuer())
                        .isEqualTo(server.baseUrl() + "/auth2/" + id);
            }
        }

        @Test
        @DisplayName("SPEC §2: a tenant client at another tenant's token URL is invalid_client")
        void otherTenantPath() {
            String other = Protocol.unique("cc-other");
            p.createTenant(other);
            String path = "/auth2/" + other + "/connect/token";
            assertInvalidClientBasic(p.tokenBasic(path, client, "grant_type", "client_credentials"));
            assertInvalidClientPost(p.tokenPost(path, client, "grant_type", "client_credentials"));
        }

        @Test
        @DisplayName("SPEC §2: an unknown tenant in the token URL is 404 with an OAuth error body")
        void unknownTenantPath() {
            var r = p.tokenBasic("/auth2/no-such-tenant/connect/token", client, "grant_type", "client_credentials");
            assertError(r, 404, "invalid_request");
        }

        @Test
        @DisplayName("SPEC §1: a client of a disabled tenant gets no token")
        void disabledTenant() {
            String name = Protocol.unique("cc-disabled");
            p.createTenant(name);
            Creds c = p.ccClient(name);
            assertThat(cc(c).status()).isEqualTo(200);
            var r = server.patchJson("/api/adminapi2/v1/tenants/" + name, p.installationAdminToken(), body("enabled", false));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertInvalidClientBasic(cc(c));
            assertThat(p.tokenBasic("/auth2/" + name + "/connect/token", c, "grant_type", "client_credentials").status())
                    .isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("§3.3 access token scope")
    class Scope {
        @Test
        @DisplayName("§3.3: with no scope requested the client gets its allowed scopes")
        void defaultScope() {
            var r = cc(client);
            assertThat(r.json().get("scope").asText()).isEqualTo("openid permissions publicapi.all");
            assertThat(Protocol.claims(Protocol.accessToken(r)).getClaim("scope")).isEqualTo("openid permissions publicapi.all");
        }

        @Test
        @DisplayName("§3.3: a requested subset is granted as requested")
        void requestedSubset() {
            var r = cc(client, "scope", "permissions");
            assertThat(r.json().get("scope").asText()).isEqualTo("permissions");
            assertThat(Protocol.claims(Protocol.accessToken(r)).getClaim("scope")).isEqualTo("permissions");
        }

        @Test
        @DisplayName("SPEC §1: global.wildcard is accepted where publicapi.all is allowed")
        void globalWildcard() {
            var r = cc(client, "scope", "openid permissions global.wildcard");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("scope").asText()).isEqualTo("openid permissions global.wildcard");
        }

        @Test
        @DisplayName("SPEC §1: global.wildcard is invalid_scope for a client without publicapi.all")
        void globalWildcardNeedsPublicApi() {
            Creds narrow = p.ccClient("default", "allowedScopes", List.of("openid", "permissions"));
            assertError(cc(narrow, "scope", "global.wildcard"), 400, "invalid_scope");
            assertError(cc(narrow, "scope", "publicapi.all"), 400, "invalid_scope");
        }

        @Test
        @DisplayName("§5.2 invalid_scope: unknown, not allowed, malformed or empty scope")
        void invalidScopes() {
            assertError(cc(client, "scope", "openid unknown.scope"), 400, "invalid_scope");
            assertError(cc(client, "scope", "email"), 400, "invalid_scope");
            assertError(cc(client, "scope", "perm\"issions"), 400, "invalid_scope");
            assertError(cc(client, "scope", "   "), 400, "invalid_scope");
            assertError(cc(client, "scope", "openid " + "permissions ".repeat(30)), 400, "invalid_scope");
        }

        @Test
        @DisplayName("SPEC §3 client credentials: offline_access is invalid_scope, even for a client allowed it")
        void offlineAccessRefused() {
            assertError(cc(client, "scope", "openid offline_access"), 400, "invalid_scope");
            Creds offline = p.ccClient("default", "allowOfflineAccess", true,
                    "allowedScopes", List.of("openid", "permissions", "offline_access"));
            assertError(cc(offline, "scope", "openid offline_access"), 400, "invalid_scope");
            var defaults = cc(offline);
            assertThat(defaults.json().get("scope").asText()).isEqualTo("openid permissions");
            assertThat(defaults.json().has("refresh_token")).isFalse();
        }

        @Test
        @DisplayName("SPEC §3 ID tokens: openid is accepted with client credentials and no id_token is returned")
        void openidWithoutIdToken() {
            var r = cc(client, "scope", "openid");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().has("id_token")).isFalse();
            assertThat(r.json().has("refresh_token")).isFalse();
        }
    }

    @Nested
    @DisplayName("§5.1 successful response")
    class SuccessfulResponse {
        @Test
        @DisplayName("§5.1: JSON with access_token, token_type Bearer, expires_in = accessTokenLifetime, no-store")
        void responseShape() {
            var r = cc(client);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("Pragma")).isEqualTo("no-cache");
            var json = r.json();
            assertThat(json.get("access_token").asText()).isNotBlank();
            assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(json.get("expires_in").isInt()).isTrue();
            assertThat(json.get("expires_in").asInt()).isEqualTo(600);
            assertThat(json.has("refresh_token")).isFalse();
        }

        @Test
        @DisplayName("§5.1: expires_in follows a changed accessTokenLifetime")
        void lifetimeFollowsTheClient() {
            Creds c = p.ccClient("default", "accessTokenLifetime", 3600);
            assertThat(cc(c).json().get("expires_in").asInt()).isEqualTo(3600);
            p.patchClient("default", c.clientId(), body("accessTokenLifetime", 120));
            assertThat(cc(c).json().get("expires_in").asInt()).isEqualTo(120);
        }
    }

    @Nested
    @DisplayName("§5.2 malformed requests are client errors, never server errors")
    class Malformed {
        private final Map<String, String> form = Map.of("Content-Type", FORM);

        @Test
        @DisplayName("§5.2 invalid_request: a parameter longer than 4096 characters")
        void oversizeParameter() {
            var r = cc(client, "scope", "a".repeat(5000));
            assertError(r, 400, "invalid_request");
            assertError(p.post(TOKEN, form, "grant_type=" + "x".repeat(4097)), 400, "invalid_request");
        }

        @Test
        @DisplayName("§5.2 invalid_client, 401: Basic credentials that are missing, not base64, or lack the ':'")
        void badBasic() {
            for (String header : List.of("Basic %%%not-base64%%%", "Basic", "Basic " + b64("no-colon-here"),
                    "Basic " + b64("%zz:%zz"), "basic " + b64(":"))) {
                var r = p.post(TOKEN, Map.of("Content-Type", FORM, "Authorization", header), "grant_type=client_credentials");
                assertInvalidClientBasic(r);
            }
        }

        @Test
        @DisplayName("§5.2 invalid_client: a client_id over 100 characters")
        void longClientId() {
            var longId = new Creds("c".repeat(101), "secret-value-0123456789");
            assertInvalidClientBasic(cc(longId));
            assertInvalidClientPost(p.tokenPost(TOKEN, longId, "grant_type", "client_credentials"));
            var huge = new Creds("c".repeat(4000), "secret-value-0123456789");
            assertInvalidClientBasic(cc(huge));
        }

        @Test
        @DisplayName("§5.2 invalid_client: client_ids with characters no client id has")
        void strangeClientIds() {
            for (String id : List.of("émigré-client", "../../etc", "'; DROP TABLE clients; --", " ")) {
                var c = new Creds(id, "secret-value-0123456789");
                assertInvalidClientBasic(cc(c));
                assertInvalidClientPost(p.tokenPost(TOKEN, c, "grant_type", "client_credentials"));
            }
            // U+0000 in a form value makes the request malformed; in Basic credentials it is a failed authentication.
            var nul = new Creds("nul\u0000byte", "secret-value-0123456789");
            assertInvalidClientBasic(cc(nul));
            var r = p.tokenPost(TOKEN, nul, "grant_type", "client_credentials");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("invalid_request");
        }

        @Test
        @DisplayName("§5.2 invalid_request: a body with broken percent-encoding")
        void malformedBody() {
            for (String body : List.of("grant_type=%zz", "=&=&&", "%E0%A4%A", "grant_type=%E0%A4%A")) {
                var r = p.post(TOKEN, Map.of("Content-Type", FORM, "Authorization", basic(client.clientId(), client.secret())), body);
                assertError(r, 400, "invalid_request");
            }
        }

        @Test
        @DisplayName("§5.2: a body over the request size limit is refused with 413, not a server error")
        void hugeBody() {
            var r = p.post(TOKEN, form, "grant_type=client_credentials&scope=" + "a".repeat(2 * 1024 * 1024));
            assertThat(r.status()).as(r.status() + "").isEqualTo(413);
        }

        @Test
        @DisplayName("§3.2: GET on the token endpoint is not a token request")
        void getIsNotAllowed() {
            var r = server.get(TOKEN + "?grant_type=client_credentials", null);
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.body()).doesNotContain("access_token");
        }

        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
