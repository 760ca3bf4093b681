package dev.gatehouse.web;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a reverse proxy (GATEHOUSE_PROXY_HEADERS=xforwarded) the client's address is the one the
 * proxy puts in X-Forwarded-For: it is what the audit log records and what sign-in throttling counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyHeadersTest {
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2, Map.of("GATEHOUSE_PROXY_HEADERS", "xforwarded"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theAuditLogRecordsTheForwardedAddress() {
        String token = server.adminToken();
        var created = server.send("POST", "/api/adminapi2/v1/tenants/default/clients", Map.of(
                "Authorization", "Bearer " + token, "Content-Type", "application/json",
                "X-Forwarded-For", "203.0.113.7"), "{\"clientId\":\"behind-proxy\"}");
        assertThat(created.status()).isEqualTo(201);
        var events = server.get("/api/adminapi2/v1/tenants/default/events?action=client.created", token).json();
        var event = events.findParents("targetId").stream()
                .filter(e -> e.get("targetId").asText().equals("behind-proxy")).findFirst().orElseThrow();
        assertThat(event.get("ip").asText()).isEqualTo("203.0.113.7");
    }
}
