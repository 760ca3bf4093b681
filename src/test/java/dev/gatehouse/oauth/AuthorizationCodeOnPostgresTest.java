package dev.gatehouse.oauth;

import dev.gatehouse.oauth.CodeFlow.Pkce;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization-code flow on the production database: sessions, codes, consents and sign-in
 * throttling run the same SQL on PostgreSQL as on H2 (RFC 6749 §4.1, SPEC §3).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationCodeOnPostgresTest {
    static final String EMAIL = "pg-user@example.com";
    static final String PASSWORD = "postgres user password";
    static final String REDIRECT = "https://pg.example.com/cb";

    TestServer server;
    Protocol p;
    Creds client;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.POSTGRES);
        p = new Protocol(server);
        client = p.createClient("default", body("redirectUris", List.of(REDIRECT), "requireConsent", true));
        p.createUser("default", EMAIL, PASSWORD, List.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("RFC 6749 §4.1 / SPEC §3: sign-in, remembered consent, code redemption, replay revocation, throttling on PostgreSQL")
    void wholeFlow() {
        var b = new Browser(server);
        Pkce pkce = Pkce.create();
        Response first = b.open(request(AUTHORIZE, client.clientId(), REDIRECT, pkce));
        Response consent = CodeFlow.signIn(b, first, EMAIL, PASSWORD);
        assertThat(consent.body()).contains(">Allow</button>");
        b.submitForm(consent, "/auth2/account/consent", "decision", "allow", "remember", "on");
        var answer = Browser.query(b.leftFor());
        Response tokens = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as("%s", tokens).isEqualTo(200);
        String accessToken = tokens.json().get("access_token").asText();
        assertThat(server.get("/auth2/connect/userinfo", accessToken).status()).isEqualTo(200);
        assertError(redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()), 400, "invalid_grant");
        assertThat(server.get("/auth2/connect/userinfo", accessToken).status()).isEqualTo(401);

        // Remembered consent and the live session: the next request is answered at once.
        b.open(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create()));
        assertThat(Browser.query(b.leftFor())).containsKey("code");

        // Throttling: five failures lock the account.
        var other = new Browser(server);
        Response pw = other.submitForm(other.open(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create())),
                "/auth2/account/login", "email", EMAIL);
        Response last = null;
        for (int i = 0; i < 5; i++) last = other.submitForm(pw, "/auth2/account/password", "password", "wrong " + i);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.body()).contains("Try again in");
    }
}
