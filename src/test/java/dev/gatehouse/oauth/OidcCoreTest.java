package dev.gatehouse.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.authorize;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.claims;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect Core 1.0: the ID token of the authorization code flow, prompt and max_age. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcCoreTest {
    static final String EMAIL = "oidc-user@example.com";
    static final String NAME = "Olga Idc";
    static final String PASSWORD = "oidc user password 1";
    static final String REDIRECT = "https://rp.example.com/cb";

    TestServer server;
    Protocol p;
    Creds client;
    String userId;
    String issuer;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        client = p.createClient("default", body("redirectUris", List.of(REDIRECT),
                "allowedScopes", List.of("openid", "profile", "email", "permissions", "publicapi.all", "offline_access")));
        var r = server.postJson("/api/adminapi2/v1/tenants/default/users", p.tenantAdminToken(),
                body("email", EMAIL, "displayName", NAME, "password", PASSWORD, "roles", List.of()));
        assertThat(r.status()).isEqualTo(201);
        userId = r.json().get("id").asText();
        issuer = server.baseUrl() + "/auth2/" + server.defaultTenantId();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Response tokens(Browser browser, String scope, String... extra) {
        Pkce pkce = Pkce.create();
        var all = new java.util.ArrayList<>(List.of("scope", scope));
        all.addAll(List.of(extra));
        var answer = authorize(browser, request(AUTHORIZE, client.clientId(), REDIRECT, pkce, all.toArray(String[]::new)),
                EMAIL, PASSWORD);
        Response r = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    @Test
    @DisplayName("OIDC Core §2 / §3.1.3.6: the ID token has iss, sub, aud, exp, iat, auth_time, nonce, at_hash, sid; typ JWT; signed by a JWKS key")
    void idTokenClaims() throws Exception {
        Response r = tokens(new Browser(server), "openid permissions");
        String idToken = r.json().get("id_token").asText();
        String accessToken = r.json().get("access_token").asText();
        SignedJWT jwt = SignedJWT.parse(idToken);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        var jwks = JWKSet.parse(server.get("/auth2/default/.well-known/openid-configuration/jwks", null).body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getIssuer()).isEqualTo(issuer);
        assertThat(c.getSubject()).isEqualTo(userId);
        assertThat(c.getAudience()).containsExactly(client.clientId());
        assertThat(c.getExpirationTime()).isAfter(c.getIssueTime());
        assertThat(c.getLongClaim("auth_time")).isLessThanOrEqualTo(c.getIssueTime().getTime() / 1000);
        assertThat(c.getStringClaim("nonce")).isEqualTo("nonce-456");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        assertThat(c.getStringClaim("at_hash"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
        var at = claims(accessToken);
        assertThat(c.getStringClaim("sid")).isNotBlank().isEqualTo(at.getStringClaim("sid"));
        assertThat(at.getLongClaim("auth_time")).isEqualTo(c.getLongClaim("auth_time"));
        assertThat(c.getClaim("email")).isNull();
        assertThat(c.getClaim("name")).isNull();
    }

    @Test
    @DisplayName("OIDC Core §5.4: email and name appear when the email and profile scopes are granted")
    void scopeClaims() throws Exception {
        Response r = tokens(new Browser(server), "openid profile email");
        var c = SignedJWT.parse(r.json().get("id_token").asText()).getJWTClaimsSet();
        assertThat(c.getStringClaim("email")).isEqualTo(EMAIL);
        assertThat(c.getStringClaim("name")).isEqualTo(NAME);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: without openid there is no ID token")
    void noOpenidNoIdToken() {
        Response r = tokens(new Browser(server), "permissions");
        assertThat(r.json().has("id_token")).isFalse();
    }

    @Test
    @DisplayName("SPEC §3: offline_access needs allowOfflineAccess; with it the code buys a refresh token that works")
    void offlineAccess() {
        Response refused = new Browser(server).get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(),
                "scope", "openid offline_access"));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location")).startsWith(REDIRECT).contains("error=invalid_scope");

        p.patchClient("default", client.clientId(), java.util.Map.of("allowOfflineAccess", true));
        try {
            Response r = tokens(new Browser(server), "openid offline_access");
            assertThat(r.json().get("scope").asText()).isEqualTo("openid offline_access");
            String refreshToken = r.json().get("refresh_token").asText();
            Response refreshed = p.tokenBasic(TOKEN, client, "grant_type", "refresh_token", "refresh_token", refreshToken);
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.json().get("refresh_token").asText()).isNotEqualTo(refreshToken);
        } finally {
            p.patchClient("default", client.clientId(), java.util.Map.of("allowOfflineAccess", false));
        }
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: a request without nonce gets an ID token without nonce")
    void noNonce() throws Exception {
        Pkce pkce = Pkce.create();
        var answer = authorize(new Browser(server), CodeFlow.url(AUTHORIZE, "client_id", client.clientId(),
                "redirect_uri", REDIRECT, "response_type", "code", "scope", "openid", "code_challenge", pkce.challenge(),
                "code_challenge_method", "S256"), EMAIL, PASSWORD);
        assertThat(answer).doesNotContainKey("state");
        var r = redeem(p, TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(SignedJWT.parse(r.json().get("id_token").asText()).getJWTClaimsSet().getClaim("nonce")).isNull();
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.6: prompt=none without a session is login_required at the redirect URI")
    void promptNoneWithoutSession() {
        Response r = new Browser(server).get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "prompt", "none"));
        assertThat(r.status()).isEqualTo(302);
        var q = Browser.query(r.header("Location"));
        assertThat(q.get("error")).isEqualTo("login_required");
        assertThat(q.get("state")).isEqualTo("state-123");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=none with a session answers at once; prompt=login asks again")
    void promptWithSession() {
        var browser = new Browser(server);
        tokens(browser, "openid");
        Response none = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "prompt", "none"));
        assertThat(none.status()).isEqualTo(302);
        assertThat(Browser.query(none.header("Location"))).containsKey("code");
        Response login = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "prompt", "login"));
        assertThat(login.header("Location")).isEqualTo("/auth2/account/login");
        Response unsupported = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "prompt", "consent"));
        assertThat(Browser.query(unsupported.header("Location")).get("error")).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1 max_age: an older sign-in must be repeated; prompt=none then gets login_required")
    void maxAge() throws Exception {
        var browser = new Browser(server);
        tokens(browser, "openid");
        Response fresh = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "max_age", "3600"));
        assertThat(Browser.query(fresh.header("Location"))).containsKey("code");
        Thread.sleep(1100);
        Response old = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "max_age", "0"));
        assertThat(old.header("Location")).isEqualTo("/auth2/account/login");
        Response none = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "max_age", "0",
                "prompt", "none"));
        assertThat(Browser.query(none.header("Location")).get("error")).isEqualTo("login_required");
        Response bad = browser.get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(), "max_age", "-1"));
        assertThat(Browser.query(bad.header("Location")).get("error")).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: after max_age forces a new sign-in, auth_time is the new one")
    void maxAgeRenewsAuthTime() throws Exception {
        var browser = new Browser(server);
        Response first = tokens(browser, "openid");
        long firstAuth = claims(first.json().get("access_token").asText()).getLongClaim("auth_time");
        Thread.sleep(1100);
        Response second = tokens(browser, "openid", "max_age", "0");
        long secondAuth = SignedJWT.parse(second.json().get("id_token").asText()).getJWTClaimsSet().getLongClaim("auth_time");
        assertThat(secondAuth).isGreaterThan(firstAuth);
    }
}
