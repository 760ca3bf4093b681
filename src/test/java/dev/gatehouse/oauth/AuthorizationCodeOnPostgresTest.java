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

    @Test
    @DisplayName("SPEC §3: text PostgreSQL cannot store (U+0000) in the sign-in forms and addresses is a clear error, never a 500")
    void nulCharacters() {
        var b = new Browser(server);
        Response emailPage = b.open(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create()));
        Response email = b.submitForm(emailPage, "/auth2/account/login", "email", "pg\u0000@example.com");
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.body()).contains("Enter your email address.");
        String other = "pg-nul@example.com";
        p.createUser("default", other, PASSWORD, List.of());
        Response pw = b.submitForm(emailPage, "/auth2/account/login", "email", other);
        Response wrong = b.submitForm(pw, "/auth2/account/password", "password", "pass\u0000word");
        assertThat(wrong.status()).isEqualTo(401);
        Response tenant = b.submitForm(pw, "/auth2/account/tenant", "tenant", "t\u0000");
        assertThat(tenant.status()).isLessThan(500);
        assertThat(b.get("/login/te%00nant").status()).isEqualTo(400);
        assertThat(b.get("/auth2/connect/authorize?client_id=a%00b").status()).isEqualTo(400);
        var token = p.tokenPost(TOKEN, client, "grant_type", "authorization_code", "code", "c\u0000de",
                "redirect_uri", REDIRECT, "code_verifier", Pkce.create().verifier());
        assertError(token, 400, "invalid_request");
    }
}
