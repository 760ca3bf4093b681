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
import java.util.Map;

import static dev.gatehouse.oauth.CodeFlow.AUTHORIZE;
import static dev.gatehouse.oauth.CodeFlow.authorize;
import static dev.gatehouse.oauth.CodeFlow.redeem;
import static dev.gatehouse.oauth.CodeFlow.url;
import static dev.gatehouse.oauth.Protocol.TOKEN;
import static dev.gatehouse.oauth.Protocol.assertError;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7636, Proof Key for Code Exchange: S256 only, required unless the client has allowNoPkce (SPEC §3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc7636PkceTest {
    static final String EMAIL = "pkce-user@example.com";
    static final String PASSWORD = "pkce user password 1";
    static final String REDIRECT = "https://pkce.example.com/cb";

    TestServer server;
    Protocol p;
    Creds client;
    Creds noPkceClient;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        client = p.createClient("default", body("redirectUris", List.of(REDIRECT)));
        noPkceClient = p.createClient("default", body("redirectUris", List.of(REDIRECT), "allowNoPkce", true));
        p.createUser("default", EMAIL, PASSWORD, List.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String request(Creds c, String challenge, String method) {
        return url(AUTHORIZE, "client_id", c.clientId(), "redirect_uri", REDIRECT, "response_type", "code",
                "scope", "openid", "state", "xyz", "code_challenge", challenge, "code_challenge_method", method);
    }

    private Map<String, String> errorAtClient(String url) {
        Response r = new Browser(server).get(url);
        assertThat(r.status()).as("%s", r).isEqualTo(302);
        assertThat(r.header("Location")).startsWith(REDIRECT);
        var q = Browser.query(r.header("Location"));
        assertThat(q.get("state")).isEqualTo("xyz");
        return q;
    }

    private Map<String, String> code(Creds c, String challenge, String method) {
        return authorize(new Browser(server), request(c, challenge, method), EMAIL, PASSWORD);
    }

    @Test
    @DisplayName("RFC 7636 §4.4.1 / SPEC §3: without code_challenge a client that must use PKCE gets invalid_request")
    void missingChallenge() {
        var q = errorAtClient(request(client, null, null));
        assertThat(q.get("error")).isEqualTo("invalid_request");
        assertThat(q.get("error_description")).contains("code_challenge");
    }

    @Test
    @DisplayName("RFC 7636 §4.3 / §7.2 / SPEC §3: the plain method is refused")
    void plainRefused() {
        Pkce pkce = Pkce.create();
        var q = errorAtClient(request(client, pkce.verifier(), "plain"));
        assertThat(q.get("error")).isEqualTo("invalid_request");
        assertThat(q.get("error_description")).contains("plain");
    }

    @Test
    @DisplayName("RFC 7636 §4.3: an absent method means plain, so it is refused too")
    void methodDefaultsToPlain() {
        var q = errorAtClient(request(client, Pkce.create().challenge(), null));
        assertThat(q.get("error")).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.3: an unknown method is refused")
    void unknownMethod() {
        assertThat(errorAtClient(request(client, Pkce.create().challenge(), "S512")).get("error")).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.1-4.2: a code_challenge shorter than 43 or longer than 128 characters is refused")
    void challengeLength() {
        assertThat(errorAtClient(request(client, "a".repeat(42), "S256")).get("error")).isEqualTo("invalid_request");
        assertThat(errorAtClient(request(client, "a".repeat(129), "S256")).get("error")).isEqualTo("invalid_request");
        assertThat(errorAtClient(request(client, "a".repeat(42) + "+", "S256")).get("error")).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.5-4.6: the right verifier redeems the code")
    void rightVerifier() {
        Pkce pkce = Pkce.create();
        var q = code(client, pkce.challenge(), "S256");
        assertThat(redeem(p, TOKEN, client, q.get("code"), REDIRECT, pkce.verifier()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 7636 §4.6: a wrong verifier is invalid_grant, and the code is spent")
    void wrongVerifier() {
        Pkce pkce = Pkce.create();
        var q = code(client, pkce.challenge(), "S256");
        assertError(redeem(p, TOKEN, client, q.get("code"), REDIRECT, Pkce.create().verifier()), 400, "invalid_grant");
        assertError(redeem(p, TOKEN, client, q.get("code"), REDIRECT, pkce.verifier()), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7636 §4.6: a missing verifier for a code with a challenge is invalid_grant")
    void missingVerifier() {
        Pkce pkce = Pkce.create();
        var q = code(client, pkce.challenge(), "S256");
        assertError(redeem(p, TOKEN, client, q.get("code"), REDIRECT, null), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7636 §4.1: a verifier shorter than 43 or longer than 128 characters is invalid_request, and the code survives")
    void verifierLength() {
        Pkce pkce = Pkce.create();
        var q = code(client, pkce.challenge(), "S256");
        assertError(redeem(p, TOKEN, client, q.get("code"), REDIRECT, "v".repeat(42)), 400, "invalid_request");
        assertError(redeem(p, TOKEN, client, q.get("code"), REDIRECT, "v".repeat(129)), 400, "invalid_request");
        assertError(redeem(p, TOKEN, client, q.get("code"), REDIRECT, "v".repeat(50) + "!"), 400, "invalid_request");
        assertThat(redeem(p, TOKEN, client, q.get("code"), REDIRECT, pkce.verifier()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 7636 §4.5 / SPEC §4 allowNoPkce: such a client may leave PKCE out, but a verifier without a challenge is invalid_grant")
    void allowNoPkce() {
        var q = code(noPkceClient, null, null);
        assertThat(redeem(p, TOKEN, noPkceClient, q.get("code"), REDIRECT, null).status()).isEqualTo(200);
        var q2 = code(noPkceClient, null, null);
        assertError(redeem(p, TOKEN, noPkceClient, q2.get("code"), REDIRECT, Pkce.create().verifier()), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 8414 §2: discovery says S256 is the only method")
    void discovery() {
        var m = server.get("/auth2/.well-known/openid-configuration", null).json();
        assertThat(m.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
    }
}
