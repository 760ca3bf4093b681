package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC §3 grants and §4 allowedGrantTypes: authorization_code always, the others only when enabled. */
class ClientTest {

    private static Client client(Consumer<ClientBuilder> change) {
        var b = ClientBuilder.withDefaults();
        b.clientId = "my-app";
        b.tenantId = "tenant-1";
        change.accept(b);
        return b.build();
    }

    @Test
    void aDefaultClientHasOnlyTheAuthorizationCodeGrant() {
        var c = client(b -> {});
        assertThat(c.allowedGrantTypes()).containsExactly("authorization_code");
        assertThat(c.allows(GrantType.AUTHORIZATION_CODE)).isTrue();
        assertThat(c.allows(GrantType.REFRESH_TOKEN)).isFalse();
        assertThat(c.allows(GrantType.PASSWORD)).isFalse();
        assertThat(c.allows(GrantType.CLIENT_CREDENTIALS)).isFalse();
    }

    @Test
    void ropcAddsThePasswordGrant() {
        var c = client(b -> b.allowRopc = true);
        assertThat(c.allowedGrantTypes()).containsExactly("authorization_code", "password");
        assertThat(c.allows(GrantType.PASSWORD)).isTrue();
        assertThat(c.allows(GrantType.CLIENT_CREDENTIALS)).isFalse();
    }

    @Test
    void clientCredentialsAddsItsGrant() {
        var c = client(b -> b.allowClientCredentials = true);
        assertThat(c.allowedGrantTypes()).containsExactly("authorization_code", "client_credentials");
        assertThat(c.allows(GrantType.CLIENT_CREDENTIALS)).isTrue();
        assertThat(c.allows(GrantType.PASSWORD)).isFalse();
    }

    @Test
    void everyGrantListsInAFixedOrder() {
        var c = client(b -> {
            b.allowRopc = true;
            b.allowClientCredentials = true;
            b.allowOfflineAccess = true;
        });
        assertThat(c.allowedGrantTypes()).containsExactly("authorization_code", "password", "client_credentials");
        for (GrantType grant : GrantType.values()) assertThat(c.allows(grant)).as(grant.name()).isTrue();
    }

    @Test
    void refreshTokensFollowAllowOfflineAccessAndAreNotListedAsAGrantType() {
        var c = client(b -> b.allowOfflineAccess = true);
        assertThat(c.allows(GrantType.REFRESH_TOKEN)).isTrue();
        assertThat(c.allowedGrantTypes()).containsExactly("authorization_code");
    }

    @Test
    void theAuthorizationCodeGrantCannotBeTurnedOff() {
        var c = client(b -> {
            b.enabled = false;
            b.allowNoPkce = true;
            b.requireClientSecret = false;
        });
        assertThat(c.allows(GrantType.AUTHORIZATION_CODE)).isTrue();
        assertThat(c.allowedGrantTypes()).containsExactly("authorization_code");
    }

    @Test
    void aClientWithoutATenantIsAnInstallationClient() {
        assertThat(client(b -> b.tenantId = null).isInstallationClient()).isTrue();
        assertThat(client(b -> {}).isInstallationClient()).isFalse();
    }

    @Test
    void listsAreCopiedAndImmutable() {
        var uris = new ArrayList<>(List.of("https://app.example.com/cb"));
        var c = client(b -> b.redirectUris = uris);
        uris.add("https://evil.example.com/");
        assertThat(c.redirectUris()).containsExactly("https://app.example.com/cb");
        assertThatThrownBy(() -> c.redirectUris().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderDefaultsFollowTheFieldTable() {
        var c = client(b -> {});
        assertThat(c.clientName()).isEqualTo("my-app");
        assertThat(c.enabled()).isTrue();
        assertThat(c.allowOfflineAccess()).isFalse();
        assertThat(c.allowRememberConsent()).isTrue();
        assertThat(c.backChannelLogoutSessionRequired()).isTrue();
        assertThat(c.backChannelLogoutUri()).isNull();
        assertThat(c.requireClientSecret()).isTrue();
        assertThat(c.requireConsent()).isFalse();
        assertThat(c.allowNoPkce()).isFalse();
        assertThat(c.allowRopc()).isFalse();
        assertThat(c.allowedCorsOrigins()).isEmpty();
        assertThat(c.allowedScopes()).containsExactly("openid", "permissions", "publicapi.all");
        assertThat(c.postLogoutRedirectUris()).isEmpty();
        assertThat(c.redirectUris()).isEmpty();
        assertThat(c.roles()).isEmpty();
        assertThat(c.accessTokenLifetime()).isEqualTo(86_400);
        assertThat(c.refreshTokenLifetime()).isEqualTo(2_592_000);
        assertThat(c.refreshTokenUsage()).isEqualTo(RefreshTokenUsage.OneTimeOnly);
    }

    @Test
    void aBuilderCopiesEveryField() {
        var original = client(b -> {
            b.pk = "pk-1";
            b.clientName = "Name";
            b.allowRopc = true;
            b.allowClientCredentials = true;
            b.backChannelLogoutUri = "https://app.example.com/bc";
            b.roles = List.of("Skill User");
            b.accessTokenLifetime = 600;
            b.refreshTokenUsage = RefreshTokenUsage.ReUse;
            b.created = java.time.Instant.EPOCH;
        });
        assertThat(ClientBuilder.from(original).build()).isEqualTo(original);
    }
}
