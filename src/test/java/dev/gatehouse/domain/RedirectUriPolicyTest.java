package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 redirect URI matching and §4 redirectUris: prefix or exact matching, shape rules, risky prefixes. */
class RedirectUriPolicyTest {
    private static final List<String> REGISTERED = List.of("https://app.example.com/cb", "https://myDomain.");

    @Test
    void prefixMatchingAdmitsTheRegisteredValueItself() {
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/cb", false)).isTrue();
    }

    @Test
    void prefixMatchingAdmitsEveryUriThatStartsWithARegisteredValue() {
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/cb?tab=2", false)).isTrue();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/cb/deeper", false)).isTrue();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://myDomain.com/anything", false)).isTrue();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://myDomain.evil.net/", false)).isTrue();
    }

    @Test
    void prefixMatchingRefusesUrisThatDoNotStartWithARegisteredValue() {
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/c", false)).isFalse();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/other", false)).isFalse();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "http://app.example.com/cb", false)).isFalse();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://mydomain.com/", false)).isFalse();
    }

    @Test
    void exactMatchingAdmitsOnlyARegisteredValueCharacterForCharacter() {
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/cb", true)).isTrue();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://myDomain.", true)).isTrue();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/cb?tab=2", true)).isFalse();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://app.example.com/cb/", true)).isFalse();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "https://myDomain.com/anything", true)).isFalse();
        assertThat(RedirectUriPolicy.matches(REGISTERED, "HTTPS://app.example.com/cb", true)).isFalse();
    }

    @Test
    void nothingMatchesWhenNothingIsRegistered() {
        assertThat(RedirectUriPolicy.matches(List.of(), "https://app.example.com/cb", false)).isFalse();
        assertThat(RedirectUriPolicy.matches(List.of(), "https://app.example.com/cb", true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example.com/cb",
            "https://app.example.com",
            "https://myDomain.",
            "http://localhost:8080/callback",
            "http://127.0.0.1/cb",
            "http://[::1]:3000/cb",
            "https://app.example.com/cb?x=1",
            "com.example.app:/cb",
            "com.example.app://callback",
            "urn:ietf:wg:oauth:2.0:oob"})
    void acceptsAbsoluteUrisAndPrefixes(String value) {
        assertThat(RedirectUriPolicy.invalidReason(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript://x/%0aalert(1)", "data:text/html,hi", "vbscript:x",
            "blob:https://app.example.com/1"})
    void refusesSchemesThatRunContent(String value) {
        assertThat(RedirectUriPolicy.invalidReason(value).orElseThrow()).startsWith("must not use the ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t"})
    void refusesBlankValues(String value) {
        assertThat(RedirectUriPolicy.invalidReason(value)).contains("must not be blank");
    }

    @Test
    void acceptsFourHundredCharactersAndRefusesMore() {
        String base = "https://app.example.com/";
        String exactly400 = base + "a".repeat(400 - base.length());
        assertThat(exactly400).hasSize(400);
        assertThat(RedirectUriPolicy.invalidReason(exactly400)).isEmpty();
        assertThat(RedirectUriPolicy.invalidReason(exactly400 + "a")).contains("must be at most 400 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb#frag", "https://app.example.com/cb#", "com.example.app:/cb#x"})
    void refusesAFragment(String value) {
        assertThat(RedirectUriPolicy.invalidReason(value)).contains("must not contain a fragment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cb", "cb", "app.example.com/cb", "//app.example.com/cb", "https://", "https ://app/cb",
            "https://app.example.com/a b"})
    void refusesRelativeOrUnparseableValues(String value) {
        assertThat(RedirectUriPolicy.invalidReason(value)).contains("must be an absolute URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:/cb", "https:cb", "http:///cb", "HTTPS:/cb", "http:app.example.com"})
    void refusesHttpAndHttpsWithoutAHost(String value) {
        assertThat(RedirectUriPolicy.invalidReason(value)).contains("must name a host");
    }

    @Test
    void warnsAboutAPrefixThatEndsInsideTheHost() {
        assertThat(RedirectUriPolicy.riskWarning("https://myDomain.")).contains("'https://myDomain.' does not end at a"
                + " path boundary after the host, so as a prefix it also admits other hosts; end it with '/' or"
                + " turn on exactRedirectUris");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "https://app.example.com:8443", "http://localhost:8080",
            "HTTPS://APP.EXAMPLE.COM"})
    void warnsAboutAHostWithoutATrailingSlash(String value) {
        assertThat(RedirectUriPolicy.riskWarning(value)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("'" + value + "' does not end at a path boundary after the host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example.com/cb", "http://10.0.0.5/cb", "http://localhost.example.com/cb",
            "HTTP://app.example.com/cb"})
    void warnsAboutPlainHttpOnANonLoopbackHost(String value) {
        assertThat(RedirectUriPolicy.riskWarning(value)).contains("'" + value + "' uses plain http on a non-loopback host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb", "https://app.example.com/", "https://app.example.com:8443/cb",
            "http://localhost:8080/cb", "http://127.0.0.1/cb", "http://[::1]:3000/cb", "com.example.app:/cb",
            "com.example.app://callback", "urn:ietf:wg:oauth:2.0:oob"})
    void noWarningForAPrefixEndingAtAPathBoundaryOrACustomScheme(String value) {
        assertThat(RedirectUriPolicy.riskWarning(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb", "https://app.example.com/cb?x=1&y=%20",
            "http://localhost:3000/callback", "com.example.app:/oauth2redirect", "https://app.example.com/a..b/c"})
    void requestedUrisThatCanBeUsed(String uri) {
        assertThat(RedirectUriPolicy.requestedUriProblem(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb#x", "https://user@app.example.com/cb",
            "https://app.example.com@evil.example/", "https://app.example.com\\@evil.example/",
            "https://app.example.com/cb/../admin", "https://app.example.com/cb/%2E%2E/admin",
            "https://app.example.com/cb/./x", "https://app.example.com/c b", "https://app.example.com/\u0000",
            "/relative/path", "urn:ietf:wg:oauth:2.0:oob", "not a uri"})
    void requestedUrisThatCannotBeUsed(String uri) {
        assertThat(RedirectUriPolicy.requestedUriProblem(uri)).as(uri).isPresent();
    }
}
