package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §2: the installation issuer is {base}/auth2 and a tenant's is {base}/auth2/{tenant id}. */
class IssuersTest {
    private static final String TENANT_ID = "7c0c4b52-8a7e-4d8e-9a43-0f7d2b1c9e11";
    private final Issuers issuers = new Issuers("https://id.example.com");

    @Test
    void issuerIdentifiers() {
        assertThat(issuers.installation()).isEqualTo("https://id.example.com/auth2");
        assertThat(issuers.forTenant(TENANT_ID)).isEqualTo("https://id.example.com/auth2/" + TENANT_ID);
        assertThat(issuers.forTenant(null)).isEqualTo("https://id.example.com/auth2");
    }

    @Test
    void theAudienceIsTheApiUnderTheBaseUrl() {
        assertThat(issuers.audience()).isEqualTo("https://id.example.com/api");
    }

    @Test
    void theInstallationIssuerNamesNoTenant() {
        assertThat(issuers.tenantOf("https://id.example.com/auth2")).contains(Optional.empty());
    }

    @Test
    void aTenantIssuerNamesItsTenant() {
        assertThat(issuers.tenantOf("https://id.example.com/auth2/" + TENANT_ID)).contains(Optional.of(TENANT_ID));
    }

    @Test
    void tenantOfReversesForTenant() {
        assertThat(issuers.tenantOf(issuers.forTenant(TENANT_ID))).contains(Optional.of(TENANT_ID));
        assertThat(issuers.tenantOf(issuers.forTenant(null))).contains(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example.com/auth2",
            "https://evil.example.com/auth2/" + TENANT_ID,
            "http://id.example.com/auth2",
            "https://id.example.com.evil.net/auth2",
            "https://id.example.com/auth",
            "https://id.example.com/auth2x",
            "https://id.example.com/auth2x/" + TENANT_ID,
            "https://ID.example.com/auth2"})
    void foreignIssuersAreNotOurs(String issuer) {
        assertThat(issuers.tenantOf(issuer)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "https://id.example.com",
            "https://id.example.com/auth2/",
            "https://id.example.com/auth2/" + TENANT_ID + "/",
            "https://id.example.com/auth2/" + TENANT_ID + "/extra",
            "https://id.example.com/auth2//" + TENANT_ID,
            "not a url"})
    void malformedIssuersAreNotOurs(String issuer) {
        assertThat(issuers.tenantOf(issuer)).isEmpty();
    }

    @Test
    void aMissingIssuerIsNotOurs() {
        assertThat(issuers.tenantOf(null)).isEmpty();
    }
}
