package dev.gatehouse.console;

import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.ClientBuilder;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.HttpCookie;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §5 sign-in: the console signs administrators in through Gatehouse's own authorization-code
 * flow with PKCE, as the installation client gatehouse-console, and out through RP-initiated logout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSignInTest {
    static final String API = "/api/adminapi2/v1/tenants/default";
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Signs in on the sign-in pages, starting from {@code path}; answers the page the browser ends on. */
    private Response signIn(Browser browser, String path, String email, String password) {
        Response emailPage = browser.open(path);
        assertThat(emailPage.body()).contains("<h1>Sign in</h1>");
        Response passwordPage = browser.submitForm(emailPage, "/auth2/account/login", "email", email);
        return browser.submitForm(passwordPage, "/auth2/account/password", "password", password);
    }

    private static String cookie(Browser browser, String name) {
        return browser.cookies().getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    @Test
    @DisplayName("A visitor without a session is sent to the authorization endpoint with PKCE S256, state and nonce")
    void notSignedInGoesToAuthorize() {
        Response r = server.get("/console/clients", null);
        assertThat(r.status()).isEqualTo(303);
        var location = r.header("Location");
        assertThat(location).startsWith("/auth2/connect/authorize?");
        var query = Browser.query(server.baseUrl() + location);
        assertThat(query).containsEntry("client_id", "gatehouse-console")
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", server.baseUrl() + "/console/callback")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "openid profile email");
        assertThat(query.get("state")).hasSize(43);
        assertThat(query.get("nonce")).hasSize(43);
        assertThat(query.get("code_challenge")).hasSize(43);
        assertThat(r.header("Set-Cookie")).startsWith("gatehouse_console_login=").contains("HttpOnly")
                .contains("Path=/console").contains("SameSite=Lax").contains("Max-Age=600");
    }

    @Test
    @DisplayName("Sign-in lands on the page first asked for; sign-out revokes the console's token and ends the Gatehouse session")
    void signInAndOut() {
        var browser = new Browser(server);
        Response page = signIn(browser, "/console/clients?q=nothing-matches", TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>API clients</h1>").contains("No API client matches “nothing-matches”");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        String token = cookie(browser, "gatehouse_console");
        assertThat(token).isNotNull();

        Response out = browser.submitForm(page, "/console/logout");
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.body()).contains("<h1>Signed out</h1>");
        assertThat(cookie(browser, "gatehouse_console")).isNull();

        // The token the browser held no longer opens the console, and the Gatehouse session is gone.
        Response replay = server.send("GET", "/console/clients", Map.of("Cookie", "gatehouse_console=" + token), null);
        assertThat(replay.status()).isEqualTo(303);
        assertThat(replay.header("Location")).startsWith("/auth2/connect/authorize?");
        assertThat(browser.open("/console/clients").body()).contains("<h1>Sign in</h1>");
    }

    @Test
    @DisplayName("Sign-out without the form's CSRF token is refused (403) and the session stays")
    void signOutNeedsCsrf() {
        var browser = new Browser(server);
        signIn(browser, "/console/clients", TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Response r = browser.post("/console/logout", Map.of("csrf", "forged"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(browser.open("/console/clients").body()).contains("<h1>API clients</h1>");
    }

    @Test
    @DisplayName("A user without Tenant Administrator is refused with a page saying why (403), and can sign out")
    void nonAdministratorIsRefused() {
        var created = server.postJson(API + "/users", server.adminToken(),
                body("email", "operator@example.com", "password", "operator password 1", "roles", List.of("Skill User")));
        assertThat(created.status()).isEqualTo(201);
        var browser = new Browser(server);
        Response page = signIn(browser, "/console/clients", "operator@example.com", "operator password 1");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("<h1>No access to the console</h1>")
                .contains("does not have the Tenant Administrator role");
        Response out = browser.submitForm(page, "/console/logout");
        assertThat(out.body()).contains("<h1>Signed out</h1>");
    }

    @Test
    @DisplayName("Access ends at once when the administrator loses the role, without waiting for the token to expire")
    void roleTakenAwayCountsAtOnce() {
        var created = server.postJson(API + "/users", server.adminToken(), body("email", "second-admin@example.com",
                "password", "second admin password", "roles", List.of("Tenant Administrator")));
        String userId = created.json().get("id").asText();
        var browser = new Browser(server);
        assertThat(signIn(browser, "/console/clients", "second-admin@example.com", "second admin password").status())
                .isEqualTo(200);
        assertThat(server.patchJson(API + "/users/" + userId, server.adminToken(), body("roles", List.of())).status())
                .isEqualTo(200);
        assertThat(browser.open("/console/clients").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("A callback without this browser's pending sign-in, with a wrong state, or with an error shows a page (400)")
    void badCallbacks() {
        Response none = server.get("/console/callback?code=abc&state=xyz", null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("<h1>Sign-in expired</h1>");

        var browser = new Browser(server);
        browser.get("/console/clients");
        Response wrongState = browser.get("/console/callback?code=abc&state=not-the-state");
        assertThat(wrongState.status()).isEqualTo(400);
        assertThat(wrongState.body()).contains("does not belong to this browser");

        Response start = browser.get("/console/clients");
        String state = Browser.query(server.baseUrl() + start.header("Location")).get("state");
        Response denied = browser.get("/console/callback?error=access_denied&state=" + state);
        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.body()).contains("access_denied");

        Response again = browser.get("/console/clients");
        state = Browser.query(server.baseUrl() + again.header("Location")).get("state");
        Response badCode = browser.get("/console/callback?code=made-up&state=" + state);
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.body()).contains("invalid_grant");
    }

    @Test
    @DisplayName("An unknown console address answers a console page (404), not JSON or a stack trace")
    void unknownAddressIsAPage() {
        Response r = server.get("/console/no-such-page", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).contains("<h1>Not found</h1>").contains("There is nothing at this address.");
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/x", "/console//evil.example", "/console/\\evil",
            "/auth2/connect/token", "/console/a b", "javascript:alert(1)"})
    @DisplayName("After sign-in the browser goes only to a console address, never elsewhere (no open redirect)")
    void returnAddressStaysInTheConsole(String to) {
        assertThat(ConsoleSignIn.safeReturn(to)).isEqualTo("/console/clients");
        assertThat(ConsoleSignIn.safeReturn("/console/users?page=2")).isEqualTo("/console/users?page=2");
    }

    @Test
    @DisplayName("The console is registered as a public installation client; a start puts its addresses back")
    void consoleClientIsRegisteredAndRepaired() {
        var clients = server.app().clientService();
        var client = clients.get(null, ConsoleClient.CLIENT_ID);
        assertThat(client.isInstallationClient()).isTrue();
        assertThat(client.requireClientSecret()).isFalse();
        assertThat(client.allowNoPkce()).isFalse();
        assertThat(client.redirectUris()).containsExactly(server.baseUrl() + "/console/callback");
        assertThat(client.postLogoutRedirectUris()).containsExactly(server.baseUrl() + "/console/signed-out");

        var tampered = ClientBuilder.from(client);
        tampered.redirectUris = List.of("https://evil.example/");
        clients.update(null, client, tampered, Actor.system("test"));
        var registration = new ConsoleClient(clients, server.baseUrl());
        registration.ensureRegistered();
        assertThat(clients.get(null, ConsoleClient.CLIENT_ID).redirectUris())
                .containsExactly(server.baseUrl() + "/console/callback");

        var before = clients.get(null, ConsoleClient.CLIENT_ID);
        registration.ensureRegistered();
        assertThat(clients.get(null, ConsoleClient.CLIENT_ID).updated()).isEqualTo(before.updated());
    }
}
