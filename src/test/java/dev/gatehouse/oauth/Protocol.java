package dev.gatehouse.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the protocol tests share: setting up tenants, clients and users through the admin API, and
 * sending token requests the way an OAuth client would (RFC 6749 §2.3.1 Basic credentials included).
 */
final class Protocol {
    static final String TOKEN = "/auth2/connect/token";
    static final String FORM = "application/x-www-form-urlencoded";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A client as created through the admin API, with the value of its first secret (null for a public client). */
    record Creds(String clientId, String secret) {}

    final TestServer server;
    private String tenantAdminToken;
    private String installationAdminToken;

    Protocol(TestServer server) {
        this.server = server;
    }

    /** A name no other test of this run has used, for tenants, clients and emails. */
    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    String tenantAdminToken() {
        if (tenantAdminToken == null) tenantAdminToken = server.adminToken();
        return tenantAdminToken;
    }

    String installationAdminToken() {
        if (installationAdminToken == null) installationAdminToken = server.installationAdminToken();
        return installationAdminToken;
    }

    // ---- set-up through the admin API

    /** Creates a tenant and returns its id. */
    String createTenant(String name) {
        var r = server.postJson("/api/adminapi2/v1/tenants", installationAdminToken(),
                TestServer.body("name", name, "displayName", name));
        assertThat(r.status()).as("create tenant: %s", r).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** Creates a client of {@code tenant} (id or name) with the given admin API fields. */
    Creds createClient(String tenant, Map<String, Object> fields) {
        String token = tenant.equals("default") ? tenantAdminToken() : installationAdminToken();
        return created(server.postJson("/api/adminapi2/v1/tenants/" + tenant + "/clients", token, fields));
    }

    /** A client of {@code tenant} allowed the client_credentials grant, with extra fields. */
    Creds ccClient(String tenant, Object... fields) {
        var body = new HashMap<String, Object>(TestServer.body(fields));
        body.putIfAbsent("allowedGrantTypes", List.of("client_credentials"));
        return createClient(tenant, body);
    }

    /** Creates an installation client (it serves every tenant). */
    Creds createInstallationClient(Map<String, Object> fields) {
        return created(server.postJson("/api/adminapi2/v1/clients", installationAdminToken(), fields));
    }

    private static Creds created(Response r) {
        assertThat(r.status()).as("create client: %s", r).isEqualTo(201);
        JsonNode secret = r.json().get("secret");
        return new Creds(r.json().get("clientId").asText(), secret == null ? null : secret.get("value").asText());
    }

    /** Creates a user of {@code tenant} and returns its id. */
    String createUser(String tenant, String email, String password, List<String> roles) {
        var body = new HashMap<String, Object>();
        body.put("email", email);
        if (password != null) body.put("password", password);
        body.put("roles", roles);
        String token = tenant.equals("default") ? tenantAdminToken() : installationAdminToken();
        var r = server.postJson("/api/adminapi2/v1/tenants/" + tenant + "/users", token, body);
        assertThat(r.status()).as("create user: %s", r).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** PATCHes a client of {@code tenant}. */
    void patchClient(String tenant, String clientId, Map<String, Object> fields) {
        String token = tenant.equals("default") ? tenantAdminToken() : installationAdminToken();
        var r = server.patchJson("/api/adminapi2/v1/tenants/" + tenant + "/clients/" + clientId, token, fields);
        assertThat(r.status()).as("patch client: %s", r).isEqualTo(200);
    }

    /**
     * Changes a tenant's settings. The admin API has no settings resource yet, so this writes through
     * the store and publishes the change, as the service will.
     */
    void setTenantSettings(String tenant, dev.gatehouse.domain.TenantSettings settings) {
        var r = server.putJson("/api/adminapi2/v1/tenants/" + tenant + "/settings", installationAdminToken(),
                TestServer.body("signingAlgorithm", settings.signingAlgorithm().name(),
                        "exactRedirectUris", settings.exactRedirectUris(),
                        "signInMaxFailures", settings.signInMaxFailures(),
                        "signInLockoutSeconds", settings.signInLockoutSeconds()));
        assertThat(r.status()).as("set tenant settings: %s", r).isEqualTo(200);
    }

    // ---- token requests

    /** RFC 6749 §2.3.1: Basic credentials are the form-urlencoded id and secret, joined by ':' and base64-encoded. */
    static String basic(String clientId, String secret) {
        String pair = formEncode(clientId) + ":" + formEncode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A token request with client_secret_basic. */
    Response tokenBasic(String path, Creds client, Object... form) {
        return post(path, Map.of("Content-Type", FORM, "Authorization", basic(client.clientId(), client.secret())),
                TestServer.form(pairs(form)));
    }

    /** A token request with client_secret_post. */
    Response tokenPost(String path, Creds client, Object... form) {
        var params = new java.util.LinkedHashMap<>(pairs(form));
        params.put("client_id", client.clientId());
        if (client.secret() != null) params.put("client_secret", client.secret());
        return post(path, Map.of("Content-Type", FORM), TestServer.form(params));
    }

    /** A form POST of a raw body, with the given headers. */
    Response post(String path, Map<String, String> headers, String body) {
        return server.send("POST", path, headers, body);
    }

    private static Map<String, String> pairs(Object... form) {
        var m = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < form.length; i += 2) m.put((String) form[i], (String) form[i + 1]);
        return m;
    }

    // ---- assertions

    /** An RFC 6749 §5.2 error response: the status, the error code, JSON, and never cached. */
    static void assertError(Response r, int status, String error) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("error").asText()).as("error of %s", r).isEqualTo(error);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    /** invalid_client after HTTP Basic: 401 with a Basic challenge (RFC 6749 §5.2). */
    static void assertInvalidClientBasic(Response r) {
        assertError(r, 401, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
    }

    /** invalid_client without HTTP Basic: 400 and no challenge. */
    static void assertInvalidClientPost(Response r) {
        assertError(r, 400, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).isNull();
    }

    static String accessToken(Response r) {
        assertThat(r.status()).as("token response %s", r).isEqualTo(200);
        return Objects.requireNonNull(r.json().get("access_token")).asText();
    }

    static JWTClaimsSet claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    /** The JWT's payload exactly as sent, to check JSON types (an array stays an array). */
    static JsonNode rawPayload(String jwt) {
        try {
            return TestServer.JSON.readTree(JWSObject.parse(jwt).getPayload().toString());
        } catch (Exception e) {
            throw new AssertionError("not a JWS: " + jwt, e);
        }
    }
}
