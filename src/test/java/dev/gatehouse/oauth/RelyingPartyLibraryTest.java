package dev.gatehouse.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.oauth.Protocol.Creds;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.List;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standard relying-party library (the Nimbus OAuth 2.0 / OIDC SDK, which Spring Security builds
 * on) against Gatehouse with nothing adapted: discovery, the code flow with PKCE and nonce, ID token
 * validation against the JWKS, userinfo, refresh, revocation and RP-initiated logout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelyingPartyLibraryTest {
    static final URI REDIRECT = URI.create("https://rp.example.com/callback");
    static final URI AFTER_LOGOUT = URI.create("https://rp.example.com/goodbye");
    static final String EMAIL = "rp-user@example.com";
    static final String PASSWORD = "relying-party-password";
    TestServer server;
    Creds client;
    OIDCProviderMetadata provider;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(TestServer.Db.H2);
        var p = new Protocol(server);
        client = p.createClient("default", body("redirectUris", List.of(REDIRECT.toString()),
                "postLogoutRedirectUris", List.of(AFTER_LOGOUT.toString()),
                "allowOfflineAccess", true, "allowedScopes", List.of("openid", "email", "profile", "permissions")));
        p.createUser("default", EMAIL, PASSWORD, List.of("Skill User"));
        provider = OIDCProviderMetadata.resolve(new Issuer(server.baseUrl() + "/auth2/" + server.defaultTenantId()));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theWholeLifeOfASignIn() throws Exception {
        assertThat(provider.getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);
        assertThat(provider.supportsAuthorizationResponseIssuerParam()).isTrue();

        var verifier = new CodeVerifier();
        var state = new State();
        var nonce = new Nonce();
        var request = new AuthenticationRequest.Builder(new ResponseType("code"),
                new Scope("openid", "email", "offline_access"), new ClientID(client.clientId()), REDIRECT)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build();

        var browser = new Browser(server);
        CodeFlow.signIn(browser, browser.open(request.toURI().toString()), EMAIL, PASSWORD);
        var response = AuthorizationResponse.parse(URI.create(browser.leftFor()));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        assertThat(response.getIssuer()).isEqualTo(provider.getIssuer());
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        var auth = new ClientSecretBasic(new ClientID(client.clientId()), new Secret(client.secret()));
        var tokenResponse = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, REDIRECT, verifier)).toHTTPRequest().send());
        assertThat(tokenResponse.indicatesSuccess()).as("%s", tokenResponse).isTrue();
        var tokens = ((OIDCTokenResponse) tokenResponse).getOIDCTokens();

        var validator = new IDTokenValidator(provider.getIssuer(), new ClientID(client.clientId()), JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL());
        var idClaims = validator.validate(tokens.getIDToken(), nonce);
        assertThat(idClaims.getStringClaim("email")).isEqualTo(EMAIL);

        var userInfo = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                (BearerAccessToken) tokens.getAccessToken()).toHTTPRequest().send());
        assertThat(userInfo.indicatesSuccess()).isTrue();
        assertThat(userInfo.toSuccessResponse().getUserInfo().getEmailAddress()).isEqualTo(EMAIL);
        assertThat(userInfo.toSuccessResponse().getUserInfo().getSubject()).isEqualTo(idClaims.getSubject());

        var refreshed = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), auth,
                new RefreshTokenGrant(tokens.getRefreshToken())).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).isTrue();
        var newRefresh = refreshed.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(newRefresh.getValue()).isNotEqualTo(tokens.getRefreshToken().getValue());

        var revoked = new TokenRevocationRequest(provider.getRevocationEndpointURI(), auth, newRefresh)
                .toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        var afterRevocation = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), auth,
                new RefreshTokenGrant(newRefresh)).toHTTPRequest().send());
        assertThat(afterRevocation.indicatesSuccess()).isFalse();
        assertThat(afterRevocation.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");

        var logoutState = new State();
        var logout = new LogoutRequest(provider.getEndSessionEndpointURI(), tokens.getIDToken(), AFTER_LOGOUT, logoutState);
        browser.open(logout.toURI().toString());
        assertThat(browser.leftFor()).isEqualTo(AFTER_LOGOUT + "?state=" + logoutState.getValue());
    }
}
