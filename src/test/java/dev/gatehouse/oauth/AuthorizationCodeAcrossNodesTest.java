package dev.gatehouse.oauth;

import dev.gatehouse.oauth.CodeFlow.Pkce;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §6 scale-out: one sign-in, its token exchange, refresh, revocation and logout with
 * every step sent to the other of two nodes on one PostgreSQL. Nothing a flow needs lives in one
 * node's memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationCodeAcrossNodesTest {
    static final String REDIRECT = "https://app.example.com/callback";
    static final String EMAIL = "nodes@example.com";
    static final String PASSWORD = "across-the-nodes";
    static final String AFTER_LOGOUT = "https://app.example.com/signed-out";
    TestServer a;
    TestServer b;
    Protocol viaA;
    Protocol viaB;
    Creds client;

    @BeforeAll
    void start() {
        a = TestServer.start(TestServer.Db.POSTGRES);
        b = a.secondNode();
        viaA = new Protocol(a);
        viaB = new Protocol(b);
        client = viaA.createClient("default", body("redirectUris", List.of(REDIRECT), "allowOfflineAccess", true,
                "postLogoutRedirectUris", List.of(AFTER_LOGOUT)));
        viaA.createUser("default", EMAIL, PASSWORD, List.of("Skill User"));
    }

    @AfterAll
    void stop() {
        b.close();
        a.close();
    }

    @Test
    void everyStepOnTheOtherNode() {
        Pkce pkce = Pkce.create();
        var browserOnA = new Browser(a);
        var browserOnB = browserOnA.at(b);

        var emailPage = browserOnA.open(request(AUTHORIZE, client.clientId(), REDIRECT, pkce,
                "scope", "openid offline_access"));
        assertThat(emailPage.status()).isEqualTo(200);
        var passwordPage = browserOnB.submitForm(emailPage, "/auth2/account/login", "email", EMAIL);
        assertThat(passwordPage.body()).contains("<label for=\"password\">Password</label>");
        browserOnA.submitForm(passwordPage, "/auth2/account/password", "password", PASSWORD);
        assertThat(browserOnA.leftFor()).startsWith(REDIRECT);
        var answer = Browser.query(browserOnA.leftFor());
        assertThat(answer.get("state")).isEqualTo("state-123");

        var tokens = redeem(viaB, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as("%s", tokens).isEqualTo(200);
        assertThat(tokens.json().has("id_token")).isTrue();
        // The code was spent on b: a refuses it too.
        assertThat(redeem(viaA, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()).status()).isEqualTo(400);

        var refreshed = viaA.tokenBasic(TOKEN, client, "grant_type", "refresh_token",
                "refresh_token", tokens.json().get("refresh_token").asText());
        assertThat(refreshed.status()).isEqualTo(200);
        String access = refreshed.json().get("access_token").asText();
        var userinfo = b.get("/auth2/connect/userinfo", access);
        assertThat(userinfo.status()).isEqualTo(200);
        assertThat(userinfo.json().get("sub").asText()).isNotBlank();

        assertThat(viaB.tokenBasic("/auth2/connect/revocation", client, "token",
                refreshed.json().get("refresh_token").asText()).status()).isEqualTo(200);
        assertThat(viaA.tokenBasic(TOKEN, client, "grant_type", "refresh_token",
                "refresh_token", refreshed.json().get("refresh_token").asText()).status()).isEqualTo(400);
    }

    @Test
    void aSessionStartedOnOneNodeIsKnownToTheOther() {
        var browserOnA = new Browser(a);
        CodeFlow.authorize(browserOnA, request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create()), EMAIL, PASSWORD);
        // prompt=none on b: the session cookie from a is enough, no sign-in page.
        var browserOnB = browserOnA.at(b);
        browserOnB.open(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "prompt", "none"));
        assertThat(browserOnB.leftFor()).startsWith(REDIRECT);
        assertThat(Browser.query(browserOnB.leftFor())).containsKey("code").doesNotContainKey("error");
    }

    @Test
    void aLogoutOnOneNodeEndsTheSessionOnTheOther() {
        Pkce pkce = Pkce.create();
        var browserOnA = new Browser(a);
        var answer = CodeFlow.authorize(browserOnA, request(AUTHORIZE, client.clientId(), REDIRECT, pkce,
                "scope", "openid offline_access"), EMAIL, PASSWORD);
        var tokens = redeem(viaA, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()).json();

        var browserOnB = browserOnA.at(b);
        browserOnB.open(CodeFlow.url("/auth2/connect/endsession", "id_token_hint", tokens.get("id_token").asText(),
                "post_logout_redirect_uri", AFTER_LOGOUT, "state", "bye"));
        assertThat(browserOnB.leftFor()).isEqualTo(AFTER_LOGOUT + "?state=bye");

        // The session is gone on a too: prompt=none must sign in again, and the session's refresh token is dead.
        browserOnA.open(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "prompt", "none"));
        assertThat(Browser.query(browserOnA.leftFor()).get("error")).isEqualTo("login_required");
        assertThat(viaA.tokenBasic(TOKEN, client, "grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()).status()).isEqualTo(400);
    }
}
