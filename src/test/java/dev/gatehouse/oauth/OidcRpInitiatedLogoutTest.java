package dev.gatehouse.oauth;

import dev.gatehouse.oauth.CodeFlow.Pkce;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.MutableClock;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.authorize;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.oauth.CodeFlow.url;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect RP-Initiated Logout 1.0 at the end-session endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcRpInitiatedLogoutTest {
    static final String END_SESSION = "/auth2/connect/endsession";
    static final String PASSWORD = "logout user password 1";
    static final String REDIRECT = "https://rp.example.com/cb";
    static final String AFTER_LOGOUT = "https://rp.example.com/signed-out";

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    TestServer server;
    Protocol p;
    Creds client;
    Creds other;
    String email;

    /** What a client holds after the code flow in one browser. */
    record SignedIn(Browser browser, String idToken, String refreshToken) {}

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2, Map.of(), clock);
        p = new Protocol(server);
        var fields = body("redirectUris", List.of(REDIRECT), "postLogoutRedirectUris", List.of(AFTER_LOGOUT),
                "allowOfflineAccess", true, "allowedScopes", List.of("openid", "offline_access"));
        client = p.createClient("default", fields);
        other = p.createClient("default", fields);
        email = Protocol.unique("logout") + "@example.com";
        p.createUser("default", email, PASSWORD, List.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private SignedIn signIn() {
        var browser = new Browser(server);
        Pkce pkce = Pkce.create();
        var answer = authorize(browser, request(AUTHORIZE, client.clientId(), REDIRECT, pkce,
                "scope", "openid offline_access"), email, PASSWORD);
        Response r = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return new SignedIn(browser, r.json().get("id_token").asText(), r.json().get("refresh_token").asText());
    }

    private String endSession(String... pairs) {
        return url(END_SESSION, pairs);
    }

    /** Whether the browser's session still signs in without asking (OIDC Core §3.1.2.1 prompt=none). */
    private boolean stillSignedIn(Browser browser) {
        Response r = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "scope", "openid",
                "prompt", "none"));
        assertThat(r.status()).isEqualTo(302);
        var q = Browser.query(r.header("Location"));
        if (q.containsKey("code")) return true;
        assertThat(q.get("error")).isEqualTo("login_required");
        return false;
    }

    private static void assertSignedOutPage(Browser browser, Response page) {
        assertThat(browser.leftFor()).as("not redirected to the client").isNull();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("You are signed out");
    }

    @Test
    @DisplayName("RP-Initiated Logout §2–§3: a valid id_token_hint for the session logs out at once and redirects to the registered post_logout_redirect_uri with state")
    void redirectWithState() {
        SignedIn s = signIn();
        Response r = s.browser().get(endSession("id_token_hint", s.idToken(), "post_logout_redirect_uri", AFTER_LOGOUT,
                "state", "bye 1&2"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo(AFTER_LOGOUT + "?state=bye+1%262");
        assertThat(r.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(stillSignedIn(s.browser())).isFalse();
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: the logout request may also be POSTed as a form, client_id agreeing with the hint")
    void postedRequest() {
        SignedIn s = signIn();
        Response r = s.browser().post(END_SESSION, Map.of("id_token_hint", s.idToken(), "client_id", client.clientId(),
                "post_logout_redirect_uri", AFTER_LOGOUT));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo(AFTER_LOGOUT);
        assertThat(stillSignedIn(s.browser())).isFalse();
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: an unregistered post_logout_redirect_uri is not honoured; the person sees the signed-out page")
    void unregisteredRedirect() {
        SignedIn s = signIn();
        Response page = s.browser().open(endSession("id_token_hint", s.idToken(),
                "post_logout_redirect_uri", "https://evil.example.com/", "state", "x"));
        assertSignedOutPage(s.browser(), page);
        assertThat(stillSignedIn(s.browser())).isFalse();
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: post_logout_redirect_uri without id_token_hint is not honoured; the person sees the signed-out page")
    void redirectWithoutHint() {
        var browser = new Browser(server);
        assertSignedOutPage(browser, browser.open(endSession("post_logout_redirect_uri", AFTER_LOGOUT,
                "client_id", client.clientId())));

        SignedIn s = signIn();
        Response confirm = s.browser().open(endSession("post_logout_redirect_uri", AFTER_LOGOUT,
                "client_id", client.clientId()));
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("Sign out?");
        assertThat(confirm.header("Content-Security-Policy")).contains("form-action 'self';");
        var form = Map.of("csrf", Browser.csrf(confirm), "confirm", "yes", "post_logout_redirect_uri", AFTER_LOGOUT,
                "client_id", client.clientId());
        assertSignedOutPage(s.browser(), s.browser().submit(END_SESSION, form));
        assertThat(stillSignedIn(s.browser())).isFalse();
    }

    @Test
    @DisplayName("RP-Initiated Logout §2 client_id: a hint issued to another client than client_id names is refused, and the session stays")
    void clientIdMismatch() {
        SignedIn s = signIn();
        Response r = s.browser().get(endSession("id_token_hint", s.idToken(), "client_id", other.clientId(),
                "post_logout_redirect_uri", AFTER_LOGOUT));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("names one application in client_id and another in id_token_hint");
        assertThat(r.header("Location")).isNull();
        assertThat(stillSignedIn(s.browser())).isTrue();
    }

    @Test
    @DisplayName("RP-Initiated Logout §6: without a hint the person confirms; a confirmation without the CSRF token is refused")
    void confirmation() {
        SignedIn s = signIn();
        Response confirm = s.browser().open(END_SESSION);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("Do you want to sign out of Gatehouse?")
                .contains("<button type=\"submit\" name=\"confirm\" value=\"yes\">Sign out</button>");
        assertThat(stillSignedIn(s.browser())).isTrue();

        Response forged = s.browser().post(END_SESSION, Map.of("confirm", "yes"));
        assertThat(forged.status()).isEqualTo(403);
        Response wrong = s.browser().post(END_SESSION, Map.of("confirm", "yes", "csrf", "not-the-token"));
        assertThat(wrong.status()).isEqualTo(403);
        Response unconfirmed = s.browser().post(END_SESSION, Map.of("csrf", Browser.csrf(confirm)));
        assertThat(unconfirmed.body()).contains("Sign out?");
        assertThat(stillSignedIn(s.browser())).isTrue();

        assertSignedOutPage(s.browser(), s.browser().submit(END_SESSION, Map.of("csrf", Browser.csrf(confirm),
                "confirm", "yes")));
        assertThat(stillSignedIn(s.browser())).isFalse();
    }

    @Test
    @DisplayName("RP-Initiated Logout §6: a hint for another session, or a token that is no ID token, still asks the person")
    void hintOfAnotherSession() {
        SignedIn first = signIn();
        SignedIn second = signIn();
        Response r = second.browser().open(endSession("id_token_hint", first.idToken(),
                "post_logout_redirect_uri", AFTER_LOGOUT, "state", "s"));
        assertThat(r.body()).contains("asks you to sign out of Gatehouse");
        // The hint is valid, so the confirmed logout may go back to the client.
        assertThat(r.header("Content-Security-Policy")).contains("form-action 'self' https://rp.example.com;");
        Response accessToken = second.browser().open(endSession("id_token_hint",
                p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", second.refreshToken())
                        .json().get("access_token").asText()));
        assertThat(accessToken.body()).contains("Do you want to sign out of Gatehouse?");
        assertThat(stillSignedIn(first.browser())).isTrue();
        assertThat(stillSignedIn(second.browser())).isTrue();

        second.browser().submit(END_SESSION, Map.of("csrf", Browser.csrf(r), "confirm", "yes",
                "id_token_hint", first.idToken(), "post_logout_redirect_uri", AFTER_LOGOUT, "state", "s"));
        assertThat(second.browser().leftFor()).isEqualTo(AFTER_LOGOUT + "?state=s");
        assertThat(stillSignedIn(second.browser())).isFalse();
        assertThat(stillSignedIn(first.browser())).isTrue();
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: an expired ID token is still accepted as id_token_hint")
    void expiredHint() {
        SignedIn s = signIn();
        clock.advance(Duration.ofMinutes(10));
        Response r = s.browser().get(endSession("id_token_hint", s.idToken(), "post_logout_redirect_uri", AFTER_LOGOUT));
        assertThat(r.header("Location")).isEqualTo(AFTER_LOGOUT);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: at a tenant's address, a hint of that tenant's issuer is accepted")
    void tenantAddress() {
        SignedIn s = signIn();
        Response r = s.browser().get(url("/auth2/default/connect/endsession", "id_token_hint", s.idToken(),
                "post_logout_redirect_uri", AFTER_LOGOUT));
        assertThat(r.header("Location")).isEqualTo(AFTER_LOGOUT);
        assertThat(new Browser(server).get("/auth2/no-such-tenant/connect/endsession").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: after logout the session cookie no longer signs in (prompt=none is login_required)")
    void cookieNoLongerSignsIn() {
        SignedIn s = signIn();
        assertThat(stillSignedIn(s.browser())).isTrue();
        assertSignedOutPage(s.browser(), s.browser().open(endSession("id_token_hint", s.idToken())));
        assertThat(stillSignedIn(s.browser())).isFalse();
    }

    @Test
    @DisplayName("RP-Initiated Logout §2 / RFC 6749 §10.4: the refresh tokens of the session stop working; other sessions' keep working")
    void refreshTokensRevoked() {
        SignedIn s = signIn();
        SignedIn elsewhere = signIn();
        s.browser().open(endSession("id_token_hint", s.idToken()));
        Protocol.assertError(p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", s.refreshToken()),
                400, "invalid_grant");
        assertThat(p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", elsewhere.refreshToken())
                .status()).isEqualTo(200);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: a repeated parameter is refused on a page, not redirected")
    void repeatedParameter() {
        Response r = new Browser(server).get(END_SESSION + "?state=a&state=b");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).contains("is repeated");
    }

    @Test
    @DisplayName("RP-Initiated Logout §2.1 / Discovery: end_session_endpoint and the logout capabilities are published")
    void discovery() {
        var m = server.get("/auth2/default/.well-known/openid-configuration", null).json();
        String issuer = server.baseUrl() + "/auth2/" + server.defaultTenantId();
        assertThat(m.get("end_session_endpoint").asText()).isEqualTo(issuer + "/connect/endsession");
        assertThat(m.get("backchannel_logout_supported").asBoolean()).isTrue();
        assertThat(m.get("backchannel_logout_session_supported").asBoolean()).isTrue();
        assertThat(m.get("frontchannel_logout_supported").asBoolean()).isFalse();
        assertThat(m.get("frontchannel_logout_supported").isBoolean()).isTrue();
    }
}
