package dev.gatehouse.oauth;

import dev.gatehouse.oauth.CodeFlow.Pkce;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** Expired sessions and authorization codes leave the database at the next housekeeping pass; live ones stay. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousekeepingTest {
    static final String REDIRECT = "https://app.example.com/cb";
    TestServer server;
    Creds client;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        var p = new Protocol(server);
        client = p.createClient("default", body("redirectUris", List.of(REDIRECT)));
        p.createUser("default", "tidy@example.com", "tidy-password-1", List.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void expiredSessionsAndCodesAreDeletedLiveOnesKept() {
        var db = server.app().database();
        CodeFlow.authorize(new Browser(server), request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create()),
                "tidy@example.com", "tidy-password-1");
        new Browser(server).open(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create()));
        long sessions = db.count("SELECT COUNT(*) FROM sessions");
        assertThat(sessions).isGreaterThanOrEqualTo(2);
        assertThat(db.count("SELECT COUNT(*) FROM authorization_codes")).isEqualTo(1);

        // One session expires now; the code expired two days ago (past the day it is kept for replay detection).
        db.update("UPDATE sessions SET expires_at = ? WHERE id_hash = (SELECT MIN(id_hash) FROM sessions)",
                Instant.now().minusSeconds(1));
        db.update("UPDATE authorization_codes SET expires_at = ?", Instant.now().minusSeconds(2 * 86_400));
        server.app().housekeeping().runOnce();

        assertThat(db.count("SELECT COUNT(*) FROM sessions")).isEqualTo(sessions - 1);
        assertThat(db.count("SELECT COUNT(*) FROM authorization_codes")).isZero();
    }
}
