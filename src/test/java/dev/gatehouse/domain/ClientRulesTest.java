package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** SPEC §4 client field table: every rule, reported per field (with the list index for list entries). */
class ClientRulesTest {
    private static final Set<String> TENANT_ROLES = Set.of(Role.TENANT_ADMINISTRATOR, "Skill User");

    private static Client client(Consumer<ClientBuilder> change) {
        var b = ClientBuilder.withDefaults();
        b.clientId = "my-app";
        b.tenantId = "tenant-1";
        change.accept(b);
        return b.build();
    }

    private static Map<String, List<String>> errors(Consumer<ClientBuilder> change) {
        return ClientRules.validate(client(change), TENANT_ROLES).asMap();
    }

    @Test
    void aClientWithEveryDefaultIsValid() {
        assertThat(errors(b -> {})).isEmpty();
    }

    @Test
    void aClientUsingEveryFieldWithinItsRulesIsValid() {
        assertThat(errors(b -> {
            b.clientName = "Invoice reader";
            b.backChannelLogoutUri = "https://app.example.com/bc-logout";
            b.redirectUris = List.of("https://app.example.com/cb", "com.example.app:/cb");
            b.postLogoutRedirectUris = List.of("https://app.example.com/bye");
            b.allowedCorsOrigins = List.of("https://app.example.com", "http://localhost:3000");
            b.allowedScopes = List.of("openid", "profile", "email", "offline_access", "permissions",
                    "publicapi.all", "global.wildcard");
            b.roles = List.of(Role.TENANT_ADMINISTRATOR, "Skill User");
            b.accessTokenLifetime = 3600;
            b.refreshTokenLifetime = 3600;
        })).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "A.b_c~d-e", "0123456789", "gatehouse-admin", "x.y"})
    void clientIdOfAllowedCharacters(String clientId) {
        assertThat(errors(b -> b.clientId = clientId)).isEmpty();
    }

    @Test
    void clientIdOfThreeToOneHundredCharacters() {
        assertThat(errors(b -> b.clientId = "a".repeat(3))).isEmpty();
        assertThat(errors(b -> b.clientId = "a".repeat(100))).isEmpty();
        assertThat(errors(b -> b.clientId = "a".repeat(2))).containsOnlyKeys("clientId");
        assertThat(errors(b -> b.clientId = "a".repeat(101))).containsOnlyKeys("clientId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my app", "my/app", "my+app", "café-app", "app@tenant", "app:1", "app%20x"})
    void clientIdWithOtherCharactersIsRefused(String clientId) {
        assertThat(errors(b -> {
            b.clientId = clientId;
            b.clientName = "My app";
        })).containsExactly(
                entry("clientId", List.of("must be 3 to 100 characters of A-Z, a-z, 0-9, '.', '_', '~' or '-'")));
    }

    @Test
    void aMissingClientIdIsRefused() {
        assertThat(errors(b -> {
            b.clientId = null;
            b.clientName = "My app";
        })).containsOnlyKeys("clientId");
    }

    @Test
    void clientNameDefaultsToTheClientId() {
        assertThat(client(b -> b.clientName = null).clientName()).isEqualTo("my-app");
    }

    @Test
    void clientNameOfOneToTwoHundredCharacters() {
        assertThat(errors(b -> b.clientName = "x")).isEmpty();
        assertThat(errors(b -> b.clientName = "x".repeat(200))).isEmpty();
        assertThat(errors(b -> b.clientName = "x".repeat(201))).containsExactly(
                entry("clientName", List.of("must be 1 to 200 characters and not blank")));
        assertThat(errors(b -> b.clientName = "")).containsExactly(
                entry("clientName", List.of("must be 1 to 200 characters and not blank")));
    }

    @Test
    void clientNameLengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE80"; // one code point, two chars
        assertThat(errors(b -> b.clientName = emoji.repeat(200))).isEmpty();
        assertThat(errors(b -> b.clientName = emoji.repeat(201))).containsOnlyKeys("clientName");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\t\n"})
    void aBlankClientNameIsRefused(String name) {
        assertThat(errors(b -> b.clientName = name)).containsOnlyKeys("clientName");
    }

    @Test
    void accessTokenLifetimeFromSixtySecondsToOneYear() {
        assertThat(errors(b -> b.accessTokenLifetime = 60)).isEmpty();
        assertThat(errors(b -> {
            b.accessTokenLifetime = 31_536_000;
            b.refreshTokenLifetime = 31_536_000;
        })).isEmpty();
        assertThat(errors(b -> b.accessTokenLifetime = 59)).containsExactly(
                entry("accessTokenLifetime", List.of("must be between 60 and 31536000 seconds")));
        assertThat(errors(b -> b.accessTokenLifetime = 0)).containsOnlyKeys("accessTokenLifetime");
        assertThat(errors(b -> b.accessTokenLifetime = -60)).containsOnlyKeys("accessTokenLifetime");
    }

    @Test
    void accessTokenLifetimeAboveOneYearIsRefused() {
        var e = errors(b -> {
            b.accessTokenLifetime = 31_536_001;
            b.refreshTokenLifetime = 31_536_000;
        });
        assertThat(e).containsEntry("accessTokenLifetime", List.of("must be between 60 and 31536000 seconds"));
    }

    @Test
    void refreshTokenLifetimeAtMostOneYear() {
        assertThat(errors(b -> b.refreshTokenLifetime = 31_536_000)).isEmpty();
        assertThat(errors(b -> b.refreshTokenLifetime = 31_536_001)).containsExactly(
                entry("refreshTokenLifetime", List.of("must be at most 31536000 seconds")));
    }

    @Test
    void refreshTokenLifetimeAtLeastTheAccessTokenLifetime() {
        assertThat(errors(b -> {
            b.accessTokenLifetime = 3600;
            b.refreshTokenLifetime = 3600;
        })).isEmpty();
        assertThat(errors(b -> {
            b.accessTokenLifetime = 3600;
            b.refreshTokenLifetime = 3599;
        })).containsExactly(entry("refreshTokenLifetime", List.of("must be at least accessTokenLifetime")));
        assertThat(errors(b -> b.refreshTokenLifetime = Client.DEFAULT_ACCESS_TOKEN_LIFETIME - 1))
                .containsOnlyKeys("refreshTokenLifetime");
    }

    @Test
    void unknownScopesAreNamedWithTheirIndex() {
        assertThat(errors(b -> b.allowedScopes = List.of("openid", "admin.everything", "permissions", "Openid")))
                .containsExactly(
                        entry("allowedScopes[1]", List.of("'admin.everything' is not a known scope")),
                        entry("allowedScopes[3]", List.of("'Openid' is not a known scope")));
    }

    @Test
    void anEmptyScopeListIsAllowed() {
        assertThat(errors(b -> b.allowedScopes = List.of())).isEmpty();
    }

    @Test
    void rolesMustBeRolesOfTheTenant() {
        assertThat(errors(b -> b.roles = List.of("Skill User", "Skill Designer", "tenant administrator")))
                .containsExactly(
                        entry("roles[1]", List.of("'Skill Designer' is not a role here")),
                        entry("roles[2]", List.of("'tenant administrator' is not a role here")));
    }

    @Test
    void anInstallationClientMayHoldOnlyTheRolesItIsGiven() {
        var installationClient = client(b -> {
            b.tenantId = null;
            b.roles = List.of(Role.INSTALLATION_ADMINISTRATOR, Role.TENANT_ADMINISTRATOR);
        });
        assertThat(ClientRules.validate(installationClient, Set.of(Role.INSTALLATION_ADMINISTRATOR)).asMap())
                .containsExactly(entry("roles[1]", List.of("'Tenant Administrator' is not a role here")));
    }

    @Test
    void duplicatesInAListAreNamedAtEveryRepeat() {
        assertThat(errors(b -> {
            b.redirectUris = List.of("https://a.example.com/cb", "https://b.example.com/cb", "https://a.example.com/cb");
            b.postLogoutRedirectUris = List.of("https://a.example.com/bye", "https://a.example.com/bye");
            b.allowedCorsOrigins = List.of("https://a.example.com", "https://a.example.com");
            b.allowedScopes = List.of("openid", "openid", "openid");
            b.roles = List.of("Skill User", "Skill User");
        })).containsExactly(
                entry("redirectUris[2]", List.of("'https://a.example.com/cb' appears twice")),
                entry("postLogoutRedirectUris[1]", List.of("'https://a.example.com/bye' appears twice")),
                entry("allowedCorsOrigins[1]", List.of("'https://a.example.com' appears twice")),
                entry("allowedScopes[1]", List.of("'openid' appears twice")),
                entry("allowedScopes[2]", List.of("'openid' appears twice")),
                entry("roles[1]", List.of("'Skill User' appears twice")));
    }

    @Test
    void listsOfAtMostOneHundredEntries() {
        List<String> hundred = numberedUris(100);
        assertThat(errors(b -> b.redirectUris = hundred)).isEmpty();
        assertThat(errors(b -> b.redirectUris = numberedUris(101))).containsExactly(
                entry("redirectUris", List.of("must have at most 100 entries")));
        assertThat(errors(b -> b.roles = Collections.nCopies(101, "Skill User"))).containsExactly(
                entry("roles", List.of("must have at most 100 entries")));
        assertThat(errors(b -> b.allowedScopes = Collections.nCopies(101, "openid"))).containsExactly(
                entry("allowedScopes", List.of("must have at most 100 entries")));
        assertThat(errors(b -> b.allowedCorsOrigins = Collections.nCopies(101, "https://a.example.com")))
                .containsExactly(entry("allowedCorsOrigins", List.of("must have at most 100 entries")));
        assertThat(errors(b -> b.postLogoutRedirectUris = numberedUris(101))).containsExactly(
                entry("postLogoutRedirectUris", List.of("must have at most 100 entries")));
    }

    @Test
    void redirectUrisFollowTheRedirectUriPolicy() {
        assertThat(errors(b -> b.redirectUris = List.of("https://ok.example.com/cb", "/relative", "https://x/#f", " ",
                "https:/nohost")))
                .containsExactly(
                        entry("redirectUris[1]", List.of("must be an absolute URI")),
                        entry("redirectUris[2]", List.of("must not contain a fragment")),
                        entry("redirectUris[3]", List.of("must not be blank")),
                        entry("redirectUris[4]", List.of("must name a host")));
    }

    @Test
    void postLogoutRedirectUrisMustBeAbsolute() {
        assertThat(errors(b -> b.postLogoutRedirectUris = List.of("https://ok.example.com/bye", "bye")))
                .containsExactly(entry("postLogoutRedirectUris[1]", List.of("must be an absolute URI")));
    }

    @Test
    void corsOriginsMustBeOrigins() {
        assertThat(errors(b -> b.allowedCorsOrigins = List.of("https://ok.example.com", "https://ok.example.com/app")))
                .containsExactly(entry("allowedCorsOrigins[1]",
                        List.of("must be an origin with no path, query or fragment")));
    }

    @Test
    void backChannelLogoutUriMustBeHttpsExceptOnLoopback() {
        assertThat(errors(b -> b.backChannelLogoutUri = "http://localhost:8080/bc")).isEmpty();
        assertThat(errors(b -> b.backChannelLogoutUri = "http://app.example.com/bc")).containsExactly(
                entry("backChannelLogoutUri", List.of("must use https (http only for localhost)")));
        assertThat(errors(b -> b.backChannelLogoutUri = "bc")).containsExactly(
                entry("backChannelLogoutUri", List.of("must be an absolute URI")));
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        assertThat(errors(b -> {
            b.clientId = "x";
            b.clientName = " ";
            b.backChannelLogoutUri = "ftp://x.example.com/bc";
            b.redirectUris = List.of("cb");
            b.postLogoutRedirectUris = List.of("bye");
            b.allowedCorsOrigins = List.of("*");
            b.allowedScopes = List.of("nope");
            b.roles = List.of("Nobody");
            b.accessTokenLifetime = 10;
            b.refreshTokenLifetime = 5;
        })).containsOnlyKeys("clientId", "clientName", "backChannelLogoutUri", "redirectUris[0]",
                "postLogoutRedirectUris[0]", "allowedCorsOrigins[0]", "allowedScopes[0]", "roles[0]",
                "accessTokenLifetime", "refreshTokenLifetime");
    }

    @Test
    void riskyRedirectPrefixesBecomeWarnings() {
        var c = client(b -> b.redirectUris = List.of("https://app.example.com/cb", "https://myDomain.",
                "http://app.example.com/cb"));
        assertThat(ClientRules.warnings(c, false)).containsExactly(
                "'https://myDomain.' does not end at a path boundary after the host, so as a prefix it also admits"
                        + " other hosts; end it with '/' or turn on exactRedirectUris",
                "'http://app.example.com/cb' uses plain http on a non-loopback host");
    }

    @Test
    void noPrefixWarningsWhenTheTenantMatchesRedirectUrisExactly() {
        var c = client(b -> b.redirectUris = List.of("https://myDomain.", "https://app.example.com"));
        assertThat(ClientRules.warnings(c, true)).isEmpty();
    }

    private static List<String> numberedUris(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "https://app.example.com/cb" + i).toList();
    }
}
