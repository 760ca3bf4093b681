package dev.gatehouse.domain;

import java.time.Instant;
import java.util.List;

/** A mutable copy of a {@link Client}, for applying a create, full or partial update field by field. */
public final class ClientBuilder {
    public String pk;
    public String clientId;
    public String tenantId;
    public String clientName;
    public boolean enabled = true;
    public boolean allowOfflineAccess = false;
    public boolean allowRememberConsent = true;
    public boolean backChannelLogoutSessionRequired = true;
    public String backChannelLogoutUri;
    public boolean requireClientSecret = true;
    public boolean requireConsent = false;
    public boolean allowNoPkce = false;
    public boolean allowRopc = false;
    public boolean allowClientCredentials = false;
    public List<String> allowedCorsOrigins = List.of();
    public List<String> allowedScopes = Scopes.CLIENT_DEFAULT;
    public List<String> postLogoutRedirectUris = List.of();
    public List<String> redirectUris = List.of();
    public List<String> roles = List.of();
    public int accessTokenLifetime = Client.DEFAULT_ACCESS_TOKEN_LIFETIME;
    public int refreshTokenLifetime = Client.DEFAULT_REFRESH_TOKEN_LIFETIME;
    public RefreshTokenUsage refreshTokenUsage = RefreshTokenUsage.OneTimeOnly;
    public Instant created;
    public Instant updated;

    /** A builder holding every default of the admin API's field table. */
    public static ClientBuilder withDefaults() {
        return new ClientBuilder();
    }

    public static ClientBuilder from(Client c) {
        var b = new ClientBuilder();
        b.pk = c.pk();
        b.clientId = c.clientId();
        b.tenantId = c.tenantId();
        b.clientName = c.clientName();
        b.enabled = c.enabled();
        b.allowOfflineAccess = c.allowOfflineAccess();
        b.allowRememberConsent = c.allowRememberConsent();
        b.backChannelLogoutSessionRequired = c.backChannelLogoutSessionRequired();
        b.backChannelLogoutUri = c.backChannelLogoutUri();
        b.requireClientSecret = c.requireClientSecret();
        b.requireConsent = c.requireConsent();
        b.allowNoPkce = c.allowNoPkce();
        b.allowRopc = c.allowRopc();
        b.allowClientCredentials = c.allowClientCredentials();
        b.allowedCorsOrigins = c.allowedCorsOrigins();
        b.allowedScopes = c.allowedScopes();
        b.postLogoutRedirectUris = c.postLogoutRedirectUris();
        b.redirectUris = c.redirectUris();
        b.roles = c.roles();
        b.accessTokenLifetime = c.accessTokenLifetime();
        b.refreshTokenLifetime = c.refreshTokenLifetime();
        b.refreshTokenUsage = c.refreshTokenUsage();
        b.created = c.created();
        b.updated = c.updated();
        return b;
    }

    public Client build() {
        return new Client(pk, clientId, tenantId, clientName == null ? clientId : clientName, enabled,
                allowOfflineAccess, allowRememberConsent, backChannelLogoutSessionRequired, backChannelLogoutUri,
                requireClientSecret, requireConsent, allowNoPkce, allowRopc, allowClientCredentials,
                allowedCorsOrigins, allowedScopes, postLogoutRedirectUris, redirectUris, roles,
                accessTokenLifetime, refreshTokenLifetime, refreshTokenUsage, created, updated);
    }
}
