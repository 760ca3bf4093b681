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
import static dev.gatehouse.oauth.CodeFlow.authorize;
import static dev.gatehouse.oauth.CodeFlow.request;
import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9207, the authorization server issuer identifier in authorization responses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc9207IssParameterTest {
    static final String EMAIL = "iss-user@example.com";
    static final String PASSWORD = "iss user password 1";
    static final String REDIRECT = "https://iss.example.com/cb";

    TestServer server;
    Protocol p;
    Creds client;
    String tenantIssuer;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        p = new Protocol(server);
        client = p.createClient("default", body("redirectUris", List.of(REDIRECT), "requireConsent", true));
        p.createUser("default", EMAIL, PASSWORD, List.of());
        tenantIssuer = server.get("/auth2/default/.well-known/openid-configuration", null).json().get("issuer").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("RFC 9207 §2: a successful response carries iss, equal to the issuer in the tenant's discovery and in the tokens")
    void successCarriesIss() {
        Pkce pkce = Pkce.create();
        var browser = new Browser(server);
        Response first = browser.open(request("/auth2/default/connect/authorize", client.clientId(), REDIRECT, pkce));
        Response consent = CodeFlow.signIn(browser, first, EMAIL, PASSWORD);
        browser.submitForm(consent, "/auth2/account/consent", "decision", "allow");
        var answer = Browser.query(browser.leftFor());
        assertThat(answer.get("iss")).isEqualTo(tenantIssuer);
        var token = CodeFlow.redeem(p, Protocol.TOKEN, client, answer.get("code"), REDIRECT, pkce.verifier());
        assertThat(Protocol.claims(token.json().get("access_token").asText()).getIssuer()).isEqualTo(answer.get("iss"));
    }

    @Test
    @DisplayName("RFC 9207 §2: an error response carries iss too (access_denied after Deny)")
    void errorCarriesIss() {
        var browser = new Browser(server);
        Response first = browser.open(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create()));
        Response consent = CodeFlow.signIn(browser, first, EMAIL, PASSWORD);
        browser.submitForm(consent, "/auth2/account/consent", "decision", "deny");
        var answer = Browser.query(browser.leftFor());
        assertThat(answer.get("error")).isEqualTo("access_denied");
        assertThat(answer.get("iss")).isEqualTo(tenantIssuer);
        assertThat(answer.get("state")).isEqualTo("state-123");
    }

    @Test
    @DisplayName("RFC 9207 §2: an error before sign-in carries the issuer of the client's tenant")
    void validationErrorCarriesIss() {
        Response r = new Browser(server).get(request(AUTHORIZE, client.clientId(), REDIRECT, Pkce.create(),
                "response_type", "id_token"));
        var answer = Browser.query(r.header("Location"));
        assertThat(answer.get("error")).isEqualTo("unsupported_response_type");
        assertThat(answer.get("iss")).isEqualTo(tenantIssuer);
    }

    @Test
    @DisplayName("RFC 9207 §3 / RFC 8414: discovery announces authorization_response_iss_parameter_supported")
    void discoveryAnnounces() {
        for (String path : List.of("/auth2/.well-known/openid-configuration", "/auth2/default/.well-known/openid-configuration")) {
            var m = server.get(path, null).json();
            assertThat(m.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
            assertThat(m.get("authorization_endpoint").asText()).isEqualTo(m.get("issuer").asText() + "/connect/authorize");
            assertThat(m.get("response_types_supported").toString()).isEqualTo("[\"code\"]");
            assertThat(m.get("response_modes_supported").toString()).isEqualTo("[\"query\"]");
            assertThat(m.get("grant_types_supported").toString()).contains("\"authorization_code\"");
        }
    }

    @Test
    @DisplayName("RFC 9207 §2.4: the answer's iss is for the client to compare; it is a URL of this server")
    void issIsOurs() {
        var answer = authorize(new Browser(server), request(AUTHORIZE, p.createClient("default",
                body("redirectUris", List.of(REDIRECT))).clientId(), REDIRECT, Pkce.create()), EMAIL, PASSWORD);
        assertThat(answer.get("iss")).startsWith(server.baseUrl() + "/auth2/");
    }
}
