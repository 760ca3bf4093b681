package dev.gatehouse.login;

import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.HttpCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in pages (SPEC §2-3 "Sign-in", "Consent", §6 page rules) driven as a browser would: a
 * cookie-keeping HTTP client that follows redirects inside Gatehouse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPagesTest {
    static final String PASSWORD = "sign-in pages password";
    static final String REDIRECT = "https://pages.example.com/cb";
    static final String CHALLENGE = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("v".repeat(43)));
    static final AtomicInteger SEQ = new AtomicInteger();

    TestServer server;
    String adminToken;
    String installationToken;
    String clientId;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        adminToken = server.adminToken();
        installationToken = server.installationAdminToken();
        clientId = client("default", Map.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    private String client(String tenant, Map<String, Object> extra) {
        var fields = new HashMap<String, Object>(extra);
        fields.put("redirectUris", List.of(REDIRECT));
        String path = tenant == null ? "/api/adminapi2/v1/clients" : "/api/adminapi2/v1/tenants/" + tenant + "/clients";
        var r = server.postJson(path, tenant == null || !tenant.equals("default") ? installationToken : adminToken, fields);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("clientId").asText();
    }

    private String user(String tenant, String email) {
        var r = server.postJson("/api/adminapi2/v1/tenants/" + tenant + "/users",
                tenant.equals("default") ? adminToken : installationToken,
                body("email", email, "password", PASSWORD, "roles", List.of()));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String tenant(String name) {
        var r = server.postJson("/api/adminapi2/v1/tenants", installationToken, body("name", name, "displayName", "Org " + name));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static String authorizeUrl(String clientId, String... extra) {
        var sb = new StringBuilder("/auth2/connect/authorize?response_type=code&scope=openid&state=st&client_id=")
                .append(clientId).append("&redirect_uri=").append(URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8))
                .append("&code_challenge=").append(CHALLENGE).append("&code_challenge_method=S256");
        for (int i = 0; i < extra.length; i += 2) {
            sb.append('&').append(extra[i]).append('=').append(URLEncoder.encode(extra[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private Response passwordPage(Browser b, String clientId, String email) {
        Response emailPage = b.open(authorizeUrl(clientId));
        return b.submitForm(emailPage, "/auth2/account/login", "email", email);
    }

    @Test
    @DisplayName("SPEC §6: the email page has a visible Email label, a Continue button, and the CSRF token; login_hint pre-fills it")
    void emailPage() {
        var b = new Browser(server);
        Response page = b.open(authorizeUrl(clientId, "login_hint", "hint@example.com"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<label for=\"email\">Email</label>")
                .contains(">Continue</button>")
                .contains("value=\"hint@example.com\"")
                .contains("name=\"csrf\"");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'none'").contains("style-src 'self'").contains("form-action 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    @DisplayName("SPEC §3: the session cookie is an opaque id, HttpOnly and SameSite=Lax (not Secure on plain http localhost)")
    void sessionCookie() {
        var b = new Browser(server);
        Response r = b.get(authorizeUrl(clientId));
        String setCookie = r.header("Set-Cookie");
        assertThat(setCookie).startsWith("gatehouse_session=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/").doesNotContain("Secure");
        String value = HttpCookie.parse(setCookie).get(0).getValue();
        assertThat(value).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    @DisplayName("SPEC §3: signing in replaces the session id, so a session planted before sign-in is worthless")
    void sessionRotates() {
        String email = unique("rot") + "@example.com";
        user("default", email);
        var b = new Browser(server);
        Response pw = passwordPage(b, clientId, email);
        String before = b.cookies().getCookieStore().getCookies().get(0).getValue();
        b.submitForm(pw, "/auth2/account/password", "password", PASSWORD);
        assertThat(b.leftFor()).contains("code=");
        String after = b.cookies().getCookieStore().getCookies().get(0).getValue();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    @DisplayName("SPEC §3 CSRF: a form posted without the token, or with a wrong one, is refused with 403 and nothing happens")
    void csrfRefused() {
        String email = unique("csrf") + "@example.com";
        user("default", email);
        var b = new Browser(server);
        b.open(authorizeUrl(clientId));
        Response none = b.post("/auth2/account/login", Map.of("email", email));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).contains("This form has expired or did not come from this site.");
        Response wrong = b.post("/auth2/account/login", Map.of("email", email, "csrf", "x".repeat(43)));
        assertThat(wrong.status()).isEqualTo(403);
        // A password post without the token does not even look at the password.
        Response pw = b.post("/auth2/account/password", Map.of("password", PASSWORD));
        assertThat(pw.status()).isEqualTo(403);
        // With no session at all, a post is refused the same way.
        Response stranger = new Browser(server).post("/auth2/account/login", Map.of("email", email, "csrf", "abc"));
        assertThat(stranger.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("SPEC §3: a wrong password shows the error as text with the Password label and Sign in button")
    void wrongPassword() {
        String email = unique("wrong") + "@example.com";
        user("default", email);
        var b = new Browser(server);
        Response pw = passwordPage(b, clientId, email);
        assertThat(pw.body()).contains("<label for=\"password\">Password</label>").contains(">Sign in</button>");
        Response wrong = b.submitForm(pw, "/auth2/account/password", "password", "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("The email or password is wrong.");
        // An unknown email gets the same answer.
        Response unknown = b.submitForm(passwordPage(b, clientId, unique("nobody") + "@example.com"),
                "/auth2/account/password", "password", "whatever password");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("The email or password is wrong.");
    }

    @Test
    @DisplayName("SPEC §3 throttling: after signInMaxFailures failures the account is locked with a message saying when to retry")
    void throttling() {
        String email = unique("locked") + "@example.com";
        user("default", email);
        var b = new Browser(server);
        Response pw = passwordPage(b, clientId, email);
        Response last = null;
        for (int i = 0; i < 5; i++) last = b.submitForm(pw, "/auth2/account/password", "password", "wrong " + i);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.body()).contains("Too many failed sign-ins. Try again in").contains("UTC");
        // Even the right password is refused while locked.
        Response right = b.submitForm(pw, "/auth2/account/password", "password", PASSWORD);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.body()).contains("Try again in");
        assertThat(b.leftFor()).isNull();
        // Another account from the same address is not locked by this one.
        String other = unique("free") + "@example.com";
        user("default", other);
        var b2 = new Browser(server);
        b2.submitForm(passwordPage(b2, clientId, other), "/auth2/account/password", "password", PASSWORD);
        assertThat(b2.leftFor()).contains("code=");
    }

    @Test
    @DisplayName("SPEC §6 audit events: sign-ins and failed sign-ins of an account appear in the tenant's audit log, without the password")
    void auditEvents() {
        String email = unique("audited") + "@example.com";
        String id = user("default", email);
        var b = new Browser(server);
        Response pw = passwordPage(b, clientId, email);
        b.submitForm(pw, "/auth2/account/password", "password", "a wrong password");
        b.submitForm(pw, "/auth2/account/password", "password", PASSWORD);
        assertThat(b.leftFor()).contains("code=");
        var failed = server.get("/api/adminapi2/v1/tenants/default/events?action=user.sign_in_failed&actor=" + id, adminToken);
        assertThat(failed.json().size()).isEqualTo(1);
        assertThat(failed.json().get(0).get("targetId").asText()).isEqualTo(id);
        assertThat(failed.json().get(0).get("ip").asText()).isEqualTo("127.0.0.1");
        var signedIn = server.get("/api/adminapi2/v1/tenants/default/events?action=user.signed_in&actor=" + id, adminToken);
        assertThat(signedIn.json().size()).isEqualTo(1);
        assertThat(signedIn.json().get(0).get("details").get("clientId").asText()).isEqualTo(clientId);
        assertThat(failed.body() + signedIn.body()).doesNotContain("a wrong password").doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("SPEC §2-3: an email in several tenants gets the Tenant choice; the chosen tenant issues the code")
    void tenantChoice() {
        String a = unique("choice-a");
        String aId = tenant(a);
        String bName = unique("choice-b");
        String bId = tenant(bName);
        String email = unique("multi") + "@example.com";
        user(a, email);
        user(bName, email);
        String installationClient = client(null, Map.of("clientName", "Console-like app"));
        var b = new Browser(server);
        Response emailPage = b.open(authorizeUrl(installationClient));
        Response choice = b.submitForm(emailPage, "/auth2/account/login", "email", email);
        assertThat(choice.status()).isEqualTo(200);
        assertThat(choice.body()).contains("<label for=\"tenant\">Tenant</label>")
                .contains("value=\"" + aId + "\"").contains("value=\"" + bId + "\"").contains(">Continue</button>");
        Response bad = b.submitForm(choice, "/auth2/account/tenant", "tenant", "not-a-tenant");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Choose one of the tenants listed.");
        Response pw = b.submitForm(choice, "/auth2/account/tenant", "tenant", bId);
        assertThat(pw.body()).contains("Org " + bName);
        b.submitForm(pw, "/auth2/account/password", "password", PASSWORD);
        var answer = Browser.query(b.leftFor());
        assertThat(answer.get("iss")).isEqualTo(server.baseUrl() + "/auth2/" + bId);
    }

    @Test
    @DisplayName("SPEC §2: /login/{tenantName}?login_hint= starts a sign-in for that tenant and ends signed in")
    void tenantLoginUrl() {
        String t = unique("own");
        tenant(t);
        String email = unique("own-user") + "@example.com";
        user(t, email);
        var b = new Browser(server);
        Response emailPage = b.open("/login/" + t + "?login_hint=" + email);
        assertThat(emailPage.body()).contains("value=\"" + email + "\"").contains("Org " + t);
        Response pw = b.submitForm(emailPage, "/auth2/account/login", "email", email);
        Response done = b.submitForm(pw, "/auth2/account/password", "password", PASSWORD);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("You are signed in as " + email);
        Response out = b.submitForm(done, "/auth2/account/logout");
        assertThat(out.body()).contains("You are signed out");
        assertThat(b.get("/login/no-such-tenant").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("SPEC §3 consent: Allow and Deny buttons; Deny returns access_denied; remembered consent is not asked again")
    void consent() {
        String consentClient = client("default", Map.of("clientName", "Consenting App", "requireConsent", true));
        String email = unique("consent") + "@example.com";
        user("default", email);
        var b = new Browser(server);
        Response consent = b.submitForm(passwordPage(b, consentClient, email), "/auth2/account/password", "password", PASSWORD);
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.body()).contains("Consenting App").contains(">Allow</button>").contains(">Deny</button>")
                .contains("<label for=\"remember\">Remember my decision</label>");
        assertThat(consent.header("Content-Security-Policy")).contains("form-action 'self' https://pages.example.com");
        b.submitForm(consent, "/auth2/account/consent", "decision", "deny");
        var denied = Browser.query(b.leftFor());
        assertThat(denied.get("error")).isEqualTo("access_denied");
        assertThat(denied.get("state")).isEqualTo("st");

        // Signed in now: the next request goes straight to consent; allow and remember.
        Response again = b.open(authorizeUrl(consentClient));
        assertThat(again.body()).contains(">Allow</button>");
        b.submitForm(again, "/auth2/account/consent", "decision", "allow", "remember", "on");
        assertThat(Browser.query(b.leftFor())).containsKey("code");

        Response third = b.open(authorizeUrl(consentClient));
        assertThat(b.leftFor()).as("remembered consent: %s", third).contains("code=");
    }

    @Test
    @DisplayName("SPEC §3 consent: no remember checkbox when allowRememberConsent=false, and prompt=none then gets consent_required")
    void consentWithoutRemember() {
        String c = client("default", Map.of("requireConsent", true, "allowRememberConsent", false));
        String email = unique("noremember") + "@example.com";
        user("default", email);
        var b = new Browser(server);
        Response consent = b.submitForm(passwordPage(b, c, email), "/auth2/account/password", "password", PASSWORD);
        assertThat(consent.body()).contains(">Allow</button>").doesNotContain("Remember my decision");
        b.submitForm(consent, "/auth2/account/consent", "decision", "allow", "remember", "on");
        assertThat(Browser.query(b.leftFor())).containsKey("code");
        Response none = b.get(authorizeUrl(c, "prompt", "none"));
        assertThat(Browser.query(none.header("Location")).get("error")).isEqualTo("consent_required");
    }

    @Test
    @DisplayName("SPEC §6: pages without a sign-in in progress say so in text; the signed-out page renders")
    void noSignInInProgress() {
        var b = new Browser(server);
        Response r = b.get("/auth2/account/password");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("There is no sign-in in progress");
        assertThat(b.get("/auth2/account/signedout").body()).contains("You are signed out");
        Response css = b.get("/auth2/account/static/gatehouse.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(b.get("/auth2/account/nothing-here").header("Content-Type")).startsWith("text/html");
    }

    @Test
    @DisplayName("SPEC §3 sessions: an expired session is gone: its sign-in cannot go on, and prompt=none gets login_required")
    void expiredSession() {
        String email = unique("expiring") + "@example.com";
        user("default", email);
        var b = new Browser(server);
        b.submitForm(passwordPage(b, clientId, email), "/auth2/account/password", "password", PASSWORD);
        assertThat(b.leftFor()).contains("code=");
        Response none = b.get(authorizeUrl(clientId, "prompt", "none"));
        assertThat(none.header("Location")).contains("code=");

        server.app().database().update("UPDATE sessions SET expires_at = ?", java.time.Instant.now().minusSeconds(1));
        Response after = b.get(authorizeUrl(clientId, "prompt", "none"));
        assertThat(Browser.query(after.header("Location")).get("error")).isEqualTo("login_required");
        Response page = b.get("/auth2/account/password");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("There is no sign-in in progress, or it has expired.");
    }
}
