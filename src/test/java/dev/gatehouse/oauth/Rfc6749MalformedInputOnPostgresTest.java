package dev.gatehouse.oauth;

import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.oauth.Protocol.assertInvalidClientBasic;
import static dev.gatehouse.oauth.Protocol.assertInvalidClientPost;
import static dev.gatehouse.testing.TestServer.body;

/**
 * RFC 6749 §5.2 on the production database: input PostgreSQL cannot store (U+0000 in text) is an
 * OAuth error like any other unknown value, never a server error. H2 accepts such text, so the other
 * protocol tests cannot show this.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc6749MalformedInputOnPostgresTest {
    static final String NUL = "nul\u0000";
    static final String PASSWORD = "a long enough password 2";

    TestServer server;
    Protocol p;
    Creds ropc;
    Creds installation;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.POSTGRES);
        p = new Protocol(server);
        ropc = p.createClient("default", body("allowRopc", true));
        installation = p.createInstallationClient(body("allowRopc", true));
        p.createUser("default", "someone@example.com", PASSWORD, List.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("§5.2 invalid_client: a client_id with U+0000, by Basic and by post")
    void clientId() {
        var c = new Creds(NUL + "client", "secret-value-0123456789");
        assertInvalidClientBasic(p.tokenBasic(TOKEN, c, "grant_type", "client_credentials"));
        assertError(p.tokenPost(TOKEN, c, "grant_type", "client_credentials"), 400, "invalid_request");
    }

    @Test
    @DisplayName("§5.2 invalid_request: a username with U+0000, for a tenant client and an installation client")
    void username() {
        assertError(p.tokenBasic(TOKEN, ropc, "grant_type", "password", "username", NUL + "@example.com",
                "password", PASSWORD), 400, "invalid_request");
        assertError(p.tokenBasic(TOKEN, installation, "grant_type", "password", "username", NUL + "@example.com",
                "password", PASSWORD), 400, "invalid_request");
    }

    @Test
    @DisplayName("§5.2 invalid_request: a tenantId or acr_values tenant with U+0000 names no tenant")
    void tenant() {
        assertError(p.tokenBasic(TOKEN, installation, "grant_type", "password", "username", "someone@example.com",
                "password", PASSWORD, "tenantId", NUL), 400, "invalid_request");
        assertError(p.tokenBasic(TOKEN, installation, "grant_type", "password", "username", "someone@example.com",
                "password", PASSWORD, "acr_values", "tenant:" + NUL), 400, "invalid_request");
    }
}
