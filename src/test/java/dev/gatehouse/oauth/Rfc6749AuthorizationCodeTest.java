package dev.gatehouse.oauth;

import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.TenantSettings;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.authorize;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.oauth.Protocol.claims;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6749 §4.1, the authorization code grant, with SPEC §2–3's tenants and redirect URI rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc6749AuthorizationCodeTest {
    static final String EMAIL = "code-user@example.com";
    static final String PASSWORD = "code user password 1";
    static final String REDIRECT = "https://app.example.com/callback";
    static final String USERINFO = "/auth2/connect/userinfo";

    TestServer server;
    Protocol p;
    Creds client;
    Creds otherClient;
    Creds publicClient;
    Creds riskyClient;
    String userId;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        client = p.createClient("default", body("clientName", "Code App", "redirectUris", List.of(REDIRECT)));
        otherClient = p.createClient("default", body("clientName", "Other App", "redirectUris", List.of(REDIRECT)));
        publicClient = p.createClient("default", body("clientName", "SPA", "requireClientSecret", false,
                "redirectUris", List.of("https://spa.example.com/")));
        riskyClient = p.createClient("default", body("clientName", "Risky", "redirectUris",
                List.of("https://risky.example.com")));
        userId = p.createUser("default", EMAIL, PASSWORD, List.of("Skill User"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Map<String, String> codeFor(Creds c, String redirect, Pkce pkce, String... extra) {
        return authorize(new Browser(server), request(AUTHORIZE, c.clientId(), redirect, pkce, extra), EMAIL, PASSWORD);
    }

    /** An error page: HTML, the given status, the message as text, and no redirect anywhere. */
    static void assertErrorPage(Response r, int status, String text) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.header("Location")).isNull();
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).contains("Something went wrong").contains(text);
    }

    /** The error the client gets at its redirect URI (RFC 6749 §4.1.2.1). */
    private Map<String, String> redirectedError(String url, String expectedRedirectPrefix) {
        Response r = new Browser(server).get(url);
        assertThat(r.status()).as("%s", r).isEqualTo(302);
        String location = r.header("Location");
        assertThat(location).startsWith(expectedRedirectPrefix);
        return Browser.query(location);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2 / §4.1.3-4.1.4: code, state and iss come back; the code buys an access token for the user")
    void happyPath() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(client, REDIRECT, pkce);
        assertThat(answer).containsKeys("code", "state", "iss").doesNotContainKey("error");
        assertThat(answer.get("state")).isEqualTo("state-123");
        assertThat(answer.get("code")).hasSize(43);
        Response r = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("scope").asText()).isEqualTo("openid permissions");
        assertThat(r.json().has("refresh_token")).isFalse();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        var at = claims(r.json().get("access_token").asText());
        assertThat(at.getSubject()).isEqualTo(userId);
        assertThat(at.getIssuer()).isEqualTo(server.baseUrl() + "/auth2/" + server.defaultTenantId());
        assertThat(at.getClaim("client_id")).isEqualTo(client.clientId());
        assertThat(at.getClaim("email")).isEqualTo(EMAIL);
        assertThat(at.getClaim("sid")).isNotNull();
        assertThat(at.getClaim("auth_time")).isNotNull();
        assertThat(at.getClaim("role")).isEqualTo(List.of("Skill User"));
    }

    @Test
    @DisplayName("RFC 6749 §3.1: a redirect URI with a query keeps it, and the answer's parameters are added to it")
    void redirectWithQuery() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(client, REDIRECT + "?app=1", pkce);
        assertThat(answer.get("app")).isEqualTo("1");
        assertThat(answer).containsKey("code");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2 / §10.5: a code is single use; replaying it fails and revokes the token from the first use")
    void replayRevokes() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(client, REDIRECT, pkce);
        Response first = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        String token = first.json().get("access_token").asText();
        assertThat(server.get(USERINFO, token).status()).isEqualTo(200);

        Response second = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertError(second, 400, "invalid_grant");
        assertThat(server.get(USERINFO, token).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: redirect_uri must be identical to the authorization request's")
    void redirectUriMismatch() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(client, REDIRECT + "/deeper", pkce);
        assertError(redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: redirect_uri is required at the token endpoint")
    void redirectUriRequired() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(client, REDIRECT, pkce);
        Response r = p.tokenPost(TOKEN, client, "grant_type", "authorization_code", "code", answer.get("code"),
                "code_verifier", pkce.verifier());
        assertError(r, 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: a code issued to one client is invalid_grant for another")
    void codeBoundToClient() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(client, REDIRECT, pkce);
        assertError(redeem(p, TOKEN, otherClient, answer.get("code"), REDIRECT, pkce.verifier()), 400, "invalid_grant");
        // The rightful client can still use it.
        assertThat(redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2 / SPEC §3: a code lives 60 seconds; an expired one is invalid_grant")
    void expiredCode() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(client, REDIRECT, pkce);
        server.app().database().update("UPDATE authorization_codes SET expires_at = ? WHERE redeemed_at IS NULL",
                Instant.now().minusSeconds(1));
        assertError(redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: an unknown code is invalid_grant")
    void unknownCode() {
        assertError(redeem(p, TOKEN, client, "not-a-code", REDIRECT, Pkce.create().verifier()), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §2.1 / SPEC §3: a public client redeems its code with client_id alone")
    void publicClient() {
        Pkce pkce = Pkce.create();
        var answer = codeFor(publicClient, "https://spa.example.com/cb", pkce);
        Response r = redeem(p, TOKEN, publicClient, answer.get("code"), "https://spa.example.com/cb", pkce.verifier());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1 / §3.1.2.4: an unknown client is told to the person on an error page, never redirected")
    void unknownClientPage() {
        Response r = new Browser(server).get(request(AUTHORIZE, "no-such-client", REDIRECT, Pkce.create()));
        assertErrorPage(r, 400, "unknown or disabled");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a missing redirect_uri is an error page")
    void missingRedirectPage() {
        Response r = new Browser(server).get(CodeFlow.url(AUTHORIZE, "client_id", client.clientId(),
                "response_type", "code", "state", "s"));
        assertErrorPage(r, 400, "redirect_uri");
    }

    @Test
    @DisplayName("RFC 6749 §3.1.2.2-3 / SPEC §3: an unregistered redirect_uri is an error page, never redirected")
    void unregisteredRedirectPage() {
        for (String evil : List.of("https://evil.example.com/callback", "https://app.example.com.evil.com/callback",
                "https://app.example.com/callbac", "http://app.example.com/callback")) {
            Response r = new Browser(server).get(request(AUTHORIZE, client.clientId(), evil, Pkce.create()));
            assertErrorPage(r, 400, "not registered");
        }
    }

    @Test
    @DisplayName("RFC 9700 §4.1 / SPEC §3: prefix matching admits deeper paths but not dot segments, user info or fragments")
    void openRedirectAttemptsWithPrefixMatching() {
        Pkce pkce = Pkce.create();
        assertThat(codeFor(client, REDIRECT + "/deeper/path", pkce)).containsKey("code");
        record Attempt(Creds client, String uri) {}
        for (Attempt a : List.of(new Attempt(client, REDIRECT + "/../../evil"), new Attempt(client, REDIRECT + "/%2e%2e/evil"),
                new Attempt(client, REDIRECT + "#frag"), new Attempt(client, REDIRECT + "/ x"),
                new Attempt(riskyClient, "https://risky.example.com@evil.example.com/"),
                new Attempt(riskyClient, "https://risky.example.com\\@evil.example.com/"))) {
            Response r = new Browser(server).get(request(AUTHORIZE, a.client().clientId(), a.uri(), pkce));
            assertThat(r.status()).as("%s: %s", a.uri(), r).isEqualTo(400);
            assertThat(r.header("Location")).isNull();
            assertThat(r.body()).contains("redirect_uri");
        }
    }

    @Test
    @DisplayName("SPEC §3: with the tenant setting exactRedirectUris only a registered URI itself is accepted")
    void exactMatching() {
        String tenant = Protocol.unique("exact");
        p.createTenant(tenant);
        Creds c = p.createClient(tenant, body("redirectUris", List.of(REDIRECT)));
        p.createUser(tenant, EMAIL, PASSWORD, List.of());
        p.setTenantSettings(tenant, new TenantSettings(SigningAlgorithm.RS256, true, 5, 300));
        Response deeper = new Browser(server).get(request(AUTHORIZE, c.clientId(), REDIRECT + "/deeper", Pkce.create()));
        assertErrorPage(deeper, 400, "not registered");
        Response exact = new Browser(server).get(request(AUTHORIZE, c.clientId(), REDIRECT, Pkce.create()));
        assertThat(exact.status()).isEqualTo(302);
        assertThat(exact.header("Location")).isEqualTo("/auth2/account/login");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: once client and redirect URI are trusted, errors go to the client with state")
    void redirectedErrors() {
        String base = request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create());
        var unsupported = redirectedError(base.replace("response_type=code", "response_type=token"), REDIRECT);
        assertThat(unsupported.get("error")).isEqualTo("unsupported_response_type");
        assertThat(unsupported.get("state")).isEqualTo("state-123");
        assertThat(unsupported.get("iss")).isEqualTo(server.baseUrl() + "/auth2/" + server.defaultTenantId());

        var missing = redirectedError(base.replace("response_type=code&", ""), REDIRECT);
        assertThat(missing.get("error")).isEqualTo("invalid_request");

        var scope = redirectedError(base.replace("scope=openid+permissions", "scope=openid+unknown.scope"), REDIRECT);
        assertThat(scope.get("error")).isEqualTo("invalid_scope");

        var repeated = redirectedError(base + "&state=again", REDIRECT);
        assertThat(repeated.get("error")).isEqualTo("invalid_request");

        var longState = redirectedError(base.replace("state=state-123", "state=" + "s".repeat(2001)), REDIRECT);
        assertThat(longState.get("error")).isEqualTo("invalid_request");
        assertThat(longState).doesNotContainKey("state");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.1 / IdentityServer input limits: over-long parameters are refused with a clear error")
    void lengthLimits() {
        String base = request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create());
        assertErrorPage(new Browser(server).get(base.replace("client_id=" + client.clientId(), "client_id=" + "c".repeat(101))),
                400, "unknown or disabled");
        assertErrorPage(new Browser(server).get(request(AUTHORIZE, client.clientId(), REDIRECT + "/" + "x".repeat(400),
                Pkce.create())), 400, "longer than 400");
        for (String[] tooLong : new String[][] {{"nonce", "n".repeat(301)}, {"login_hint", "h".repeat(101)},
                {"acr_values", "a".repeat(301)}, {"ui_locales", "u".repeat(101)}}) {
            var answer = redirectedError(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), tooLong), REDIRECT);
            assertThat(answer.get("error")).as(tooLong[0]).isEqualTo("invalid_request");
            assertThat(answer.get("error_description")).contains(tooLong[0]);
        }
        var scope = redirectedError(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(),
                "scope", "openid " + "p".repeat(300)), REDIRECT);
        assertThat(scope.get("error")).isEqualTo("invalid_scope");
        // productId is accepted and ignored.
        Response ok = new Browser(server).get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(),
                "productId", "anything"));
        assertThat(ok.header("Location")).isEqualTo("/auth2/account/login");
    }

    @Test
    @DisplayName("SPEC §1-2: a code is worthless at another tenant's token endpoint; a tenant client cannot use another tenant's URL")
    void crossTenant() {
        String a = Protocol.unique("code-a");
        String aId = p.createTenant(a);
        String b = Protocol.unique("code-b");
        p.createTenant(b);
        p.createUser(a, "cross@example.com", PASSWORD, List.of());
        Creds installation = p.createInstallationClient(body("clientName", "Installation app",
                "redirectUris", List.of(REDIRECT)));
        Pkce pkce = Pkce.create();
        var answer = authorize(new Browser(server), request("/auth2/" + a + "/connect/authorize",
                installation.clientId(), REDIRECT, pkce), "cross@example.com", PASSWORD);
        assertThat(answer.get("iss")).isEqualTo(server.baseUrl() + "/auth2/" + aId);
        assertError(redeem(p, "/auth2/" + b + "/connect/token", installation, answer.get("code"), REDIRECT,
                pkce.verifier()), 400, "invalid_grant");

        Creds tenantAClient = p.createClient(a, body("redirectUris", List.of(REDIRECT)));
        assertErrorPage(new Browser(server).get(request("/auth2/" + b + "/connect/authorize", tenantAClient.clientId(),
                REDIRECT, Pkce.create())), 400, "does not belong to this tenant");
        assertError(redeem(p, "/auth2/" + b + "/connect/token", tenantAClient, "whatever", REDIRECT,
                pkce.verifier()), 400, "invalid_client");
    }

    @Test
    @DisplayName("SPEC §2: an installation client names the tenant with acr_values=tenant:{T} or tenantId; an unknown one is invalid_request")
    void installationClientNamesTenant() {
        String a = Protocol.unique("named");
        String aId = p.createTenant(a);
        p.createUser(a, "named@example.com", PASSWORD, List.of());
        Creds installation = p.createInstallationClient(body("clientName", "Named app", "redirectUris", List.of(REDIRECT)));
        Pkce pkce = Pkce.create();
        var byAcr = authorize(new Browser(server), request(AUTHORIZE, installation.clientId(), REDIRECT, pkce,
                "acr_values", "tenant:" + a), "named@example.com", PASSWORD);
        assertThat(byAcr.get("iss")).isEqualTo(server.baseUrl() + "/auth2/" + aId);
        var byId = authorize(new Browser(server), request(AUTHORIZE, installation.clientId(), REDIRECT, pkce,
                "tenantId", aId), "named@example.com", PASSWORD);
        assertThat(byId.get("iss")).isEqualTo(server.baseUrl() + "/auth2/" + aId);
        var unknown = redirectedError(request(AUTHORIZE, installation.clientId(), REDIRECT, pkce,
                "acr_values", "tenant:no-such-tenant"), REDIRECT);
        assertThat(unknown.get("error")).isEqualTo("invalid_request");
        assertThat(unknown.get("iss")).isEqualTo(server.baseUrl() + "/auth2");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.1: the authorization endpoint also takes the request as a form POST")
    void postAuthorize() {
        Pkce pkce = Pkce.create();
        var browser = new Browser(server);
        String query = request(AUTHORIZE, client.clientId(), REDIRECT, pkce).substring(AUTHORIZE.length() + 1);
        var form = new java.util.LinkedHashMap<String, String>();
        for (var e : Browser.query("http://x/?" + query).entrySet()) form.put(e.getKey(), e.getValue());
        Response r = browser.post(AUTHORIZE, form);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/auth2/account/login");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: a disabled user's code no longer buys tokens")
    void disabledUser() {
        String email = "soon-disabled@example.com";
        String id = p.createUser("default", email, PASSWORD, List.of());
        Pkce pkce = Pkce.create();
        var answer = authorize(new Browser(server), request(AUTHORIZE, client.clientId(), REDIRECT, pkce), email, PASSWORD);
        var r = server.patchJson("/api/adminapi2/v1/tenants/default/users/" + id, p.tenantAdminToken(),
                body("enabled", false));
        assertThat(r.status()).isEqualTo(200);
        assertError(redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier()), 400, "invalid_grant");
    }
}
