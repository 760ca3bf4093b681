package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4 client field table: allowedCorsOrigins, backChannelLogoutUri and postLogoutRedirectUris shapes. */
class UriRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "[::1]", "::1"})
    void loopbackHosts(String host) {
        assertThat(UriRules.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost.example.com", "127.0.0.2", "0.0.0.0", "[::2]", ""})
    void otherHostsAreNotLoopback(String host) {
        assertThat(UriRules.isLoopback(host)).isFalse();
    }

    @Test
    void aMissingHostIsNotLoopback() {
        assertThat(UriRules.isLoopback(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "http://localhost:3000", "https://app.example.com:8443",
            "HTTPS://APP.EXAMPLE.COM", "http://127.0.0.1:8080", "http://[::1]:8080"})
    void anOriginIsSchemeHostAndOptionalPort(String value) {
        assertThat(UriRules.originProblem(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/", "https://app.example.com/path", "https://app.example.com?x=1",
            "https://app.example.com?", "https://app.example.com#top", "https://user@app.example.com",
            "https://user:pw@app.example.com"})
    void anOriginWithPathQueryFragmentOrUserinfoIsRefused(String value) {
        assertThat(UriRules.originProblem(value)).contains("must be an origin with no path, query or fragment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.example.com", "ftp://files.example.com", "https:app.example.com", "*",
            "https://", "null", "https://exa mple.com"})
    void somethingThatIsNotAnHttpOriginIsRefused(String value) {
        assertThat(UriRules.originProblem(value)).contains("must be an origin such as https://app.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankOriginIsRefused(String value) {
        assertThat(UriRules.originProblem(value)).contains("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/logout", "https://app.example.com", "HTTPS://app.example.com/bc",
            "http://localhost/logout", "http://localhost:8080/logout", "http://127.0.0.1/logout",
            "http://[::1]:9000/logout"})
    void httpsRuleAcceptsHttpsAndHttpOnlyOnLoopback(String value) {
        assertThat(UriRules.httpsUriProblem(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example.com/logout", "http://localhost.example.com/logout",
            "http://10.0.0.1/logout", "ftp://localhost/logout", "wss://app.example.com/logout"})
    void httpsRuleRefusesPlainHttpElsewhereAndOtherSchemes(String value) {
        assertThat(UriRules.httpsUriProblem(value)).contains("must use https (http only for localhost)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///logout", "https:/logout", "mailto:ops@example.com"})
    void httpsRuleRefusesAUriWithoutAHost(String value) {
        assertThat(UriRules.httpsUriProblem(value)).contains("must name a host");
    }

    @Test
    void httpsRuleAppliesTheAbsoluteUriRulesFirst() {
        assertThat(UriRules.httpsUriProblem("/logout")).contains("must be an absolute URI");
        assertThat(UriRules.httpsUriProblem("https://app.example.com/logout#x")).contains("must not contain a fragment");
        assertThat(UriRules.httpsUriProblem(" ")).contains("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/signed-out", "http://app.example.com/bye", "com.example.app:/bye"})
    void absoluteUrisAreAccepted(String value) {
        assertThat(UriRules.absoluteUriProblem(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/signed-out", "signed-out", "//app.example.com/bye", "https://app.example.com/a b"})
    void relativeOrUnparseableUrisAreRefused(String value) {
        assertThat(UriRules.absoluteUriProblem(value)).contains("must be an absolute URI");
    }

    @Test
    void absoluteUriRulesRefuseBlankFragmentAndOverlongValues() {
        assertThat(UriRules.absoluteUriProblem("")).contains("must not be blank");
        assertThat(UriRules.absoluteUriProblem("https://app.example.com/bye#x")).contains("must not contain a fragment");
        String base = "https://app.example.com/";
        String exactly2000 = base + "a".repeat(2000 - base.length());
        assertThat(UriRules.absoluteUriProblem(exactly2000)).isEmpty();
        assertThat(UriRules.absoluteUriProblem(exactly2000 + "a")).contains("must be at most 2000 characters");
    }
}
