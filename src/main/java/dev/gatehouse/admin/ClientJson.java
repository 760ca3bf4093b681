package dev.gatehouse.admin;

import dev.gatehouse.admin.ClientService.IssuedSecret;
import dev.gatehouse.admin.ClientService.SavedClient;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientBuilder;
import dev.gatehouse.domain.ClientSecret;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RefreshTokenUsage;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin API's JSON form of a client and its secrets, both ways. */
final class ClientJson {
    /** Every writable field, plus the read-only ones a client may send back unchanged from a GET. */
    static final Set<String> FIELDS = Set.of("clientId", "clientName", "enabled", "allowOfflineAccess",
            "allowRememberConsent", "backChannelLogoutSessionRequired", "backChannelLogoutUri", "requireClientSecret",
            "requireConsent", "allowNoPkce", "allowRopc", "allowedGrantTypes", "allowedCorsOrigins", "allowedScopes",
            "postLogoutRedirectUris", "redirectUris", "roles", "accessTokenLifetime", "refreshTokenLifetime",
            "refreshTokenUsage", "created", "updated", "warnings");
    static final Set<String> SECRET_FIELDS = Set.of("description", "startTime", "expiration");
    private static final Set<String> GRANTS = Set.of(GrantType.AUTHORIZATION_CODE.wireName(),
            GrantType.PASSWORD.wireName(), GrantType.CLIENT_CREDENTIALS.wireName());

    private ClientJson() {}

    /** Sets every field the body names on {@code b}; the rest keep the value {@code b} has. */
    static void apply(JsonRequest json, ClientBuilder b) {
        json.string("clientId").ifPresent(v -> b.clientId = v);
        json.string("clientName").ifPresent(v -> b.clientName = v);
        json.bool("enabled").ifPresent(v -> b.enabled = v);
        json.bool("allowOfflineAccess").ifPresent(v -> b.allowOfflineAccess = v);
        json.bool("allowRememberConsent").ifPresent(v -> b.allowRememberConsent = v);
        json.bool("backChannelLogoutSessionRequired").ifPresent(v -> b.backChannelLogoutSessionRequired = v);
        if (json.has("backChannelLogoutUri")) b.backChannelLogoutUri = json.nullableString("backChannelLogoutUri");
        json.bool("requireClientSecret").ifPresent(v -> b.requireClientSecret = v);
        json.bool("requireConsent").ifPresent(v -> b.requireConsent = v);
        json.bool("allowNoPkce").ifPresent(v -> b.allowNoPkce = v);
        json.stringList("allowedCorsOrigins").ifPresent(v -> b.allowedCorsOrigins = v);
        json.spaceSeparatedOrList("allowedScopes").ifPresent(v -> b.allowedScopes = v);
        json.stringList("postLogoutRedirectUris").ifPresent(v -> b.postLogoutRedirectUris = v);
        json.stringList("redirectUris").ifPresent(v -> b.redirectUris = v);
        json.stringList("roles").ifPresent(v -> b.roles = v);
        json.integer("accessTokenLifetime").ifPresent(v -> b.accessTokenLifetime = v);
        json.integer("refreshTokenLifetime").ifPresent(v -> b.refreshTokenLifetime = v);
        json.string("refreshTokenUsage").ifPresent(v -> {
            try {
                b.refreshTokenUsage = RefreshTokenUsage.valueOf(v);
            } catch (IllegalArgumentException e) {
                json.error("refreshTokenUsage", "must be OneTimeOnly or ReUse");
            }
        });
        applyGrants(json, b);
        // Read-only fields sent back from a GET are ignored, but a wrong type is still an error.
        json.instant("created");
        json.instant("updated");
        json.stringList("warnings");
    }

    /** allowRopc and allowedGrantTypes say the same thing twice; keep them in step, refuse a contradiction. */
    private static void applyGrants(JsonRequest json, ClientBuilder b) {
        var grants = json.stringList("allowedGrantTypes");
        var ropc = json.bool("allowRopc");
        if (grants.isPresent()) {
            List<String> list = grants.get();
            for (int i = 0; i < list.size(); i++) {
                if (!GRANTS.contains(list.get(i))) {
                    json.error("allowedGrantTypes[" + i + "]", "must be authorization_code, password or client_credentials");
                }
            }
            b.allowRopc = list.contains(GrantType.PASSWORD.wireName());
            b.allowClientCredentials = list.contains(GrantType.CLIENT_CREDENTIALS.wireName());
            if (ropc.isPresent() && ropc.get() != b.allowRopc) {
                json.error("allowRopc", "contradicts allowedGrantTypes");
            }
        } else {
            ropc.ifPresent(v -> b.allowRopc = v);
        }
    }

    static Map<String, Object> render(SavedClient saved) {
        Client c = saved.client();
        var m = new LinkedHashMap<String, Object>();
        m.put("clientId", c.clientId());
        m.put("clientName", c.clientName());
        m.put("enabled", c.enabled());
        m.put("allowOfflineAccess", c.allowOfflineAccess());
        m.put("allowRememberConsent", c.allowRememberConsent());
        m.put("backChannelLogoutSessionRequired", c.backChannelLogoutSessionRequired());
        m.put("backChannelLogoutUri", c.backChannelLogoutUri());
        m.put("requireClientSecret", c.requireClientSecret());
        m.put("requireConsent", c.requireConsent());
        m.put("allowNoPkce", c.allowNoPkce());
        m.put("allowRopc", c.allowRopc());
        m.put("allowedGrantTypes", c.allowedGrantTypes());
        m.put("allowedCorsOrigins", c.allowedCorsOrigins());
        m.put("allowedScopes", c.allowedScopes());
        m.put("postLogoutRedirectUris", c.postLogoutRedirectUris());
        m.put("redirectUris", c.redirectUris());
        m.put("roles", c.roles());
        m.put("accessTokenLifetime", c.accessTokenLifetime());
        m.put("refreshTokenLifetime", c.refreshTokenLifetime());
        m.put("refreshTokenUsage", c.refreshTokenUsage().name());
        m.put("created", c.created().toString());
        m.put("updated", c.updated().toString());
        m.put("warnings", saved.warnings());
        return m;
    }

    static Map<String, Object> render(ClientSecret s, Clock clock) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", s.id());
        m.put("description", s.description());
        m.put("startTime", s.startTime().toString());
        m.put("expiration", s.expiration().toString());
        m.put("valueDisplay", s.valueDisplay());
        m.put("expired", s.isExpired(clock.instant()));
        return m;
    }

    /** The one response that carries a secret's value. */
    static Map<String, Object> render(IssuedSecret issued, Clock clock) {
        var m = render(issued.secret(), clock);
        m.put("value", issued.value());
        return m;
    }
}
