package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4 /clients/{clientId}/secrets, run against each database. */
abstract class SecretsApiContract extends ApiContract {
    static final String CLIENTS = "/api/adminapi2/v1/tenants/default/clients";

    private String newClient(String clientId) {
        var r = server.postJson(CLIENTS, token, body("clientId", clientId, "allowedGrantTypes", List.of("client_credentials")));
        assertThat(r.status()).isEqualTo(201);
        return clientId;
    }

    @Test
    void aNewSecretExpiresSixCalendarMonthsAfterCreationAndAuthenticates() {
        String id = newClient("secret-default");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var r = server.postJson(CLIENTS + "/" + id + "/secrets", token, body("description", "CI"));
        assertThat(r.status()).isEqualTo(201);
        var s = r.json();
        Instant start = Instant.parse(s.get("startTime").asText());
        assertThat(start).isBetween(before, Instant.now());
        assertThat(Instant.parse(s.get("expiration").asText()))
                .isEqualTo(start.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant());
        assertThat(s.get("description").asText()).isEqualTo("CI");
        assertThat(s.get("expired").asBoolean()).isFalse();
        String value = s.get("value").asText();
        assertThat(s.get("valueDisplay").asText()).isEqualTo(value.substring(0, 3));
        assertThat(r.header("Location")).isEqualTo(CLIENTS + "/" + id + "/secrets/" + s.get("id").asText());
        assertThat(server.clientCredentialsToken(id, value)).isNotBlank();
    }

    @Test
    void theListShowsValueDisplayButNeverTheValue() {
        String id = newClient("secret-list");
        var created = server.postJson(CLIENTS + "/" + id + "/secrets", token, body()).json();
        var list = server.get(CLIENTS + "/" + id + "/secrets", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(2);
        assertThat(list.body()).doesNotContain(created.get("value").asText());
        assertThat(list.json().get(1).get("valueDisplay").asText()).isEqualTo(created.get("valueDisplay").asText());
        assertThat(list.json().get(1).has("value")).isFalse();
    }

    @Test
    void theExpiryMustLieBetweenOneDayAndThreeYearsAfterTheStart() {
        String id = newClient("secret-window");
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var tooShort = server.postJson(CLIENTS + "/" + id + "/secrets", token,
                body("startTime", start.toString(), "expiration", start.plus(23, ChronoUnit.HOURS).toString()));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("errors").get("expiration").get(0).asText())
                .isEqualTo("must be at least one day after startTime");
        var tooLong = server.postJson(CLIENTS + "/" + id + "/secrets", token,
                body("startTime", start.toString(),
                        "expiration", start.atOffset(ZoneOffset.UTC).plusYears(3).plusSeconds(1).toInstant().toString()));
        assertThat(tooLong.json().get("errors").get("expiration").get(0).asText())
                .isEqualTo("must be at most three years after startTime");
        var exactlyThreeYears = server.postJson(CLIENTS + "/" + id + "/secrets", token,
                body("startTime", start.toString(),
                        "expiration", start.atOffset(ZoneOffset.UTC).plusYears(3).toInstant().toString()));
        assertThat(exactlyThreeYears.status()).isEqualTo(201);
        var notADate = server.postJson(CLIENTS + "/" + id + "/secrets", token, body("expiration", "next year"));
        assertThat(notADate.json().get("errors").get("expiration").get(0).asText()).startsWith("must be a date-time");
    }

    @Test
    void aSecretThatHasNotStartedDoesNotAuthenticateYet() {
        String id = newClient("secret-future");
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS);
        var r = server.postJson(CLIENTS + "/" + id + "/secrets", token, body("startTime", start.toString()));
        assertThat(r.status()).isEqualTo(201);
        var refused = server.postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"),
                id + ":" + r.json().get("value").asText());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aDeletedSecretStopsWorkingAtOnce() {
        String id = newClient("secret-delete");
        var s = server.postJson(CLIENTS + "/" + id + "/secrets", token, body()).json();
        String value = s.get("value").asText();
        server.clientCredentialsToken(id, value);
        assertThat(server.delete(CLIENTS + "/" + id + "/secrets/" + s.get("id").asText(), token).status()).isEqualTo(204);
        var refused = server.postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"), id + ":" + value);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(server.delete(CLIENTS + "/" + id + "/secrets/" + s.get("id").asText(), token).status()).isEqualTo(404);
    }

    @Test
    void aClientHasAtMostTwentySecrets() {
        String id = newClient("secret-limit");
        for (int i = 1; i < 20; i++) {
            assertThat(server.postJson(CLIENTS + "/" + id + "/secrets", token, body()).status()).isEqualTo(201);
        }
        var twentyFirst = server.postJson(CLIENTS + "/" + id + "/secrets", token, body());
        assertThat(twentyFirst.status()).isEqualTo(409);
        assertThat(twentyFirst.json().get("detail").asText()).contains("at most 20 secrets");
    }

    @Test
    void unknownFieldsAndClientsAreRefused() {
        String id = newClient("secret-bad");
        var unknown = server.postJson(CLIENTS + "/" + id + "/secrets", token, body("value", "my-own-secret"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get("value").get(0).asText()).isEqualTo("is not a known field");
        assertThat(server.postJson(CLIENTS + "/no-such-client/secrets", token, body()).status()).isEqualTo(404);
        assertThat(server.get(CLIENTS + "/no-such-client/secrets", token).status()).isEqualTo(404);
    }
}
