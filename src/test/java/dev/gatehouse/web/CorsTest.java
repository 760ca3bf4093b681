package dev.gatehouse.web;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 CORS: browser calls to token, revocation, discovery and JWKS from a client's allowedCorsOrigins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTest {
    static final String APP = "https://app.example.com";
    TestServer server;
    String clientId;
    String token;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        token = server.adminToken();
        clientId = server.postJson("/api/adminapi2/v1/tenants/default/clients", token, body("clientId", "spa",
                "requireClientSecret", false, "allowedCorsOrigins", List.of(APP))).json().get("clientId").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private TestServer.Response preflight(String path, String origin) {
        return server.send("OPTIONS", path, Map.of("Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type"), null);
    }

    @Test
    void anAllowedOriginPassesThePreflightAndReadsTheAnswer() {
        var pre = preflight("/auth2/connect/token", APP);
        assertThat(pre.status()).isEqualTo(204);
        assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(pre.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
        assertThat(pre.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type");
        assertThat(pre.header("Access-Control-Allow-Credentials")).isNull();
        var jwks = server.send("GET", "/auth2/default/.well-known/openid-configuration/jwks", Map.of("Origin", APP), null);
        assertThat(jwks.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(jwks.header("Vary")).isEqualTo("Origin");
        var tokenAnswer = server.send("POST", "/auth2/connect/token", Map.of("Origin", APP,
                "Content-Type", "application/x-www-form-urlencoded"), "grant_type=client_credentials&client_id=spa");
        assertThat(tokenAnswer.status()).isEqualTo(400);
        assertThat(tokenAnswer.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void otherOriginsAndOtherEndpointsGetNoCorsHeaders() {
        assertThat(preflight("/auth2/connect/token", "https://evil.example.com").header("Access-Control-Allow-Origin"))
                .isNull();
        var admin = server.send("GET", "/api/adminapi2/v1/tenants/default/clients", Map.of("Origin", APP,
                "Authorization", "Bearer " + token), null);
        assertThat(admin.header("Access-Control-Allow-Origin")).isNull();
        var introspect = server.send("POST", "/auth2/connect/introspect", Map.of("Origin", APP,
                "Content-Type", "application/x-www-form-urlencoded"), "token=x");
        assertThat(introspect.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void removingTheOriginFromTheClientWithdrawsIt() {
        server.postJson("/api/adminapi2/v1/tenants/default/clients", token, body("clientId", "spa-2",
                "requireClientSecret", false, "allowedCorsOrigins", List.of("https://other.example.com")));
        assertThat(preflight("/auth2/connect/revocation", "https://other.example.com").header("Access-Control-Allow-Origin"))
                .isEqualTo("https://other.example.com");
        server.patchJson("/api/adminapi2/v1/tenants/default/clients/spa-2", token, body("allowedCorsOrigins", List.of()));
        assertThat(preflight("/auth2/connect/revocation", "https://other.example.com").header("Access-Control-Allow-Origin"))
                .isNull();
    }
}
