package dev.gatehouse.web;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §6 operations: health, metrics, security headers, and error formats for what is not there. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void healthEndpointsAnswer() {
        var live = server.get("/health/live", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        var ready = server.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextWithRequestTimersByRouteTemplate() {
        server.adminToken();
        server.get("/api/adminapi2/v1/tenants/default/clients/some-id", null);
        var metrics = server.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body()).contains("gatehouse_http_requests_seconds_count{method=\"POST\",route=\"/auth2/connect/token\",status=\"200\"}");
        assertThat(metrics.body()).contains("route=\"/api/adminapi2/{version}/tenants/{tenant}/clients/{clientId}\"");
        assertThat(metrics.body()).doesNotContain("some-id");
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections_active")
                .contains("gatehouse_crypto_provider{name=\"").containsPattern("gatehouse_password_hashing\\{implementation=\"(libargon2|java)\"} 1.0");
    }

    @Test
    void everyResponseCarriesStrictSecurityHeaders() {
        var r = server.get("/auth2/default/.well-known/openid-configuration", null);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        var token = server.postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"),
                TestServer.ADMIN_CLIENT_ID + ":" + TestServer.ADMIN_CLIENT_SECRET);
        assertThat(token.header("Cache-Control")).isEqualTo("no-store");
        assertThat(token.header("Pragma")).isEqualTo("no-cache");
    }

    @Test
    void unknownAddressesAndMethodsAreProblemDetails() {
        var missing = server.get("/no/such/page", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("status").asInt()).isEqualTo(404);
        var wrongMethod = server.send("POST", "/api/adminapi2/v1/tenants/default/clients/some-id", java.util.Map.of(), "");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongMethod.json().get("detail").asText()).isEqualTo("This method is not allowed here.");
        var unauthorized = server.get("/api/adminapi2/v1/tenants/default/clients", null);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(unauthorized.json().get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void theBootstrapPrintsItsValuesOnceAndTheAdminClientWorks() {
        assertThat(server.bootstrapOutput()).contains("tenant:         default");
        assertThat(server.bootstrapOutput()).contains("admin email:    " + TestServer.ADMIN_EMAIL);
        assertThat(server.bootstrapOutput()).contains("(from GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD)");
        assertThat(server.bootstrapOutput()).doesNotContain(TestServer.ADMIN_CLIENT_SECRET);
        assertThat(server.app().bootstrap().run(System.out)).isFalse();
    }
}
