package dev.gatehouse.login;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' Content-Security-Policy (SPEC §3 pages; CSP Level 3 form-action and source expressions). */
class PagesTest {
    @Test
    void policyAllowsOwnStylesAndFormsOnly() {
        assertThat(Pages.policy(null)).isEqualTo("default-src 'none'; style-src 'self'; img-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    @Test
    void policyAddsTheClientOriginAsFormTarget() {
        assertThat(Pages.policy("https://app.example.com:8443/cb?x=1")).contains("form-action 'self' https://app.example.com:8443;");
        assertThat(Pages.policy("com.example.app:/oauth2redirect")).contains("form-action 'self' com.example.app:;");
    }

    @Test
    void originNeverCarriesPathQueryOrOddCharacters() {
        assertThat(Pages.origin("https://app.example.com/cb;script-src *")).isNull();
        assertThat(Pages.origin("http://[::1]:3000/cb")).isEqualTo("http://[::1]:3000");
        assertThat(Pages.origin("https://a.example.com/p q")).isNull();
        assertThat(Pages.origin(null)).isNull();
    }
}
