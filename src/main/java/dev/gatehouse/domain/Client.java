package dev.gatehouse.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An API client. {@code tenantId} is null for an installation client, which serves the users of
 * every tenant. {@code pk} is the internal key; {@code clientId} is public and unique in the installation.
 */
public record Client(
        String pk,
        String clientId,
        String tenantId,
        String clientName,
        boolean enabled,
        boolean allowOfflineAccess,
        boolean allowRememberConsent,
        boolean backChannelLogoutSessionRequired,
        String backChannelLogoutUri,
        boolean requireClientSecret,
        boolean requireConsent,
        boolean allowNoPkce,
        boolean allowRopc,
        boolean allowClientCredentials,
        List<String> allowedCorsOrigins,
        List<String> allowedScopes,
        List<String> postLogoutRedirectUris,
        List<String> redirectUris,
        List<String> roles,
        int accessTokenLifetime,
        int refreshTokenLifetime,
        RefreshTokenUsage refreshTokenUsage,
        Instant created,
        Instant updated) {

    public static final int DEFAULT_ACCESS_TOKEN_LIFETIME = 86_400;
    public static final int DEFAULT_REFRESH_TOKEN_LIFETIME = 2_592_000;
    public static final int MIN_ACCESS_TOKEN_LIFETIME = 60;
    public static final int MAX_LIFETIME = 31_536_000;

    public Client {
        allowedCorsOrigins = List.copyOf(allowedCorsOrigins);
        allowedScopes = List.copyOf(allowedScopes);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        redirectUris = List.copyOf(redirectUris);
        roles = List.copyOf(roles);
    }

    public boolean isInstallationClient() {
        return tenantId == null;
    }

    /** The grant types, as the admin API shows them: authorization_code is always there. */
    public List<String> allowedGrantTypes() {
        var grants = new ArrayList<String>();
        grants.add(GrantType.AUTHORIZATION_CODE.wireName());
        if (allowRopc) grants.add(GrantType.PASSWORD.wireName());
        if (allowClientCredentials) grants.add(GrantType.CLIENT_CREDENTIALS.wireName());
        return grants;
    }

    public boolean allows(GrantType grant) {
        return switch (grant) {
            case AUTHORIZATION_CODE -> true;
            case REFRESH_TOKEN -> allowOfflineAccess;
            case PASSWORD -> allowRopc;
            case CLIENT_CREDENTIALS -> allowClientCredentials;
        };
    }
}
