package dev.gatehouse.domain;

import java.util.Optional;

/**
 * Issuer identifiers: {@code {base}/auth2/{tenantId}} for a tenant and {@code {base}/auth2} for the
 * installation. The audience of every access token is {@code {base}/api}, the APIs Gatehouse guards.
 */
public record Issuers(String baseUrl) {

    public String installation() {
        return baseUrl + "/auth2";
    }

    public String forTenant(String tenantId) {
        return tenantId == null ? installation() : installation() + "/" + tenantId;
    }

    public String audience() {
        return baseUrl + "/api";
    }

    /**
     * The tenant id an issuer string names: empty Optional inside for the installation issuer,
     * no result at all for a string that is not one of ours.
     */
    public Optional<Optional<String>> tenantOf(String issuer) {
        if (issuer == null) return Optional.empty();
        String root = installation();
        if (issuer.equals(root)) return Optional.of(Optional.empty());
        if (issuer.startsWith(root + "/")) {
            String id = issuer.substring(root.length() + 1);
            if (!id.isEmpty() && !id.contains("/")) return Optional.of(Optional.of(id));
        }
        return Optional.empty();
    }
}
