package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §1 scopes and RFC 6749 §3.3: the scope parameter, the known scopes and global.wildcard. */
class ScopesTest {

    @Test
    void theKnownScopes() {
        assertThat(Scopes.KNOWN).containsExactlyInAnyOrder("openid", "profile", "email", "offline_access",
                "permissions", "publicapi.all", "global.wildcard");
    }

    @Test
    void clientsAreRegisteredWithOpenidPermissionsAndPublicApi() {
        assertThat(Scopes.CLIENT_DEFAULT).containsExactly("openid", "permissions", "publicapi.all");
    }

    @Test
    void parseSplitsOnSpacesKeepingOrder() {
        assertThat(Scopes.parse("openid permissions global.wildcard"))
                .containsExactly("openid", "permissions", "global.wildcard");
    }

    @Test
    void parseDropsRepeatsAndEmptyTokens() {
        assertThat(Scopes.parse("  openid  permissions openid ")).containsExactly("openid", "permissions");
    }

    @Test
    void parseOfNothingIsEmpty() {
        assertThat(Scopes.parse(null)).isEmpty();
        assertThat(Scopes.parse("")).isEmpty();
        assertThat(Scopes.parse("   ")).isEmpty();
    }

    @Test
    void parseSplitsOnlyOnTheSpaceCharacter() {
        assertThat(Scopes.parse("openid\tprofile")).containsExactly("openid\tprofile");
    }

    @Test
    void parseIsCaseSensitive() {
        assertThat(Scopes.parse("openid OpenID")).containsExactly("openid", "OpenID");
    }

    @Test
    void permitsWhatTheClientIsAllowed() {
        Set<String> allowed = Set.of("openid", "permissions", "publicapi.all");
        assertThat(Scopes.permits(allowed, "openid")).isTrue();
        assertThat(Scopes.permits(allowed, "publicapi.all")).isTrue();
        assertThat(Scopes.permits(allowed, "profile")).isFalse();
        assertThat(Scopes.permits(allowed, "OpenID")).isFalse();
    }

    @Test
    void globalWildcardRidesOnPublicApi() {
        assertThat(Scopes.permits(Set.of("publicapi.all"), "global.wildcard")).isTrue();
        assertThat(Scopes.permits(Set.of("openid", "permissions"), "global.wildcard")).isFalse();
        assertThat(Scopes.permits(Set.of("global.wildcard"), "global.wildcard")).isTrue();
    }

    @Test
    void publicApiDoesNotRideOnGlobalWildcard() {
        assertThat(Scopes.permits(Set.of("global.wildcard"), "publicapi.all")).isFalse();
    }

    @Test
    void nothingIsPermittedToAClientAllowedNothing() {
        assertThat(Scopes.permits(Set.of(), "openid")).isFalse();
        assertThat(Scopes.permits(Set.of(), "global.wildcard")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openid", "publicapi.all", "a", "!", "#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~",
            "https://api.example.com/read", "UPPER_lower"})
    void wellFormedScopeTokensUsePrintableAsciiWithoutSpaceQuoteOrBackslash(String scope) {
        assertThat(Scopes.isWellFormed(scope)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "open id", "\"quoted\"", "back\\slash", "tab\there", "new\nline", "caf\u00e9",
            "del\u007f", "nul\u0000", "\u00a0"})
    void malformedScopeTokens(String scope) {
        assertThat(Scopes.isWellFormed(scope)).isFalse();
    }
}
