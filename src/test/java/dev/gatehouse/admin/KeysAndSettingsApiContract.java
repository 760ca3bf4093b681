package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.crypto.EdDsaVerifier;
import dev.gatehouse.testing.MutableClock;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3 keys and §4 /keys and /settings, end to end on each database: what the admin API answers,
 * what the token endpoint signs with, and what the JWKS publishes, as the server's clock moves on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeysAndSettingsApiContract {
    static final String TENANTS = "/api/adminapi2/v1/tenants";
    static final Duration LEAD = Duration.ofHours(1);
    static final Duration RETENTION = Duration.ofSeconds(31_536_000 + 30);
    static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials");

    TestServer server;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    abstract TestServer.Db db();

    @BeforeAll
    void start() {
        server = TestServer.start(db(), Map.of(), clock);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A tenant with an admin client (client credentials, Tenant Administrator) of its own. */
    record Tenant(String name, String id, String credentials) {}

    private Tenant newTenant(String name) {
        String installationAdmin = server.installationAdminToken();
        var created = server.postJson(TENANTS, installationAdmin, body("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var client = server.postJson(TENANTS + "/" + name + "/clients", installationAdmin, body("clientName", "admin",
                "allowedGrantTypes", List.of("client_credentials"), "roles", List.of("Tenant Administrator")));
        assertThat(client.status()).as(client.toString()).isEqualTo(201);
        return new Tenant(name, created.json().get("id").asText(),
                client.json().get("clientId").asText() + ":" + client.json().get("secret").get("value").asText());
    }

    private String token(Tenant t) {
        var r = server.postForm("/auth2/connect/token", CLIENT_CREDENTIALS, t.credentials());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("access_token").asText();
    }

    private static String keys(Tenant t) {
        return TENANTS + "/" + t.name() + "/keys";
    }

    private static String settings(Tenant t) {
        return TENANTS + "/" + t.name() + "/settings";
    }

    private Response expect(int status, Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    private JsonNode listKeys(Tenant t) {
        return expect(200, server.get(keys(t), token(t))).json();
    }

    private JWKSet jwks(Tenant t) throws Exception {
        var r = expect(200, server.get("/auth2/" + t.id() + "/.well-known/openid-configuration/jwks", null));
        return JWKSet.parse(r.body());
    }

    private static List<String> kids(JWKSet set) {
        return set.getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static SignedJWT parse(String token) throws Exception {
        return SignedJWT.parse(token);
    }

    /**
     * Validates as a resource server does with Nimbus: at+jwt, the issuer's JWKS, the one expected algorithm,
     * and the times, read on the server's clock (it runs ahead of the real one here).
     */
    private JWTClaimsSet validate(String token, JWKSet keys, JWSAlgorithm algorithm) throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("exp", "nbf")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
        return processor.process(token, null);
    }

    @Test
    void aNewTenantHasOneCurrentRs256KeyAndTheDefaultSettings() throws Exception {
        var t = newTenant("keys-new");
        var list = listKeys(t);
        assertThat(list).hasSize(1);
        var key = list.get(0);
        assertThat(key.properties()).extracting(Map.Entry::getKey)
                .containsExactly("kid", "algorithm", "status", "created", "activatesAt", "retiresAt", "expiresAt");
        assertThat(key.get("algorithm").asText()).isEqualTo("RS256");
        assertThat(key.get("status").asText()).isEqualTo("current");
        assertThat(key.get("created").asText()).isEqualTo(key.get("activatesAt").asText());
        assertThat(key.get("retiresAt").isNull()).isTrue();
        assertThat(key.get("expiresAt").isNull()).isTrue();
        assertThat(kids(jwks(t))).containsExactly(key.get("kid").asText());
        assertThat(parse(token(t)).getHeader().getKeyID()).isEqualTo(key.get("kid").asText());

        var s = expect(200, server.get(settings(t), token(t)));
        assertThat(s.body()).isEqualTo("{\"signingAlgorithm\":\"RS256\",\"exactRedirectUris\":false,"
                + "\"signInMaxFailures\":5,\"signInLockoutSeconds\":300}");
    }

    @Test
    void aRotatedKeyIsPublishedFirstSignsAfterTheLeadTimeAndTheOldOneStillVerifies() throws Exception {
        var t = newTenant("keys-rotate");
        String oldToken = token(t);
        String oldKid = parse(oldToken).getHeader().getKeyID();
        Instant rotatedAt = clock.instant();

        var rotated = expect(201, server.send("POST", keys(t) + "/rotate", Map.of("Authorization", "Bearer " + oldToken),
                null)).json();
        String newKid = rotated.get("kid").asText();
        assertThat(rotated.get("status").asText()).isEqualTo("next");
        assertThat(rotated.get("algorithm").asText()).isEqualTo("RS256");
        assertThat(Instant.parse(rotated.get("created").asText())).isEqualTo(rotatedAt);
        assertThat(Instant.parse(rotated.get("activatesAt").asText())).isEqualTo(rotatedAt.plus(LEAD));
        assertThat(rotated.get("retiresAt").isNull()).isTrue();

        var list = listKeys(t);
        assertThat(list.findValuesAsText("kid")).containsExactly(newKid, oldKid);
        assertThat(list.findValuesAsText("status")).containsExactly("next", "current");
        assertThat(Instant.parse(list.get(1).get("retiresAt").asText())).isEqualTo(rotatedAt.plus(LEAD));
        assertThat(Instant.parse(list.get(1).get("expiresAt").asText())).isEqualTo(rotatedAt.plus(LEAD).plus(RETENTION));
        // published before it signs
        assertThat(kids(jwks(t))).containsExactly(newKid, oldKid);
        assertThat(parse(token(t)).getHeader().getKeyID()).isEqualTo(oldKid);

        clock.advance(LEAD);
        String newToken = token(t);
        assertThat(parse(newToken).getHeader().getKeyID()).isEqualTo(newKid);
        JWKSet published = jwks(t);
        assertThat(kids(published)).containsExactly(newKid, oldKid);
        assertThat(validate(newToken, published, JWSAlgorithm.RS256).getIssuer()).endsWith("/auth2/" + t.id());
        assertThat(validate(oldToken, published, JWSAlgorithm.RS256).getIssuer()).endsWith("/auth2/" + t.id());
        assertThat(listKeys(t).findValuesAsText("status")).containsExactly("current", "retired");
        // a token signed by the retired key still opens the admin API
        assertThat(server.get(keys(t), oldToken).status()).isEqualTo(200);

        var events = expect(200, server.get(TENANTS + "/" + t.name() + "/events?action=key.rotated", newToken)).json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("targetId").asText()).isEqualTo(newKid);
        assertThat(events.get(0).get("actorType").asText()).isEqualTo("client");
        assertThat(events.get(0).get("details")).isEqualTo(TestServer.JSON.readTree("{\"algorithm\":\"RS256\","
                + "\"immediate\":false,\"activatesAt\":\"" + rotatedAt.plus(LEAD) + "\"}"));
    }

    @Test
    void anImmediateRotationSignsAtOnceAndKeepsTheOldKeyPublished() throws Exception {
        var t = newTenant("keys-immediate");
        String oldToken = token(t);
        String oldKid = parse(oldToken).getHeader().getKeyID();
        var rotated = expect(201, server.postJson(keys(t) + "/rotate", oldToken, body("immediate", true))).json();
        String newKid = rotated.get("kid").asText();
        assertThat(rotated.get("status").asText()).isEqualTo("current");
        assertThat(Instant.parse(rotated.get("activatesAt").asText())).isEqualTo(clock.instant());

        assertThat(parse(token(t)).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(kids(jwks(t))).containsExactly(newKid, oldKid);
        assertThat(listKeys(t).findValuesAsText("status")).containsExactly("current", "retired");
        assertThat(server.get(settings(t), oldToken).status()).isEqualTo(200);
    }

    @Test
    void aTenantSwitchedToEs256IssuesEs256TokensThatVerifyAgainstItsJwks() throws Exception {
        var t = newTenant("keys-es256");
        String rsaKid = parse(token(t)).getHeader().getKeyID();
        var changed = expect(200, server.patchJson(settings(t), token(t), body("signingAlgorithm", "ES256"))).json();
        assertThat(changed.get("signingAlgorithm").asText()).isEqualTo("ES256");
        assertThat(changed.get("signInMaxFailures").asInt()).isEqualTo(5);

        var list = listKeys(t);
        assertThat(list.findValuesAsText("algorithm")).containsExactly("ES256", "RS256");
        assertThat(list.findValuesAsText("status")).containsExactly("next", "current");
        assertThat(parse(token(t)).getHeader().getAlgorithm()).as("until the lead time has passed")
                .isEqualTo(JWSAlgorithm.RS256);

        clock.advance(LEAD);
        String token = token(t);
        assertThat(parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWKSet published = jwks(t);
        assertThat(published.getKeyByKeyId(rsaKid)).isNotNull();
        assertThat(published.getKeyByKeyId(parse(token).getHeader().getKeyID()).toECKey().getCurve())
                .isEqualTo(Curve.P_256);
        assertThat(validate(token, published, JWSAlgorithm.ES256).getSubject()).isEqualTo(t.credentials().split(":")[0]);
        assertThat(server.get(keys(t), token).status()).isEqualTo(200);

        var discovery = expect(200, server.get("/auth2/" + t.name() + "/.well-known/openid-configuration", null)).json();
        assertThat(discovery.get("access_token_signing_alg_values_supported").toString())
                .isEqualTo("[\"ES256\",\"RS256\"]");
        var events = expect(200, server.get(TENANTS + "/" + t.name() + "/events?action=tenant.settings.updated",
                token)).json();
        assertThat(events.get(0).get("details").toString()).isEqualTo("{\"changed\":[\"signingAlgorithm\"]}");
    }

    @Test
    void aTenantSwitchedToEdDsaIssuesEdDsaTokensThatVerifyAgainstItsJwks() throws Exception {
        var t = newTenant("keys-eddsa");
        String rsaToken = token(t);
        expect(200, server.putJson(settings(t), rsaToken, body("signingAlgorithm", "EdDSA")));
        var rotated = expect(201, server.postJson(keys(t) + "/rotate", rsaToken, body("immediate", true))).json();
        assertThat(rotated.get("algorithm").asText()).isEqualTo("EdDSA");
        // the waiting EdDSA key from the settings change never signed: the immediate one replaced it
        assertThat(listKeys(t).findValuesAsText("algorithm")).containsExactly("EdDSA", "RS256");

        String token = token(t);
        var jwt = parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(rotated.get("kid").asText());
        var jwksBody = expect(200, server.get("/auth2/" + t.id() + "/.well-known/openid-configuration/jwks", null)).body();
        assertThat(jwksBody).doesNotContain("\"d\"");
        var okp = (OctetKeyPair) JWKSet.parse(jwksBody).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(okp.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(okp.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(okp.getX().decode()).hasSize(32);
        assertThat(jwt.verify(new EdDsaVerifier(okp))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).endsWith("/auth2/" + t.id());
        assertThat(server.get(keys(t), token).status()).isEqualTo(200);
        assertThat(server.get(keys(t), rsaToken).status()).isEqualTo(200);
        var discovery = expect(200, server.get("/auth2/" + t.id() + "/.well-known/openid-configuration", null)).json();
        assertThat(discovery.get("access_token_signing_alg_values_supported").toString())
                .isEqualTo("[\"EdDSA\",\"RS256\"]");
    }

    @Test
    void badRotationRequestsAreRefusedAndChangeNothing() {
        var t = newTenant("keys-bad");
        String token = token(t);
        String path = keys(t) + "/rotate";
        var wrongType = expect(400, server.postJson(path, token, body("immediate", "yes"))).json();
        assertThat(wrongType.get("errors").toString()).isEqualTo("{\"immediate\":[\"must be true or false\"]}");
        var unknown = expect(400, server.postJson(path, token, body("immediate", true, "algorithm", "ES256"))).json();
        assertThat(unknown.get("errors").toString()).isEqualTo("{\"algorithm\":[\"is not a known field\"]}");
        var nul = expect(400, server.postJson(path, token, "{\"immediate\":null}")).json();
        assertThat(nul.get("errors").toString()).isEqualTo("{\"immediate\":[\"must not be null\"]}");
        expect(400, server.postJson(path, token, "[]"));
        expect(400, server.postJson(path, token, "{\"immediate\":"));
        expect(415, server.send("POST", path, Map.of("Authorization", "Bearer " + token, "Content-Type", "text/plain"),
                "{\"immediate\":true}"));
        assertThat(listKeys(t)).hasSize(1);

        expect(401, server.postJson(path, null, body()));
        expect(401, server.get(keys(t), token + "x"));
        var other = newTenant("keys-other");
        expect(403, server.postJson(path, token(other), body()));
        expect(403, server.get(settings(t), token(other)));
        expect(403, server.postJson(TENANTS + "/no-such-tenant/keys/rotate", token, body()));
        expect(404, server.postJson(TENANTS + "/no-such-tenant/keys/rotate", server.installationAdminToken(), body()));
        expect(405, server.get(path, token));
        assertThat(listKeys(t)).hasSize(1);
        // an empty JSON object is the same as no body
        assertThat(expect(201, server.postJson(path, token, body())).json().get("status").asText()).isEqualTo("next");
        assertThat(expect(201, server.postJson("/api/adminapi2/v2/tenants/" + t.id() + "/keys/rotate", token, ""))
                .json().get("status").asText()).isEqualTo("next");
    }

    @Test
    void anInstallationAdministratorRotatesTheKeysOfADisabledTenantItsOwnAdminsCannotReach() {
        var t = newTenant("keys-disabled");
        String tenantToken = token(t);
        String installationAdmin = server.installationAdminToken();
        expect(200, server.patchJson(TENANTS + "/" + t.name(), installationAdmin, body("enabled", false)));
        expect(403, server.postJson(keys(t) + "/rotate", tenantToken, body()));
        expect(403, server.patchJson(settings(t), tenantToken, body("exactRedirectUris", true)));
        var rotated = expect(201, server.postJson(keys(t) + "/rotate", installationAdmin, body("immediate", true)));
        assertThat(rotated.json().get("status").asText()).isEqualTo("current");
        var events = expect(200, server.get(TENANTS + "/" + t.name() + "/events?action=key.rotated",
                installationAdmin)).json();
        assertThat(events.get(0).get("actorType").asText()).isEqualTo("user");
    }

    @Test
    void badSettingsAreRefusedFieldByFieldAndChangeNothing() {
        var t = newTenant("settings-bad");
        String token = token(t);
        var all = expect(400, server.patchJson(settings(t), token, body("signingAlgorithm", "HS256",
                "exactRedirectUris", "no", "signInMaxFailures", 0, "signInLockoutSeconds", 86_401, "colour", "red")))
                .json();
        assertThat(all.get("errors").toString()).isEqualTo("{\"colour\":[\"is not a known field\"],"
                + "\"signingAlgorithm\":[\"must be one of RS256, ES256, EdDSA\"],"
                + "\"exactRedirectUris\":[\"must be true or false\"],"
                + "\"signInMaxFailures\":[\"must be between 1 and 100\"],"
                + "\"signInLockoutSeconds\":[\"must be between 1 and 86400 seconds\"]}");
        var types = expect(400, server.putJson(settings(t), token, body("signingAlgorithm", null,
                "signInMaxFailures", 1.5, "signInLockoutSeconds", "300"))).json();
        assertThat(types.get("errors").toString()).isEqualTo("{\"signingAlgorithm\":[\"must not be null\"],"
                + "\"signInMaxFailures\":[\"must be a whole number\"],\"signInLockoutSeconds\":[\"must be a whole number\"]}");
        expect(400, server.patchJson(settings(t), token, body("signInMaxFailures", 101)));
        expect(400, server.patchJson(settings(t), token, body("signingAlgorithm", "eddsa")));
        expect(400, server.patchJson(settings(t), token, "\"RS256\""));
        expect(415, server.send("PUT", settings(t), Map.of("Authorization", "Bearer " + token), "{}"));
        assertThat(expect(200, server.get(settings(t), token)).body()).isEqualTo("{\"signingAlgorithm\":\"RS256\","
                + "\"exactRedirectUris\":false,\"signInMaxFailures\":5,\"signInLockoutSeconds\":300}");
        assertThat(listKeys(t)).hasSize(1);
        var events = expect(200, server.get(TENANTS + "/" + t.name() + "/events?action=tenant.settings.updated",
                token)).json();
        assertThat(events).isEmpty();
    }

    @Test
    void patchChangesOnlyWhatItNamesAndPutResetsTheRest() {
        var t = newTenant("settings-put");
        String token = token(t);
        var lowest = expect(200, server.patchJson(settings(t), token, body("signInMaxFailures", 1,
                "signInLockoutSeconds", 1))).body();
        assertThat(lowest).isEqualTo("{\"signingAlgorithm\":\"RS256\",\"exactRedirectUris\":false,"
                + "\"signInMaxFailures\":1,\"signInLockoutSeconds\":1}");
        var highest = expect(200, server.patchJson(settings(t), token, body("signInMaxFailures", 100,
                "signInLockoutSeconds", 86_400, "exactRedirectUris", true))).body();
        assertThat(highest).isEqualTo("{\"signingAlgorithm\":\"RS256\",\"exactRedirectUris\":true,"
                + "\"signInMaxFailures\":100,\"signInLockoutSeconds\":86400}");
        assertThat(expect(200, server.get(settings(t), token)).body()).isEqualTo(highest);
        var put = expect(200, server.putJson(settings(t), token, body("signInLockoutSeconds", 60))).body();
        assertThat(put).isEqualTo("{\"signingAlgorithm\":\"RS256\",\"exactRedirectUris\":false,"
                + "\"signInMaxFailures\":5,\"signInLockoutSeconds\":60}");
        assertThat(listKeys(t)).as("the algorithm did not change: no rotation").hasSize(1);
        // same algorithm again: still no rotation
        expect(200, server.patchJson(settings(t), token, body("signingAlgorithm", "RS256")));
        assertThat(listKeys(t)).hasSize(1);
    }

    @Test
    void exactRedirectUrisSilencesThePrefixWarning() {
        var t = newTenant("settings-exact");
        String token = token(t);
        String clients = TENANTS + "/" + t.name() + "/clients";
        var prefix = body("redirectUris", List.of("https://app.example.com"));
        assertThat(expect(201, server.postJson(clients, token, prefix)).json().get("warnings")).hasSize(1);
        expect(200, server.patchJson(settings(t), token, body("exactRedirectUris", true)));
        assertThat(expect(201, server.postJson(clients, token, prefix)).json().get("warnings")).isEmpty();
    }

    @Test
    void rotationsStopAtTwentyPublishedKeysAndASettingsChangeNeedingOneChangesNothing() {
        var t = newTenant("keys-full");
        String token = token(t);
        expect(200, server.patchJson(settings(t), token, body("signingAlgorithm", "ES256")));
        // the first immediate rotation replaces the waiting ES256 key: 1 RS256 + 19 ES256 keys
        for (int i = 0; i < 19; i++) expect(201, server.postJson(keys(t) + "/rotate", token, body("immediate", true)));
        assertThat(listKeys(t)).hasSize(20);
        var full = expect(409, server.postJson(keys(t) + "/rotate", token, body("immediate", true))).json();
        assertThat(full.get("detail").asText()).startsWith("The issuer already publishes 20 keys, the most it may.");
        var refused = expect(409, server.patchJson(settings(t), token, body("signingAlgorithm", "EdDSA",
                "signInMaxFailures", 9)));
        assertThat(refused.json().get("status").asInt()).isEqualTo(409);
        assertThat(expect(200, server.get(settings(t), token)).json().get("signingAlgorithm").asText())
                .isEqualTo("ES256");
        assertThat(expect(200, server.get(settings(t), token)).json().get("signInMaxFailures").asInt()).isEqualTo(5);
        assertThat(listKeys(t)).hasSize(20);
    }

    @Test
    void keysRotateOnScheduleOnceEvenWhenTwoChecksRunAtOnce() throws Exception {
        var t = newTenant("keys-schedule");
        String oldKid = parse(token(t)).getHeader().getKeyID();
        clock.advance(Duration.ofDays(90));
        var barrier = new CyclicBarrier(2);
        Callable<Integer> check = () -> {
            barrier.await();
            return server.app().keyService().rotateDue();
        };
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (var f : pool.invokeAll(List.of(check, check))) f.get();
        }
        var list = listKeys(t);
        assertThat(list.findValuesAsText("status")).containsExactly("next", "current");
        assertThat(list.get(1).get("kid").asText()).isEqualTo(oldKid);
        assertThat(Instant.parse(list.get(0).get("activatesAt").asText())).isEqualTo(clock.instant().plus(LEAD));
        var installation = expect(200, server.get("/auth2/.well-known/openid-configuration/jwks", null));
        assertThat(installation.json().get("keys")).hasSize(2);
        var events = expect(200, server.get(TENANTS + "/" + t.name() + "/events?action=key.rotated", token(t))).json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("actor").asText()).isEqualTo("key-rotation");
        assertThat(events.get(0).get("actorType").asText()).isEqualTo("system");

        assertThat(server.app().keyService().rotateDue()).as("nothing is due any more").isZero();
        clock.advance(LEAD);
        assertThat(parse(token(t)).getHeader().getKeyID()).isEqualTo(list.get(0).get("kid").asText());
    }
}
