package dev.gatehouse.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.oauth.CodeFlow.Pkce;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.authorize;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.oauth.CodeFlow.url;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect Back-Channel Logout 1.0: logout tokens sent to the clients of an ended session. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcBackChannelLogoutTest {
    static final String END_SESSION = "/auth2/connect/endsession";
    static final String PASSWORD = "back channel password 1";
    static final String REDIRECT = "https://rp.example.com/cb";
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** One POST the receiver got: at which path, with which content type and body. */
    record Delivery(String path, String contentType, String body) {
        String logoutToken() {
            assertThat(body).startsWith("logout_token=");
            return URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8);
        }
    }

    final LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    TestServer server;
    HttpServer receiver;
    Protocol p;
    String email;
    String issuer;

    @BeforeAll
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/bcl", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Delivery(path, exchange.getRequestHeaders().getFirst("Content-Type"), body));
            exchange.sendResponseHeaders(path.endsWith("/fail") ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        email = Protocol.unique("bcl") + "@example.com";
        p.createUser("default", email, PASSWORD, List.of());
        issuer = server.baseUrl() + "/auth2/" + server.defaultTenantId();
    }

    @AfterAll
    void stop() {
        server.close();
        receiver.stop(0);
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    private String receiverUri(String path) {
        return "http://localhost:" + receiver.getAddress().getPort() + "/bcl/" + path;
    }

    private Creds client(Object... extra) {
        var fields = new java.util.HashMap<String, Object>(body("redirectUris", List.of(REDIRECT),
                "allowedScopes", List.of("openid")));
        fields.putAll(body(extra));
        return p.createClient("default", fields);
    }

    /** Runs the code flow for the client in the browser (signing in if needed) and returns the ID token. */
    private String idToken(Browser browser, Creds client) {
        Pkce pkce = Pkce.create();
        var answer = authorize(browser, request(AUTHORIZE, client.clientId(), REDIRECT, pkce, "scope", "openid"),
                email, PASSWORD);
        Response r = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("id_token").asText();
    }

    /** Every delivery that arrives within a few seconds, waiting a little after the last for any more. */
    private List<Delivery> deliveries(int expected) throws InterruptedException {
        var out = new ArrayList<Delivery>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.size() < expected && System.nanoTime() < deadline) {
            Delivery d = received.poll(100, TimeUnit.MILLISECONDS);
            if (d != null) out.add(d);
        }
        Delivery late;
        while ((late = received.poll(700, TimeUnit.MILLISECONDS)) != null) out.add(late);
        return out;
    }

    private JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("logout+jwt"));
        var jwks = JWKSet.parse(server.get("/auth2/default/.well-known/openid-configuration/jwks", null).body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    @Test
    @DisplayName("Back-Channel Logout §2.4–§2.5: after logout the client's receiver gets exactly one POST of a logout token signed by the issuer, with events, aud, sid and no nonce")
    void logoutToken() throws Exception {
        Creds client = client("backChannelLogoutUri", receiverUri("a"));
        var browser = new Browser(server);
        String hint = idToken(browser, client);
        var idToken = SignedJWT.parse(hint).getJWTClaimsSet();
        assertThat(received).as("nothing before the logout").isEmpty();

        Response r = browser.get(url(END_SESSION, "id_token_hint", hint));
        assertThat(r.status()).isEqualTo(302);

        List<Delivery> got = deliveries(1);
        assertThat(got).hasSize(1);
        Delivery d = got.get(0);
        assertThat(d.path()).isEqualTo("/bcl/a");
        assertThat(d.contentType()).isEqualTo("application/x-www-form-urlencoded");
        JWTClaimsSet c = verified(d.logoutToken());
        assertThat(c.getIssuer()).isEqualTo(issuer);
        assertThat(c.getAudience()).containsExactly(client.clientId());
        assertThat(c.getSubject()).isEqualTo(idToken.getSubject());
        assertThat(c.getStringClaim("sid")).isNotBlank().isEqualTo(idToken.getStringClaim("sid"));
        assertThat(c.getJSONObjectClaim("events")).containsOnlyKeys(EVENT);
        assertThat((Map<?, ?>) c.getJSONObjectClaim("events").get(EVENT)).isEmpty();
        assertThat(c.getClaims()).doesNotContainKey("nonce");
        assertThat(c.getJWTID()).isNotBlank();
        assertThat(c.getIssueTime()).isNotNull();
        assertThat(c.getExpirationTime().getTime() - c.getIssueTime().getTime()).isBetween(1L, 120_000L);
    }

    @Test
    @DisplayName("Back-Channel Logout §2.2: only clients of the session with a backChannelLogoutUri are told; a confirmed logout without hint tells them too")
    void onlyClientsOfTheSession() throws Exception {
        Creds notified = client("backChannelLogoutUri", receiverUri("b"));
        Creds withoutUri = client();
        client("backChannelLogoutUri", receiverUri("not-in-session"));
        var browser = new Browser(server);
        idToken(browser, notified);
        idToken(browser, withoutUri);

        Response confirm = browser.open(END_SESSION);
        assertThat(confirm.body()).contains("Sign out?");
        Response out = browser.submit(END_SESSION, Map.of("csrf", Browser.csrf(confirm), "confirm", "yes"));
        assertThat(out.body()).contains("You are signed out");

        List<Delivery> got = deliveries(1);
        assertThat(got).extracting(Delivery::path).containsExactly("/bcl/b");
        assertThat(verified(got.get(0).logoutToken()).getAudience()).containsExactly(notified.clientId());
    }

    @Test
    @DisplayName("Back-Channel Logout §2.4: with backChannelLogoutSessionRequired=false the token identifies the user by sub without sid")
    void withoutSid() throws Exception {
        Creds client = client("backChannelLogoutUri", receiverUri("nosid"), "backChannelLogoutSessionRequired", false);
        var browser = new Browser(server);
        String idToken = idToken(browser, client);
        browser.get(url(END_SESSION, "id_token_hint", idToken));
        List<Delivery> got = deliveries(1);
        assertThat(got).hasSize(1);
        JWTClaimsSet c = verified(got.get(0).logoutToken());
        assertThat(c.getSubject()).isEqualTo(SignedJWT.parse(idToken).getJWTClaimsSet().getSubject());
        assertThat(c.getClaims()).doesNotContainKeys("sid", "nonce");
    }

    /** The code flow in the browser for {@code user} with offline_access: the token response. */
    private Response offlineSignIn(Browser browser, Creds client, String user, String password) {
        Pkce pkce = Pkce.create();
        var answer = authorize(browser, request(AUTHORIZE, client.clientId(), REDIRECT, pkce,
                "scope", "openid offline_access"), user, password);
        Response r = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().has("refresh_token")).as("%s", r).isTrue();
        return r;
    }

    private Response refresh(Creds client, String refreshToken) {
        return p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    private Response silentAuthorize(Browser browser, Creds client) {
        return browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "scope", "openid",
                "prompt", "none"));
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: a new password signs the user out everywhere: every session ends and its clients are told, every refresh token of the user (password grant included) stops working; other users and other changes keep theirs")
    void newPasswordSignsOutEverywhere() throws Exception {
        String user = Protocol.unique("newpw") + "@example.com";
        String userId = p.createUser("default", user, PASSWORD, List.of());
        Creds client = client("backChannelLogoutUri", receiverUri("pw"), "allowOfflineAccess", true, "allowRopc", true,
                "allowedScopes", List.of("openid", "offline_access"));
        var first = new Browser(server);
        var second = new Browser(server);
        var otherUsers = new Browser(server);
        Response a = offlineSignIn(first, client, user, PASSWORD);
        Response b = offlineSignIn(second, client, user, PASSWORD);
        Response other = offlineSignIn(otherUsers, client, email, PASSWORD);
        Response ropc = p.tokenBasic(TOKEN, client, "grant_type", "password", "username", user, "password", PASSWORD,
                "scope", "openid offline_access");
        assertThat(ropc.status()).as("%s", ropc).isEqualTo(200);

        String users = "/api/adminapi2/v1/tenants/default/users/" + userId;
        Response renamed = server.patchJson(users, p.tenantAdminToken(), java.util.Map.of("displayName", "Renamed"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        Response stillValid = refresh(client, a.json().get("refresh_token").asText());
        assertThat(stillValid.status()).as("a change without a password keeps the tokens: %s", stillValid).isEqualTo(200);
        assertThat(received).as("and tells no one").isEmpty();

        Response set = server.putJson(users + "/password", p.tenantAdminToken(),
                java.util.Map.of("password", "a brand new password 2"));
        assertThat(set.status()).as("%s", set).isEqualTo(204);

        Protocol.assertError(refresh(client, stillValid.json().get("refresh_token").asText()), 400, "invalid_grant");
        Protocol.assertError(refresh(client, b.json().get("refresh_token").asText()), 400, "invalid_grant");
        Protocol.assertError(refresh(client, ropc.json().get("refresh_token").asText()), 400, "invalid_grant");
        assertThat(refresh(client, other.json().get("refresh_token").asText()).status())
                .as("another user's refresh token").isEqualTo(200);

        List<Delivery> got = deliveries(2);
        assertThat(got).extracting(Delivery::path).containsExactly("/bcl/pw", "/bcl/pw");
        var sids = new ArrayList<String>();
        for (Delivery d : got) {
            JWTClaimsSet c = verified(d.logoutToken());
            assertThat(c.getSubject()).isEqualTo(userId);
            sids.add(c.getStringClaim("sid"));
        }
        assertThat(sids).containsExactlyInAnyOrder(
                Protocol.claims(a.json().get("id_token").asText()).getStringClaim("sid"),
                Protocol.claims(b.json().get("id_token").asText()).getStringClaim("sid"));

        for (Browser signedOut : List.of(first, second)) {
            Response none = silentAuthorize(signedOut, client);
            assertThat(Browser.query(none.header("Location")).get("error")).isEqualTo("login_required");
        }
        Response stillSignedIn = silentAuthorize(otherUsers, client);
        assertThat(Browser.query(stillSignedIn.header("Location"))).containsKey("code").doesNotContainKey("error");
        assertThat(offlineSignIn(new Browser(server), client, user, "a brand new password 2").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Back-Channel Logout §2.8: a receiver that answers 500 does not break the logout, and is retried at most once")
    void failingReceiver() throws Exception {
        Creds client = client("backChannelLogoutUri", receiverUri("fail"),
                "postLogoutRedirectUris", List.of("https://rp.example.com/bye"));
        var browser = new Browser(server);
        String idToken = idToken(browser, client);
        Response r = browser.get(url(END_SESSION, "id_token_hint", idToken,
                "post_logout_redirect_uri", "https://rp.example.com/bye", "state", "s"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("https://rp.example.com/bye?state=s");
        List<Delivery> got = deliveries(2);
        assertThat(got).hasSize(2).extracting(Delivery::path).containsOnly("/bcl/fail");
        Response none = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "scope", "openid",
                "prompt", "none"));
        assertThat(Browser.query(none.header("Location")).get("error")).isEqualTo("login_required");
    }
}
